package dev.tulip;

import static dev.tulip.Coros.careful;
import static dev.tulip.Coros.job;
import static dev.tulip.Coros.seq;
import static dev.tulip.Coros.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code timeout(...)} scope, lowered as the processor lowers a try-with-resources ({@link Coros#with}). */
class TimeoutTest {
    private final EventLoop loop = EventLoop.virtualTime();
    private final List<String> log = new ArrayList<>();
    private final Timeout[] scope = new Timeout[1];

    private Timeout remember(Timeout t) {
        scope[0] = t;
        return t;
    }

    @Test
    void blockThatFinishesInTimeIsUntouched() {
        Object r = Tulip.run(seq(
                o -> with(() -> remember(Tulip.timeout(5)), t -> job("a", 1, log)),
                o -> {
                    assertEquals("a", o.get());
                    assertFalse(scope[0].expired());
                    assertEquals("<Timeout [finished]>", scope[0].toString());
                    return Tulip.sleep(10); // the timer was cancelled: no stray cancellation at t=5
                },
                o -> {
                    log.add("slept until " + loop.time());
                    return null;
                }), loop);
        assertNull(r);
        assertEquals(List.of("a start", "a end", "slept until 11.0"), log);
    }

    @Test
    void expiryRaisesTimeoutErrorCausedByTheCancellation() {
        Task<?>[] main = new Task<?>[1];
        Tulip.run(seq(
                o -> {
                    main[0] = Tulip.currentTask();
                    return with(() -> remember(Tulip.timeout(2)), t -> {
                        assertEquals("<Timeout [active] when=2.0>", t.toString());
                        assertEquals(2.0, t.when());
                        return job("a", 10, log);
                    });
                },
                o -> {
                    TimeoutError e = assertInstanceOf(TimeoutError.class, o.error());
                    assertInstanceOf(CancelledError.class, e.getCause());
                    assertTrue(scope[0].expired());
                    assertEquals("<Timeout [expired]>", scope[0].toString());
                    assertEquals(0, main[0].cancelling(), "the timeout took its cancellation back");
                    log.add("timed out at " + loop.time());
                    return Tulip.sleep(1);
                },
                o -> {
                    o.get();
                    return null;
                }), loop);
        assertEquals(List.of("a start", "a cancelled", "timed out at 2.0"), log);
        assertEquals(3.0, loop.time());
    }

    @Test
    void expiryWaitsForTheCleanupOfTheBlock() {
        Object r = Tulip.run(seq(
                o -> with(() -> Tulip.timeout(2), t -> careful("a", () -> Tulip.sleep(10), 3, log)),
                o -> {
                    assertInstanceOf(TimeoutError.class, o.error());
                    log.add("timed out at " + loop.time());
                    return null;
                }), loop);
        assertNull(r);
        assertEquals(List.of("a start", "a cancelled", "a cleaned up", "timed out at 5.0"), log);
    }

    @Test
    void cancellationFromOutsidePassesThrough() {
        Task<Object> main = loop.createTask(seq(
                o -> with(() -> remember(Tulip.timeout(5)), t -> job("a", 10, log)),
                o -> {
                    log.add("main got " + o.error());
                    return null;
                }));
        loop.callLater(1, () -> main.cancel("outside"));
        loop.runUntilComplete(main);
        assertEquals(List.of("a start", "a cancelled", "main got dev.tulip.CancelledError: outside"), log);
        assertFalse(scope[0].expired());
        assertEquals(1, main.cancelling(), "the outside request stays counted");
        loop.close();
    }

    @Test
    void outsideCancellationAtTheSameTimeAsTheDeadlineWins() {
        Task<Object> main = loop.createTask(seq(
                o -> with(() -> remember(Tulip.timeout(2)), t -> job("a", 10, log)),
                o -> {
                    log.add("main got " + o.error().getClass().getSimpleName());
                    return null;
                }));
        loop.callLater(2, main::cancel); // runs just before the timeout's timer, created later
        loop.runUntilComplete(main);
        assertEquals(List.of("a start", "a cancelled", "main got CancelledError"), log);
        assertTrue(scope[0].expired());
        assertEquals(1, main.cancelling());
        loop.close();
    }

    @Test
    void nestedTimeoutsEachHandleTheirOwnDeadline() {
        Tulip.run(seq(
                o -> with(() -> Tulip.timeout(5), outer -> seq(
                        p -> with(() -> Tulip.timeout(2), inner -> job("a", 10, log)),
                        p -> {
                            log.add("inner: " + p.error().getClass().getSimpleName() + " at " + loop.time());
                            return job("b", 10, log);
                        },
                        p -> {
                            p.get();
                            return null;
                        })),
                o -> {
                    log.add("outer: " + o.error().getClass().getSimpleName() + " at " + loop.time());
                    return null;
                }), loop);
        assertEquals(List.of("a start", "a cancelled", "inner: TimeoutError at 2.0", "b start", "b cancelled",
                "outer: TimeoutError at 5.0"), log);
    }

    @Test
    void anOuterDeadlineIsNotTakenByAnInnerScope() {
        Tulip.run(seq(
                o -> with(() -> Tulip.timeout(2), outer -> seq(
                        p -> with(() -> Tulip.timeout(5), inner -> job("a", 10, log)),
                        p -> {
                            log.add("inner: " + p.error().getClass().getSimpleName());
                            p.get();
                            return null;
                        })),
                o -> {
                    log.add("outer: " + o.error().getClass().getSimpleName() + " at " + loop.time());
                    return null;
                }), loop);
        assertEquals(List.of("a start", "a cancelled", "inner: CancelledError", "outer: TimeoutError at 2.0"), log);
    }

    @Test
    void rescheduleMovesTheDeadline() {
        Tulip.run(seq(
                o -> with(() -> remember(Tulip.timeout(2)), t -> seq(
                        p -> Tulip.sleep(1),
                        p -> {
                            t.reschedule(loop.time() + 5);
                            assertEquals(6.0, t.when());
                            return job("a", 10, log);
                        })),
                o -> {
                    log.add(o.error().getClass().getSimpleName() + " at " + loop.time());
                    assertThrows(IllegalStateException.class, () -> scope[0].reschedule(100));
                    return null;
                }), loop);
        assertEquals(List.of("a start", "a cancelled", "TimeoutError at 6.0"), log);
    }

    @Test
    void infiniteDeadlineNeverFires() {
        Object r = Tulip.run(seq(
                o -> with(() -> remember(Tulip.timeout(2)), t -> {
                    t.reschedule(Double.POSITIVE_INFINITY);
                    assertEquals("<Timeout [active] when=None>", t.toString());
                    return job("a", 10, log);
                }),
                o -> {
                    assertEquals("a", o.get());
                    return with(() -> Tulip.timeout(Double.POSITIVE_INFINITY), t -> job("b", 1, log));
                },
                o -> {
                    assertEquals("b", o.get());
                    return null;
                }), loop);
        assertNull(r);
        assertEquals(11.0, loop.time());
    }

    @Test
    void deadlineInThePastFiresOnTheNextIteration() {
        Tulip.run(seq(
                o -> Tulip.sleep(3),
                o -> with(() -> Tulip.timeoutAt(1), t -> job("a", 10, log)),
                o -> {
                    log.add(o.error().getClass().getSimpleName() + " at " + loop.time());
                    return with(() -> Tulip.timeout(0), t -> Tulip.sleep(0));
                },
                o -> {
                    log.add("sleep(0) under timeout(0): " + o.error().getClass().getSimpleName());
                    return null;
                }), loop);
        assertEquals(List.of("a start", "a cancelled", "TimeoutError at 3.0", "sleep(0) under timeout(0): TimeoutError"),
                log);
    }

    @Test
    void blockThatSwallowsTheCancellationEndsNormally() {
        Task<?>[] main = new Task<?>[1];
        Object r = Tulip.run(seq(
                o -> {
                    main[0] = Tulip.currentTask();
                    return with(() -> remember(Tulip.timeout(1)), t -> seq(
                            p -> Tulip.sleep(5),
                            p -> {
                                log.add("block caught " + p.error().getClass().getSimpleName());
                                return null; // swallowed
                            }));
                },
                o -> {
                    log.add("after block: " + o.error() + ", expired=" + scope[0].expired());
                    assertEquals(0, main[0].cancelling());
                    return Tulip.sleep(1);
                },
                o -> null), loop);
        assertNull(r);
        assertEquals(List.of("block caught CancelledError", "after block: null, expired=true"), log);
    }

    @Test
    void otherExceptionsPassThroughEvenAfterExpiry() {
        Tulip.run(seq(
                o -> with(() -> Tulip.timeout(1), t -> seq(
                        p -> Tulip.sleep(5),
                        p -> {
                            throw new IllegalStateException("cleanup failed after " + p.error().getClass().getSimpleName());
                        })),
                o -> {
                    log.add(o.error().getMessage());
                    return null;
                }), loop);
        assertEquals(List.of("cleanup failed after CancelledError"), log);
    }

    @Test
    void mustBeCreatedInsideATask() {
        assertThrows(IllegalStateException.class, () -> Tulip.timeout(1));
        List<Throwable> errors = new ArrayList<>();
        loop.callSoon(() -> {
            try {
                Tulip.timeout(1);
            } catch (IllegalStateException e) {
                errors.add(e);
            }
        });
        loop.runUntilComplete(Tulip.sleep(0.1));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getMessage().contains("inside a task"), errors.get(0).getMessage());
        loop.close();
    }

    @Test
    void exitingTwiceIsAnError() {
        Tulip.run(seq(
                o -> {
                    Timeout t = Tulip.timeout(1);
                    return seq(p -> t.aexit(null), p -> {
                        p.get();
                        assertThrows(IllegalStateException.class, () -> t.exit(null));
                        return null;
                    });
                }), loop);
    }

    @Test
    void durationOverload() {
        Tulip.run(seq(
                o -> with(() -> remember(Tulip.timeout(java.time.Duration.ofMillis(1500))), t -> Tulip.sleep(5)),
                o -> {
                    assertInstanceOf(TimeoutError.class, o.error());
                    return null;
                }), loop);
        assertEquals(1.5, loop.time());
    }
}
