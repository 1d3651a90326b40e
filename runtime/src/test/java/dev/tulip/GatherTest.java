package dev.tulip;

import static dev.tulip.Coros.call;
import static dev.tulip.Coros.fail;
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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatherTest {
    private final EventLoop loop = EventLoop.virtualTime();
    private final List<String> log = new ArrayList<>();

    @Test
    void resultsComeInArgumentOrder() {
        List<String> r = Tulip.run(call(() -> Tulip.gather(job("a", 3, log), job("b", 1, log), job("c", 2, log))), loop);
        assertEquals(List.of("a", "b", "c"), r);
        assertEquals(List.of("a start", "b start", "c start", "b end", "c end", "a end"), log);
        assertEquals(3.0, loop.time());
    }

    @Test
    void collectionOverloadAndMixedAwaitables() {
        List<Object> r = Tulip.run(call(() -> {
            AsyncFuture<Object> f = loop.createFuture();
            loop.callLater(2, () -> f.setResult("future"));
            Task<String> t = Tulip.createTask(job("task", 1, log));
            return Tulip.<Object>gather(List.of(f, t, job("coro", 3, log), Tulip.sleep(0.5)));
        }), loop);
        assertEquals(Arrays.asList("future", "task", "coro", null), r);
        assertEquals(3.0, loop.time());
    }

    @Test
    void emptyGatherIsDoneAtOnce() {
        Tulip.run(call(() -> {
            AsyncFuture<List<Object>> g = Tulip.gather();
            assertTrue(g.done());
            assertEquals(List.of(), g.result());
            AsyncFuture<List<Object>> h = Tulip.gatherReturnExceptions(List.of());
            assertEquals(List.of(), h.result());
            return g;
        }), loop);
        assertEquals(0.0, loop.time());
    }

    @Test
    void gatherOfDoneFuturesIsDoneWhenReturned() {
        // Python 3.12: the done callbacks of already-done children run at once.
        AsyncFuture<Integer> one = loop.createFuture();
        one.setResult(1);
        AsyncFuture<Integer> two = loop.createFuture();
        two.setResult(2);
        AsyncFuture<List<Integer>> g = Tulip.gather(one, two, one);
        assertTrue(g.done());
        assertEquals(List.of(1, 2, 1), g.result());
        AsyncFuture<Integer> bad = loop.createFuture();
        bad.setException(new IllegalStateException("bad"));
        AsyncFuture<List<Integer>> h = Tulip.gather(one, bad);
        assertTrue(h.done());
        assertEquals("bad", h.exception().getMessage());
        loop.close();
    }

    @Test
    void sameAwaitablePassedTwiceRunsOnceAndGivesTheSameResultTwice() {
        List<Object> r = Tulip.run(call(() -> {
            Task<String> t = Tulip.createTask(job("t", 1, log));
            Coroutine<String> c = job("c", 2, log);
            return Tulip.<Object>gather(t, c, t, c);
        }), loop);
        assertEquals(List.of("t", "c", "t", "c"), r);
        assertEquals(List.of("t start", "c start", "t end", "c end"), log);
    }

    @Test
    void firstExceptionPropagatesAndTheOthersKeepRunning() {
        List<Task<?>> children = new ArrayList<>();
        AsyncFuture<?>[] gathered = new AsyncFuture<?>[1];
        Object r = Tulip.run(seq(
                o -> {
                    children.add(Tulip.createTask(job("a", 1, log)));
                    children.add(Tulip.createTask(fail("b", 2, log)));
                    children.add(Tulip.createTask(job("c", 3, log)));
                    gathered[0] = Tulip.gather(children);
                    return gathered[0];
                },
                o -> {
                    assertInstanceOf(IllegalStateException.class, o.error());
                    log.add("main caught " + o.error().getMessage() + " at " + loop.time());
                    return Tulip.sleep(5);
                },
                o -> null), loop);
        assertNull(r);
        assertEquals(List.of("a start", "b start", "c start", "a end", "b fails", "main caught b at 2.0", "c end"), log);
        assertEquals("c", children.get(2).result());
        assertFalse(children.get(2).cancelled());
        assertEquals("<gather [ERROR] 3/3 done (java.lang.IllegalStateException: b)>", gathered[0].toString());
    }

    @Test
    void laterExceptionsAreMarkedRetrieved() {
        List<String> reports = new ArrayList<>();
        loop.setExceptionHandler((l, message, e) -> reports.add(message));
        Tulip.run(seq(
                o -> Tulip.gather(fail("a", 1, log), fail("b", 2, log)),
                o -> {
                    assertEquals("a", o.error().getMessage());
                    return Tulip.sleep(5);
                }), loop);
        assertEquals(List.of(), reports);
    }

    @Test
    void cancellingTheGatherCancelsTheChildren() {
        AsyncFuture<?>[] gathered = new AsyncFuture<?>[1];
        Tulip.run(seq(
                o -> {
                    AsyncFuture<List<String>> g = Tulip.gather(job("a", 5, log), job("b", 5, log));
                    gathered[0] = g;
                    loop.callLater(1, () -> log.add("cancel returned " + g.cancel("enough")));
                    return g;
                },
                o -> {
                    assertInstanceOf(CancelledError.class, o.error());
                    assertEquals("enough", o.error().getMessage());
                    log.add("main caught CancelledError at " + loop.time());
                    return null;
                }), loop);
        assertEquals(List.of("a start", "b start", "cancel returned true", "a cancelled", "b cancelled",
                "main caught CancelledError at 1.0"), log);
        assertTrue(gathered[0].done());
        assertFalse(gathered[0].cancelled(), "asyncio's gathering future fails with CancelledError");
        assertInstanceOf(CancelledError.class, gathered[0].exception());
        assertFalse(gathered[0].cancel(), "cancel after done");
    }

    @Test
    void cancellingTheAwaitingTaskCancelsTheChildren() {
        Task<?>[] children = new Task<?>[2];
        Task<?> main = loop.createTask(call(() -> {
            children[0] = Tulip.createTask(job("a", 5, log));
            children[1] = Tulip.createTask(job("b", 5, log));
            return Tulip.gather(children[0], children[1]);
        }));
        loop.callLater(1, () -> main.cancel("stop"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(main));
        assertEquals("stop", e.getMessage());
        assertTrue(main.cancelled());
        assertTrue(children[0].cancelled());
        assertTrue(children[1].cancelled());
        assertEquals(1.0, loop.time());
        loop.close();
    }

    @Test
    void cancellingWithReturnExceptionsStillRaisesCancelledError() {
        Tulip.run(seq(
                o -> {
                    AsyncFuture<List<Object>> g = Tulip.gatherReturnExceptions(job("a", 5, log), fail("b", 1, log));
                    loop.callLater(2, g::cancel);
                    return g;
                },
                o -> {
                    assertInstanceOf(CancelledError.class, o.error());
                    log.add("main caught CancelledError at " + loop.time());
                    return null;
                }), loop);
        assertEquals(List.of("a start", "b start", "b fails", "a cancelled", "main caught CancelledError at 2.0"), log);
    }

    @Test
    void aChildCancelledFromOutsideMakesGatherRaiseCancelledErrorButSiblingsGoOn() {
        Task<?>[] children = new Task<?>[2];
        Object r = Tulip.run(seq(
                o -> {
                    children[0] = Tulip.createTask(job("a", 5, log));
                    children[1] = Tulip.createTask(job("b", 2, log));
                    loop.callLater(1, () -> children[0].cancel("outside"));
                    return Tulip.gather(children[0], children[1]);
                },
                o -> {
                    assertInstanceOf(CancelledError.class, o.error());
                    assertEquals("outside", o.error().getMessage());
                    log.add("main caught at " + loop.time());
                    return children[1];
                },
                o -> {
                    log.add("b gave " + o.get());
                    return null;
                }), loop);
        assertNull(r);
        assertEquals(List.of("a start", "b start", "a cancelled", "main caught at 1.0", "b end", "b gave b"), log);
        assertEquals(0, children[1].cancelling());
    }

    @Test
    void returnExceptionsPutsFailuresInTheList() {
        List<Object> r = Tulip.run(call(() -> {
            Task<String> cancelled = Tulip.createTask(job("c", 5, log));
            loop.callLater(1, () -> cancelled.cancel("why"));
            return Tulip.gatherReturnExceptions(job("a", 2, log), fail("b", 1, log), cancelled);
        }), loop);
        assertEquals("a", r.get(0));
        assertInstanceOf(IllegalStateException.class, r.get(1));
        assertEquals("b", ((Throwable) r.get(1)).getMessage());
        assertInstanceOf(CancelledError.class, r.get(2));
        // CPython 3.11: CancelledError('') -- the task's coroutine raised the cancellation, so the task
        // keeps no message, and gather builds a new error from _cancel_message (None -> '')
        assertEquals("", ((Throwable) r.get(2)).getMessage());
        assertEquals(2.0, loop.time());
        assertThrows(UnsupportedOperationException.class, () -> r.add("x"));
    }

    @Test
    void toStringShowsProgress() {
        Tulip.run(seq(
                o -> {
                    AsyncFuture<List<String>> g = Tulip.gather(job("a", 1, log), job("b", 2, log));
                    assertEquals("<gather [PENDING] 0/2 done>", g.toString());
                    loop.callLater(1.5, () -> log.add(g.toString()));
                    return g;
                },
                o -> {
                    log.add(String.valueOf(o.get()));
                    return null;
                }), loop);
        assertTrue(log.contains("<gather [PENDING] 1/2 done>"), log.toString());
        assertEquals("[a, b]", log.get(log.size() - 1));
    }

    @Test
    void needsARunningLoopForCoroutines() {
        assertThrows(IllegalStateException.class, () -> Tulip.gather(job("a", 1, log)));
        EventLoop other = EventLoop.virtualTime();
        AsyncFuture<String> foreign = other.createFuture();
        AsyncFuture<String> mine = loop.createFuture();
        assertThrows(IllegalStateException.class, () -> Tulip.gather(mine, foreign));
        other.close();
        loop.close();
    }

    @Test
    void futuresOnlyGatherWorksBeforeTheLoopRuns() {
        AsyncFuture<String> f = loop.createFuture();
        AsyncFuture<List<String>> g = Tulip.gather(f, f);
        loop.callLater(1, () -> f.setResult("x"));
        assertEquals(List.of("x", "x"), loop.runUntilComplete(g));
        assertSame(g, g);
        loop.close();
    }
}
