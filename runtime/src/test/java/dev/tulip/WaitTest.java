package dev.tulip;

import static dev.tulip.Coros.call;
import static dev.tulip.Coros.fail;
import static dev.tulip.Coros.job;
import static dev.tulip.Coros.seq;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@code wait} and {@code asCompleted}. */
class WaitTest {
    private final EventLoop loop = EventLoop.virtualTime();
    private final List<String> log = new ArrayList<>();

    private static List<Object> results(Set<? extends AsyncFuture<?>> futures) {
        List<Object> list = new ArrayList<>();
        for (AsyncFuture<?> f : futures) {
            list.add(f.cancelled() ? "cancelled" : f.exception() != null ? f.exception().getMessage() : f.result());
        }
        return list;
    }

    // ---- wait ----

    @Test
    void allCompletedWaitsForEverythingAndKeepsInputOrder() {
        WaitResult<String> r = loop.runUntilComplete(call(() -> Tulip.wait(List.of(job("a", 2, log), job("b", 1, log),
                fail("c", 1.5, log)))));
        assertEquals(List.of("a", "b", "c"), results(r.done()));
        loop.close();
        assertTrue(r.pending().isEmpty());
        assertEquals(2.0, loop.time());
        for (AsyncFuture<String> f : r.done()) {
            assertInstanceOf(Task.class, f, "coroutines are wrapped in tasks");
        }
        assertThrows(UnsupportedOperationException.class, () -> r.done().clear());
    }

    @Test
    void firstCompletedReturnsAtTheFirstAndLeavesTheRestRunning() {
        List<Task<String>> tasks = new ArrayList<>();
        Tulip.run(seq(
                o -> {
                    tasks.add(Tulip.createTask(job("a", 2, log)));
                    tasks.add(Tulip.createTask(job("b", 1, log)));
                    tasks.add(Tulip.createTask(job("c", 3, log)));
                    return Tulip.wait(tasks, ReturnWhen.FIRST_COMPLETED);
                },
                o -> {
                    @SuppressWarnings("unchecked")
                    WaitResult<String> r = (WaitResult<String>) o.get();
                    assertEquals(Set.of(tasks.get(1)), r.done());
                    assertEquals(List.of(tasks.get(0), tasks.get(2)), new ArrayList<>(r.pending()));
                    log.add("waited until " + loop.time());
                    return tasks.get(2);
                },
                o -> null), loop);
        assertEquals(List.of("a start", "b start", "c start", "b end", "waited until 1.0", "a end", "c end"), log);
        assertEquals(3.0, loop.time());
    }

    @Test
    void firstExceptionReturnsAtTheFirstFailure() {
        List<Task<String>> tasks = new ArrayList<>();
        Tulip.run(seq(
                o -> {
                    tasks.add(Tulip.createTask(job("a", 1, log)));
                    Task<String> cancelled = Tulip.createTask(job("b", 5, log));
                    loop.callLater(1.5, cancelled::cancel); // a cancellation is not an exception
                    tasks.add(cancelled);
                    tasks.add(Tulip.createTask(fail("c", 2, log)));
                    tasks.add(Tulip.createTask(job("d", 3, log)));
                    return Tulip.wait(tasks, ReturnWhen.FIRST_EXCEPTION);
                },
                o -> {
                    @SuppressWarnings("unchecked")
                    WaitResult<String> r = (WaitResult<String>) o.get();
                    assertEquals(List.of("a", "cancelled", "c"), results(r.done()));
                    assertEquals(List.of(tasks.get(3)), new ArrayList<>(r.pending()));
                    assertEquals(2.0, loop.time());
                    return null;
                }), loop);
    }

    @Test
    void firstExceptionWithoutFailuresIsAllCompleted() {
        WaitResult<String> r = Tulip.run(call(() -> Tulip.wait(List.of(job("a", 2, log), job("b", 1, log)),
                ReturnWhen.FIRST_EXCEPTION)), loop);
        assertEquals(List.of("a", "b"), results(r.done()));
        assertEquals(2.0, loop.time());
    }

