package dev.tulip;

import static dev.tulip.Coros.call;
import static dev.tulip.Coros.careful;
import static dev.tulip.Coros.job;
import static dev.tulip.Coros.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code waitFor} and {@code shield}. */
class WaitForTest {
    private final EventLoop loop = EventLoop.virtualTime();
    private final List<String> log = new ArrayList<>();

    private String outcome(Coros.Outcome o) {
        return o.error() == null ? "result " + o.value() : o.error().getClass().getSimpleName();
    }

    // ---- waitFor ----

    @Test
    void resultInTimeLeavesNoTimerBehind() {
        Object r = Tulip.run(seq(
                o -> Tulip.waitFor(job("a", 1, log), 5),
                o -> {
                    log.add(outcome(o) + " at " + loop.time());
                    return Tulip.sleep(10);
                },
                o -> {
                    log.add(outcome(o) + " at " + loop.time());
                    return null;
                }), loop);
        assertNull(r);
        assertEquals(List.of("a start", "a end", "result a at 1.0", "result null at 11.0"), log);
    }

    @Test
    void timeoutCancelsTheCoroutineAndWaitsForItsCleanup() {
        Tulip.run(seq(
                o -> Tulip.waitFor(careful("a", () -> Tulip.sleep(10), 2, log), 3),
                o -> {
                    TimeoutError e = assertInstanceOf(TimeoutError.class, o.error());
                    assertInstanceOf(CancelledError.class, e.getCause());
                    log.add("TimeoutError at " + loop.time());
                    return null;
                }), loop);
        assertEquals(List.of("a start", "a cancelled", "a cleaned up", "TimeoutError at 5.0"), log);
    }

    @Test
    void timeoutCancelsATaskAndWaitsUntilItIsDone() {
        Task<?>[] inner = new Task<?>[1];
        Tulip.run(seq(
                o -> {
                    inner[0] = Tulip.createTask(careful("a", () -> Tulip.sleep(10), 2, log));
                    return Tulip.waitFor(inner[0], 3);
                },
                o -> {
                    assertInstanceOf(TimeoutError.class, o.error());
                    assertTrue(inner[0].cancelled());
                    log.add("TimeoutError at " + loop.time());
                    return null;
                }), loop);
        assertEquals(List.of("a start", "a cancelled", "a cleaned up", "TimeoutError at 5.0"), log);
    }

    @Test
    void timeoutCancelsAFuture() {
        AsyncFuture<String> f = loop.createFuture();
        Tulip.run(seq(
                o -> Tulip.waitFor(f, 1),
                o -> {
                    log.add(outcome(o) + " at " + loop.time());
                    return null;
                }), loop);
        assertTrue(f.cancelled());
        assertEquals(List.of("TimeoutError at 1.0"), log);
    }

    @Test
    void cancellingTheWaiterCancelsTheInnerWork() {
        Task<?>[] inner = new Task<?>[2];
        Task<Object> main = loop.createTask(seq(
                o -> {
                    inner[0] = Tulip.createTask(job("t", 10, log));
                    return Tulip.waitFor(inner[0], 5);
                },
                o -> {
                    log.add("main: " + outcome(o) + " at " + loop.time());
                    return Tulip.waitFor(careful("c", () -> Tulip.sleep(10), 1, log), 5);
                },
                o -> {
                    log.add("main: " + outcome(o) + " at " + loop.time());
                    o.get();
                    return null;
                }));
        loop.callLater(1, main::cancel);
        loop.callLater(2, main::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(main));
        assertTrue(inner[0].cancelled());
        assertEquals(List.of("t start", "t cancelled", "main: CancelledError at 1.0", "c start", "c cancelled",
                "c cleaned up", "main: CancelledError at 3.0"), log);
        loop.close();
    }

    @Test
    void innerThatSwallowsTheCancellationReturnsItsResult() {
        // Python 3.12: wait_for is "async with timeout(): return await fut"; a swallowed cancellation means
        // the block ended normally, so its result is returned.
        Object r = Tulip.run(seq(
                o -> Tulip.waitFor(seq(p -> Tulip.sleep(10), p -> {
                    log.add("inner caught " + p.error().getClass().getSimpleName());
                    return null;
                }), 1),
                o -> {
                    log.add("main: " + outcome(o));
                    return null;
                }), loop);
        assertNull(r);
        assertEquals(List.of("inner caught CancelledError", "main: result null"), log);
    }

    @Test
    void innerFailureDuringCleanupIsRaisedInsteadOfTimeoutError() {
        Tulip.run(seq(
                o -> Tulip.waitFor(seq(p -> Tulip.sleep(10), p -> {
                    throw new IllegalStateException("cleanup failed");
                }), 1),
                o -> {
                    log.add("main: " + o.error().getMessage());
                    return null;
                }), loop);
        assertEquals(List.of("main: cleanup failed"), log);
    }

