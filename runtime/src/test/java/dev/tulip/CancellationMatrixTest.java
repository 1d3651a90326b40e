package dev.tulip;

import static dev.tulip.Coros.careful;
import static dev.tulip.Coros.job;
import static dev.tulip.Coros.seq;
import static dev.tulip.Coros.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cancellation reaching a coroutine at every kind of await, through every mechanism that cancels: the
 * coroutine's {@code catch} and {@code finally} (with an await in it) must run, and the mechanism must
 * wait for that cleanup before it reports.
 */
class CancellationMatrixTest {
    /** What the cancelled coroutine is suspended on. */
    enum Kind { FUTURE, SLEEP, COROUTINE, TASK, SLEEP0 }

    /** Who cancels it. */
    enum Mechanism { CANCEL, WAIT_FOR, TIMEOUT, TASK_GROUP, GATHER }

    private final EventLoop loop = EventLoop.virtualTime();
    private final List<String> log = new ArrayList<>();
    private final List<AsyncFuture<?>> awaited = new ArrayList<>();

    static Stream<Arguments> timed() {
        List<Arguments> list = new ArrayList<>();
        for (Kind k : Kind.values()) {
            if (k == Kind.SLEEP0) {
                continue; // a task spinning on sleep(0) keeps virtual time from moving: see below
            }
            for (Mechanism m : Mechanism.values()) {
                list.add(Arguments.of(k, m));
            }
        }
        return list.stream();
    }