    @Test
    void timeoutReturnsWhatIsDoneWithoutCancellingOrRaising() {
        List<Task<String>> tasks = new ArrayList<>();
        Tulip.run(seq(
                o -> {
                    tasks.add(Tulip.createTask(job("a", 5, log)));
                    tasks.add(Tulip.createTask(job("b", 1, log)));
                    return Tulip.wait(tasks, 2);
                },
                o -> {
                    @SuppressWarnings("unchecked")
                    WaitResult<String> r = (WaitResult<String>) o.get();
                    assertEquals(List.of(tasks.get(1)), new ArrayList<>(r.done()));
                    assertEquals(List.of(tasks.get(0)), new ArrayList<>(r.pending()));
                    log.add("timed out at " + loop.time());
                    return tasks.get(0);
                },
                o -> {
                    log.add("a gave " + o.get());
                    return null;
                }), loop);
        assertEquals(List.of("a start", "b start", "b end", "timed out at 2.0", "a end", "a gave a"), log);
        assertEquals(5.0, loop.time());
    }

    @Test
    void timeoutAndReturnWhenTogether() {
        WaitResult<String> r = Tulip.run(call(() -> Tulip.wait(List.of(job("a", 5, log), job("b", 4, log)), 3,
                ReturnWhen.FIRST_COMPLETED)), loop);
        assertTrue(r.done().isEmpty());
        assertEquals(2, r.pending().size());
        assertEquals(3.0, loop.time());
    }