    @Test
    void zeroTimeoutReturnsTheResultOfADoneAwaitable() {
        AsyncFuture<String> ok = loop.createFuture();
        ok.setResult("ready");
        AsyncFuture<String> bad = loop.createFuture();
        bad.setException(new IllegalStateException("bad"));
        Task<?>[] pending = new Task<?>[1];
        Tulip.run(seq(
                o -> Tulip.waitFor(ok, 0),
                o -> {
                    log.add(outcome(o));
                    return Tulip.waitFor(bad, -1);
                },
                o -> {
                    log.add(o.error().getMessage());
                    pending[0] = Tulip.createTask(careful("p", () -> Tulip.sleep(10), 1, log));
                    return Tulip.sleep(0); // let it start
                },
                o -> Tulip.waitFor(pending[0], 0),
                o -> {
                    log.add(outcome(o) + " at " + loop.time());
                    return Tulip.waitFor(job("never", 1, log), 0);
                },
                o -> {
                    log.add(outcome(o) + " at " + loop.time());
                    return null;
                }), loop);
        assertTrue(pending[0].cancelled());
        assertEquals(List.of("result ready", "bad", "p start", "p cancelled", "p cleaned up", "TimeoutError at 1.0",
                "TimeoutError at 1.0"), log);
    }

    @Test
    void infiniteTimeoutJustAwaits() {
        assertEquals("a", Tulip.run(Tulip.waitFor(job("a", 100, log), Double.POSITIVE_INFINITY), loop));
        assertEquals(100.0, loop.time());
    }

    @Test
    void waitForCanBeATask() {
        Task<String> t = loop.createTask(Tulip.waitFor(job("a", 100, log), 1));
        assertThrows(TimeoutError.class, () -> loop.runUntilComplete(t));
        assertEquals(1.0, loop.time());
        loop.close();
    }

    // ---- shield ----

    @Test
    void shieldKeepsTheInnerWorkRunningWhenTheAwaiterIsCancelled() {
        Task<?>[] inner = new Task<?>[1];
        AsyncFuture<?>[] outer = new AsyncFuture<?>[1];
        Task<Object> main = loop.createTask(seq(
                o -> {
                    inner[0] = Tulip.createTask(job("a", 3, log), "inner");
                    outer[0] = Tulip.shield(inner[0]);
                    assertEquals("<shield [PENDING] of <Task 'inner' [NEW]>>", outer[0].toString());
                    return outer[0];
                },
                o -> {
                    log.add("main: " + outcome(o) + " at " + loop.time());
                    return inner[0];
                },
                o -> {
                    log.add("main: " + outcome(o) + " at " + loop.time());
                    return null;
                }));
        loop.callLater(1, main::cancel);
        loop.runUntilComplete(main);
        assertTrue(outer[0].cancelled());
        assertFalse(inner[0].cancelled());
        assertEquals(List.of("a start", "main: CancelledError at 1.0", "a end", "main: result a at 3.0"), log);
        loop.close();
    }

    @Test
    void shieldFollowsTheInnerOutcome() {
        Tulip.run(seq(
                o -> Tulip.shield(job("a", 1, log)),
                o -> {
                    log.add(outcome(o));
                    return Tulip.shield(Coros.fail("b", 1, log));
                },
                o -> {
                    log.add(o.error().getMessage());
                    Task<String> c = Tulip.createTask(job("c", 5, log));
                    loop.callLater(1, c::cancel);
                    return Tulip.shield(c);
                },
                o -> {
                    log.add(outcome(o));
                    return null;
                }), loop);
        assertEquals(List.of("a start", "a end", "result a", "b start", "b fails", "b", "c start", "c cancelled",
                "CancelledError"), log);
    }

    @Test
    void shieldOfADoneFutureIsTheFutureItself() {
        AsyncFuture<String> f = loop.createFuture();
        f.setResult("x");
        assertSame(f, Tulip.shield(f));
        loop.close();
    }

    @Test
    void waitForAShieldTimesOutButTheWorkGoesOn() {
        Task<?>[] inner = new Task<?>[1];
        Tulip.run(seq(
                o -> {
                    inner[0] = Tulip.createTask(job("a", 3, log));
                    return Tulip.waitFor(Tulip.shield(inner[0]), 1);
                },
                o -> {
                    log.add("main: " + outcome(o) + " at " + loop.time());
                    return inner[0];
                },
                o -> {
                    log.add("main: " + outcome(o) + " at " + loop.time());
                    return null;
                }), loop);
        assertEquals(List.of("a start", "main: TimeoutError at 1.0", "a end", "main: result a at 3.0"), log);
    }

    @Test
    void shieldedFailureNobodyAwaitsIsReportedAsInAsyncio() {
        // The cancelled shield stops following the inner task (Python's _outer_done_callback), so the
        // task's exception is reported as never retrieved, exactly as asyncio logs it.
        List<String> reports = new ArrayList<>();
        loop.setExceptionHandler((l, m, e) -> reports.add(m));
        Task<Object> main = loop.createTask(call(() -> Tulip.shield(Coros.fail("a", 2, log))));
        loop.callLater(1, main::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(main));
        loop.runUntilComplete(Tulip.sleep(5));
        loop.close();
        assertEquals(1, reports.size());
        assertTrue(reports.get(0).startsWith("Task exception was never retrieved"), reports.get(0));
    }
}