    /** The work the cancelled coroutine awaits, created inside the task. */
    private Supplier<Awaitable<?>> work(Kind kind) {
        switch (kind) {
            case FUTURE:
                return () -> {
                    AsyncFuture<String> f = loop.createFuture();
                    awaited.add(f);
                    return f;
                };
            case SLEEP:
                return () -> Tulip.sleep(10);
            case COROUTINE:
                return () -> job("inner", 10, log);
            case TASK:
                return () -> {
                    Task<String> t = Tulip.createTask(job("inner", 10, log));
                    awaited.add(t);
                    return t;
                };
            case SLEEP0:
                return Spin::new;
            default:
                throw new AssertionError(kind);
        }
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> spin() {
     *     for (;;) await(sleep(0));
     * }}</pre>
     */
    static final class Spin extends Coroutine<Void> {
        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            state = 1;
            return Tulip.sleep(0);
        }
    }

    /** Runs the cancelled coroutine under the mechanism, which fires at {@code trigger}; returns the outcome. */
    private Throwable run(Kind kind, Mechanism mechanism, double cleanup, Runnable[] trigger) {
        Supplier<Coroutine<String>> victim = () -> careful("w", work(kind), cleanup, log);
        Coroutine<Object> main;
        switch (mechanism) {
            case CANCEL:
                main = seq(o -> {
                    Task<String> t = Tulip.createTask(victim.get());
                    trigger[0] = t::cancel;
                    return t;
                }, o -> {
                    o.get();
                    return null;
                });
                break;
            case WAIT_FOR:
                main = seq(o -> Tulip.waitFor(victim.get(), 2), o -> {
                    o.get();
                    return null;
                });
                break;
            case TIMEOUT:
                main = seq(o -> with(() -> Tulip.timeout(2), t -> victim.get()), o -> {
                    o.get();
                    return null;
                });
                break;
            case TASK_GROUP:
                main = seq(o -> with(TaskGroup::new, tg -> {
                    tg.createTask(victim.get());
                    Task<Object> sibling = tg.createTask(seq(p -> loop.createFuture(), p -> {
                        throw new IllegalStateException("sibling");
                    }));
                    trigger[0] = sibling::cancel; // the sibling fails when cancelled
                    return Tulip.sleep(0);
                }), o -> {
                    o.get();
                    return null;
                });
                break;
            case GATHER:
                main = seq(o -> {
                    AsyncFuture<List<String>> g = Tulip.gather(victim.get());
                    trigger[0] = g::cancel;
                    return g;
                }, o -> {
                    o.get();
                    return null;
                });
                break;
            default:
                throw new AssertionError(mechanism);
        }
        try {
            loop.runUntilComplete(main);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    private void checkOutcome(Kind kind, Mechanism mechanism, Throwable outcome) {
        switch (mechanism) {
            case CANCEL:
            case GATHER:
                assertInstanceOf(CancelledError.class, outcome);
                break;
            case WAIT_FOR:
            case TIMEOUT:
                assertInstanceOf(TimeoutError.class, outcome);
                break;
            case TASK_GROUP:
                ExceptionGroup eg = assertInstanceOf(ExceptionGroup.class, outcome);
                assertEquals("sibling", eg.exceptions().get(0).getMessage());
                break;
            default:
                throw new AssertionError(mechanism);
        }
        assertTrue(log.contains("w cancelled"), log.toString());
        assertEquals("w cleaned up", log.get(log.size() - 1), log.toString());
        if (kind == Kind.COROUTINE || kind == Kind.TASK) {
            assertTrue(log.indexOf("inner cancelled") < log.indexOf("w cancelled"), log.toString());
        }
        for (AsyncFuture<?> f : awaited) {
            assertTrue(f.cancelled(), f + " was cancelled with the coroutine that awaited it");
        }
    }

    @ParameterizedTest(name = "{0} cancelled by {1}")
    @MethodSource("timed")
    void cancellationAtEveryAwaitRunsCleanupBeforeTheMechanismReports(Kind kind, Mechanism mechanism) {
        Runnable[] trigger = new Runnable[1];
        loop.callLater(2, () -> {
            if (trigger[0] != null) {
                trigger[0].run();
            }
        });
        Throwable outcome = run(kind, mechanism, 1, trigger);
        checkOutcome(kind, mechanism, outcome);
        assertEquals(3.0, loop.time(), "cancelled at 2, cleanup took 1");
        loop.close();
    }

    @ParameterizedTest(name = "sleep(0) cancelled by {0}")
    @MethodSource("untimedMechanisms")
    void cancellationAtSleepZero(Mechanism mechanism) {
        // Nothing lets virtual time advance while a task spins on sleep(0), so the triggers here are
        // "a few iterations later" and deadlines are already due.
        Runnable[] trigger = new Runnable[1];
        int[] countdown = {5};
        Runnable tick = new Runnable() {
            @Override
            public void run() {
                if (--countdown[0] > 0) {
                    loop.callSoon(this);
                } else if (trigger[0] != null) {
                    trigger[0].run();
                }
            }
        };
        loop.callSoon(tick);
        Throwable outcome = mechanism == Mechanism.TIMEOUT
                ? run0WithTimeoutZero()
                : run(Kind.SLEEP0, mechanism, 1, trigger);
        checkOutcome(Kind.SLEEP0, mechanism, outcome);
        assertEquals(1.0, loop.time(), "cancelled at 0, cleanup took 1");
        loop.close();
    }

    static Stream<Mechanism> untimedMechanisms() {
        return Stream.of(Mechanism.CANCEL, Mechanism.TIMEOUT, Mechanism.TASK_GROUP, Mechanism.GATHER);
    }

    private Throwable run0WithTimeoutZero() {
        try {
            loop.runUntilComplete(seq(o -> with(() -> Tulip.timeout(0), t -> careful("w", Spin::new, 1, log)), o -> {
                o.get();
                return null;
            }));
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @Test
    void waitForInterruptsASleepZeroSpinOnRealTime() {
        EventLoop real = new EventLoop();
        try {
            Throwable outcome;
            try {
                real.runUntilComplete(Tulip.waitFor(careful("w", Spin::new, 0, log), 0.02));
                outcome = null;
            } catch (Throwable t) {
                outcome = t;
            }
            checkOutcome(Kind.SLEEP0, Mechanism.WAIT_FOR, outcome);
        } finally {
            real.close();
            loop.close();
        }
    }
}