    @Test
    void emptyCollectionIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Tulip.wait(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Tulip.wait(List.of(Tulip.sleep(1)), Double.NaN));
        loop.close();
    }

    @Test
    void alreadyDoneFuturesAndDuplicates() {
        AsyncFuture<String> f = loop.createFuture();
        f.setResult("x");
        WaitResult<String> r = loop.runUntilComplete(Tulip.wait(List.of(f, f)));
        assertEquals(List.of(f), new ArrayList<>(r.done()));
        assertTrue(r.pending().isEmpty());
        assertEquals("<WaitResult done=[<AsyncFuture [FINISHED] ('x')>] pending=[]>", r.toString());
        loop.close();
    }

    @Test
    void cancellingTheWaiterDoesNotCancelTheFutures() {
        Task<?>[] child = new Task<?>[1];
        Task<?> main = loop.createTask(call(() -> {
            child[0] = Tulip.createTask(job("a", 3, log));
            return Tulip.wait(List.of(child[0]), 10);
        }));
        loop.callLater(1, main::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(main));
        assertFalse(child[0].done());
        assertEquals("a", loop.runUntilComplete(child[0]));
        assertEquals(3.0, loop.time());
        loop.close();
    }

    // ---- asCompleted ----

    @Test
    void asCompletedYieldsInCompletionOrder() {
        Tulip.run(new AsCompletedLoop(() -> Tulip.asCompleted(List.of(job("a", 3, log), job("b", 1, log),
                job("c", 2, log))), log, loop), loop);
        assertEquals(List.of("a start", "b start", "c start", "b end", "got b at 1.0", "c end", "got c at 2.0", "a end",
                "got a at 3.0"), log);
    }

    @Test
    void asCompletedRaisesEachFailureAtItsTurn() {
        Tulip.run(new AsCompletedLoop(() -> Tulip.asCompleted(List.of(job("a", 3, log), fail("b", 1, log))), log, loop),
                loop);
        assertEquals(List.of("a start", "b start", "b fails", "failed b at 1.0", "a end", "got a at 3.0"), log);
    }

    @Test
    void asCompletedTimeoutRaisesTimeoutErrorForTheRestWithoutCancelling() {
        List<Task<String>> tasks = new ArrayList<>();
        Tulip.run(new AsCompletedLoop(() -> {
            tasks.add(Tulip.createTask(job("a", 1, log)));
            tasks.add(Tulip.createTask(job("b", 5, log)));
            return Tulip.asCompleted(List.of(tasks.get(0), tasks.get(1), job("c", 6, log)), 2);
        }, log, loop), loop);
        assertEquals(List.of("a start", "b start", "c start", "a end", "got a at 1.0", "failed TimeoutError at 2.0",
                "failed TimeoutError at 2.0",
                "b cancelled", "c cancelled"), log); // run() cancels what is left when main returns
        assertTrue(tasks.get(1).cancelled());
    }

    @Test
    void asCompletedItemsCanBeAwaitedInAnyOrder() {
        Tulip.run(seq(
                o -> {
                    List<Awaitable<String>> items = Tulip.asCompleted(List.of(job("a", 2, log), job("b", 1, log)));
                    assertEquals(2, items.size());
                    return Tulip.gather(items.get(1), items.get(0));
                },
                o -> {
                    assertEquals(List.of("b", "a"), o.get()); // the first item awaited gets the first result
                    return null;
                }), loop);
    }

    @Test
    void asCompletedOfNothingAndOfDoneFutures() {
        AsyncFuture<String> f = loop.createFuture();
        f.setResult("x");
        List<Awaitable<String>> items = Tulip.asCompleted(List.of(f, f));
        assertEquals(1, items.size());
        assertEquals("x", loop.runUntilComplete(items.get(0)));
        assertEquals(List.of(), Tulip.run(call(() -> {
            assertTrue(Tulip.asCompleted(List.of()).isEmpty());
            return Tulip.gather();
        }), loop));
    }

    @Test
    void cancellingAnAsCompletedAwaitPassesTheTurnOn() {
        Tulip.run(seq(
                o -> {
                    List<Awaitable<String>> items = Tulip.asCompleted(List.of(job("a", 1, log), job("b", 2, log)));
                    Task<String> first = Tulip.createTask((Coroutine<String>) items.get(0));
                    Task<String> second = Tulip.createTask((Coroutine<String>) items.get(1));
                    loop.callLater(0.5, first::cancel);
                    return Tulip.gatherReturnExceptions(first, second);
                },
                o -> {
                    List<?> r = (List<?>) o.get();
                    assertInstanceOf(CancelledError.class, r.get(0));
                    assertEquals("a", r.get(1));
                    assertEquals(1.0, loop.time());
                    return null;
                }), loop);
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> asCompletedLoop(Supplier<List<Awaitable<String>>> make, List<String> log) {
     *     for (Awaitable<String> next : make.get()) {
     *         try {
     *             String r = await(next);
     *             log.add("got " + r + " at " + loop.time());
     *         } catch (RuntimeException e) {
     *             log.add("failed " + (e instanceof TimeoutError ? "TimeoutError" : e.getMessage()) + " at " + loop.time());
     *         }
     *     }
     *     return done();
     * }}</pre>
     */
    static final class AsCompletedLoop extends Coroutine<Void> {
        private final java.util.function.Supplier<List<Awaitable<String>>> make;
        private final List<String> log;
        private final EventLoop loop;
        private java.util.Iterator<Awaitable<String>> next$iterator;

        AsCompletedLoop(java.util.function.Supplier<List<Awaitable<String>>> make, List<String> log, EventLoop loop) {
            this.make = make;
            this.log = log;
            this.loop = loop;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        next$iterator = make.get().iterator();
                        state = 2;
                        continue;
                    case 1: // after await(next), inside try
                        if (thrown instanceof RuntimeException) {
                            log.add("failed " + (thrown instanceof TimeoutError ? "TimeoutError" : thrown.getMessage())
                                    + " at " + loop.time());
                        } else if (thrown != null) {
                            throw thrown;
                        } else {
                            log.add("got " + sent + " at " + loop.time());
                        }
                        thrown = null;
                        state = 2;
                        continue;
                    case 2: // loop head
                        if (!next$iterator.hasNext()) {
                            return complete(null);
                        }
                        state = 1;
                        return next$iterator.next();
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }
}
