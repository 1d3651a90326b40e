package dev.tulip;

import static dev.tulip.Coros.careful;
import static dev.tulip.Coros.fail;
import static dev.tulip.Coros.job;
import static dev.tulip.Coros.seq;
import static dev.tulip.Coros.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link TaskGroup}, used as the processor lowers {@code try (var tg = new TaskGroup()) {...}} ({@link Coros#with}). */
class TaskGroupTest {
    private final EventLoop loop = EventLoop.virtualTime();
    private final List<String> log = new ArrayList<>();
    private final List<Task<?>> tasks = new ArrayList<>();
    private final TaskGroup[] group = new TaskGroup[1];
    private final Task<?>[] parent = new Task<?>[1];

    private TaskGroup enter() {
        parent[0] = Tulip.currentTask();
        group[0] = new TaskGroup();
        return group[0];
    }

    private static List<String> messages(Throwable eg) {
        List<String> list = new ArrayList<>();
        for (Throwable e : ((ExceptionGroup) eg).exceptions()) {
            list.add(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return list;
    }

    @Test
    void exitWaitsForEveryTask() {
        Object r = Tulip.run(seq(
                o -> with(this::enter, tg -> {
                    tasks.add(tg.createTask(job("a", 1, log)));
                    tasks.add(tg.createTask(job("b", 2, log), "bee"));
                    assertEquals("<TaskGroup tasks=2 entered>", tg.toString());
                    return Tulip.sleep(0.5);
                }),
                o -> {
                    o.get();
                    log.add("group done at " + loop.time());
                    assertEquals("a", tasks.get(0).result());
                    assertEquals("b", tasks.get(1).result());
                    assertEquals("bee", tasks.get(1).name());
                    assertEquals("<TaskGroup>", group[0].toString());
                    return null;
                }), loop);
        assertNull(r);
        assertEquals(List.of("a start", "b start", "a end", "b end", "group done at 2.0"), log);
    }

    @Test
    void childFailureCancelsSiblingsAndTheBody() {
        Tulip.run(seq(
                o -> with(this::enter, tg -> {
                    tasks.add(tg.createTask(fail("a", 1, log)));
                    tasks.add(tg.createTask(careful("b", () -> Tulip.sleep(5), 2, log)));
                    return careful("body", () -> Tulip.sleep(10), 0.5, log);
                }),
                o -> {
                    assertInstanceOf(ExceptionGroup.class, o.error());
                    assertEquals(List.of("IllegalStateException: a"), messages(o.error()));
                    assertEquals("unhandled errors in a TaskGroup (1 sub-exception)", o.error().getMessage());
                    assertSame(((ExceptionGroup) o.error()).exceptions().get(0), o.error().getSuppressed()[0]);
                    log.add("caught group at " + loop.time());
                    assertEquals(0, parent[0].cancelling(), "the group took its cancellation of the parent back");
                    assertTrue(tasks.get(1).cancelled());
                    return Tulip.sleep(1); // no stray cancellation left
                },
                o -> {
                    o.get();
                    log.add("main goes on at " + loop.time());
                    return null;
                }), loop);
        // The body runs on until its first await before the tasks take their first step.
        assertEquals(List.of("body start", "a start", "b start", "a fails", "b cancelled", "body cancelled",
                "body cleaned up", "b cleaned up", "caught group at 3.0", "main goes on at 4.0"), log);
    }

    @Test
    void failuresAreAggregatedInOrder() {
        Tulip.run(seq(
                o -> with(this::enter, tg -> {
                    tg.createTask(fail("a", 1, log));
                    tg.createTask(fail("b", 1, log));
                    // c fails while handling its cancellation: that failure counts too
                    tg.createTask(seq(p -> Tulip.sleep(5), p -> {
                        throw new IllegalArgumentException("c after " + p.error().getClass().getSimpleName());
                    }));
                    return Tulip.sleep(10);
                }),
                o -> {
                    assertEquals(List.of("IllegalStateException: a", "IllegalStateException: b",
                            "IllegalArgumentException: c after CancelledError"), messages(o.error()));
                    assertEquals(3, o.error().getSuppressed().length);
                    assertEquals(1.0, loop.time());
                    return null;
                }), loop);
    }

    @Test
    void bodyFailureCancelsTheTasksAndIsRaisedInTheGroup() {
        Tulip.run(seq(
                o -> with(this::enter, tg -> {
                    tasks.add(tg.createTask(careful("a", () -> Tulip.sleep(5), 1, log)));
                    return seq(p -> Tulip.sleep(1), p -> {
                        log.add("body fails");
                        throw new IllegalStateException("body");
                    });
                }),
                o -> {
                    assertEquals(List.of("IllegalStateException: body"), messages(o.error()));
                    log.add("caught group at " + loop.time());
                    return null;
                }), loop);
        assertEquals(List.of("a start", "body fails", "a cancelled", "a cleaned up", "caught group at 2.0"), log);
        assertTrue(tasks.get(0).cancelled());
    }

    @Test
    void childAndBodyFailuresComeChildrenFirst() {
        Tulip.run(seq(
                o -> with(this::enter, tg -> {
                    tg.createTask(fail("a", 1, log));
                    // the body fails while handling the group's cancellation
                    return seq(p -> Tulip.sleep(5), p -> {
                        throw new IllegalStateException("body after " + p.error().getClass().getSimpleName());
                    });
                }),
                o -> {
                    assertEquals(List.of("IllegalStateException: a", "IllegalStateException: body after CancelledError"),
                            messages(o.error()));
                    return null;
                }), loop);
    }

    @Test
    void cancellationFromOutsideWhileTheBodyRunsPropagates() {
        Task<Object> main = loop.createTask(seq(
                o -> with(this::enter, tg -> {
                    tasks.add(tg.createTask(careful("a", () -> Tulip.sleep(5), 1, log)));
                    return careful("body", () -> Tulip.sleep(10), 0.5, log);
                }),
                o -> {
                    log.add("main got " + o.error() + " at " + loop.time());
                    o.get();
                    return null;
                }));
        loop.callLater(1, () -> main.cancel("outside"));
        CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(main));
        assertEquals("outside", e.getMessage());
        assertTrue(main.cancelled());
        assertTrue(tasks.get(0).cancelled());
        // Only the parent is cancelled from outside; the group cancels its tasks when the block is left,
        // after the body's own cleanup (at 1.5).
        assertEquals(List.of("body start", "a start", "body cancelled", "body cleaned up", "a cancelled",
                "a cleaned up", "main got dev.tulip.CancelledError: outside at 2.5"), log);
        loop.close();
    }

    @Test
    void cancellationFromOutsideWhileExitingPropagates() {
        Task<Object> main = loop.createTask(seq(
                o -> with(this::enter, tg -> {
                    tasks.add(tg.createTask(careful("a", () -> Tulip.sleep(5), 1, log)));
                    return Tulip.sleep(0); // the body ends at once; aexit waits for a
                }),
                o -> {
                    log.add("main got " + o.error().getClass().getSimpleName() + " at " + loop.time());
                    o.get();
                    return null;
                }));
        loop.callLater(1, main::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(main));
        assertEquals(List.of("a start", "a cancelled", "a cleaned up", "main got CancelledError at 2.0"), log);
        assertEquals(1, main.cancelling());
        loop.close();
    }

    @Test
    void failureDuringAnOutsideCancellationRaisesTheGroupAndKeepsTheParentCancelled() {
        Task<Object> main = loop.createTask(seq(
                o -> with(this::enter, tg -> {
                    tg.createTask(seq(p -> Tulip.sleep(5), p -> {
                        throw new IllegalStateException("a failed while cancelled");
                    }));
                    return Tulip.sleep(10);
                }),
                o -> {
                    log.add("main got " + o.error().getClass().getSimpleName() + " " + messages(o.error()));
                    log.add("cancelling=" + parent[0].cancelling());
                    return Tulip.sleep(1); // the outside cancellation is delivered again here
                },
                o -> {
                    log.add("then " + o.error().getClass().getSimpleName() + " at " + loop.time());
                    o.get();
                    return null;
                }));
        loop.callLater(1, main::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(main));
        assertEquals(List.of("main got ExceptionGroup [IllegalStateException: a failed while cancelled]",
                "cancelling=1", "then CancelledError at 1.0"), log);
        loop.close();
    }

    @Test
    void childCancelledByOthersIsNotAnError() {
        Object r = Tulip.run(seq(
                o -> with(this::enter, tg -> {
                    Task<String> a = tg.createTask(job("a", 5, log));
                    tg.createTask(job("b", 2, log));
                    loop.callLater(1, a::cancel);
                    return Tulip.sleep(0);
                }),
                o -> {
                    o.get();
                    log.add("done at " + loop.time());
                    return null;
                }), loop);
        assertNull(r);
        assertEquals(List.of("a start", "b start", "a cancelled", "b end", "done at 2.0"), log);
    }

    @Test
    void tasksMayBeAddedWhileExitingButNotAfter() {
        Tulip.run(seq(
                o -> with(this::enter, tg -> {
                    tg.createTask(seq(p -> Tulip.sleep(1), p -> tg.createTask(job("late", 1, log))));
                    return Tulip.sleep(0);
                }),
                o -> {
                    o.get();
                    log.add("done at " + loop.time());
                    IllegalStateException e = assertThrows(IllegalStateException.class,
                            () -> group[0].createTask(job("x", 1, log)));
                    assertTrue(e.getMessage().endsWith("is finished"), e.getMessage());
                    return null;
                }), loop);
        assertEquals(List.of("late start", "late end", "done at 2.0"), log);
    }

    @Test
    void noNewTasksWhileShuttingDown() {
        Tulip.run(seq(
                o -> with(this::enter, tg -> {
                    tg.createTask(fail("a", 1, log));
                    return seq(p -> Tulip.sleep(5), p -> {
                        IllegalStateException e = assertThrows(IllegalStateException.class,
                                () -> tg.createTask(job("x", 1, log)));
                        log.add(e.getMessage());
                        return null; // swallow our cancellation: the group raises anyway
                    });
                }),
                o -> {
                    assertInstanceOf(ExceptionGroup.class, o.error());
                    return null;
                }), loop);
        assertEquals(List.of("a start", "a fails", "TaskGroup <TaskGroup errors=1 cancelling> is shutting down"), log);
    }

    @Test
    void nestedGroupsNestTheirExceptionGroups() {
        Tulip.run(seq(
                o -> with(this::enter, outer -> {
                    outer.createTask(careful("sibling", () -> Tulip.sleep(10), 1, log));
                    return with(TaskGroup::new, inner -> {
                        inner.createTask(fail("deep", 1, log));
                        return Tulip.sleep(10);
                    });
                }),
                o -> {
                    ExceptionGroup eg = assertInstanceOf(ExceptionGroup.class, o.error());
                    ExceptionGroup nested = assertInstanceOf(ExceptionGroup.class, eg.exceptions().get(0));
                    assertEquals(List.of("IllegalStateException: deep"), messages(nested));
                    log.add("caught at " + loop.time());
                    return null;
                }), loop);
        assertEquals(List.of("sibling start", "deep start", "deep fails", "sibling cancelled", "sibling cleaned up",
                "caught at 2.0"), log);
    }

    @Test
    void needsATask() {
        assertThrows(IllegalStateException.class, TaskGroup::new);
        List<Throwable> errors = new ArrayList<>();
        loop.callSoon(() -> {
            try {
                new TaskGroup();
            } catch (IllegalStateException e) {
                errors.add(e);
            }
        });
        loop.runUntilComplete(Tulip.sleep(0.1));
        assertEquals(1, errors.size());
        loop.close();
    }

    @Test
    void exitingTwiceIsAnError() {
        Tulip.run(seq(
                o -> with(this::enter, tg -> Tulip.sleep(0)),
                o -> {
                    o.get();
                    assertThrows(IllegalStateException.class, () -> group[0].aexit(null));
                    return null;
                }), loop);
    }

    @Test
    void exceptionGroupBasics() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b");
        ExceptionGroup eg = new ExceptionGroup("two", Arrays.asList(a, b));
        assertEquals("two (2 sub-exceptions)", eg.getMessage());
        assertEquals("two", eg.message());
        assertEquals(List.of(a, b), eg.exceptions());
        assertEquals(List.of(a, b), Arrays.asList(eg.getSuppressed()));
        assertThrows(UnsupportedOperationException.class, () -> eg.exceptions().add(a));
        assertThrows(IllegalArgumentException.class, () -> new ExceptionGroup("none", List.of()));
        loop.close();
    }
}
