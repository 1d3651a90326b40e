package dev.tulip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Asynchronous generators (PEP 525), driven by hand-written consumers on a virtual-time loop. */
class AsyncGeneratorTest {

    // ---- seed 002 ----

    @Test
    void asyncForOverDwarfs() {
        List<String> out = new ArrayList<>();
        int n = Tulip.runVirtual(Gens.printAll(Gens.asyncDwarfs(), out));
        assertEquals(7, n);
        assertEquals(Gens.DWARFS, out);
    }

    @Test
    void asyncComprehensions() {
        List<List<String>> r = Tulip.runVirtual(Gens.comprehensions());
        assertEquals(List.of("Grumpy", "Happy", "Sleepy", "Bashful", "Sneezy", "Dopey", "Doc"), r.get(0));
        assertEquals(List.of("Sleepy", "Sneezy", "Dopey"), r.get(1));
    }

    @Test
    void theBodysAwaitsSuspendTheConsumerTask() {
        List<String> out = new ArrayList<>();
        EventLoop loop = EventLoop.virtualTime();
        assertEquals(7, (int) Tulip.run(Gens.printAll(Gens.slowDwarfs(0.5), out), loop));
        assertEquals(Gens.DWARFS, out);
        assertEquals(3.5, loop.time(), 1e-9);
    }

    @Test
    void otherTasksRunWhileTheGeneratorAwaits() {
        List<String> log = new ArrayList<>();
        Tulip.runVirtual(Coros.seq(
                o -> {
                    Tulip.createTask(Coros.job("other", 0.25, log));
                    return Gens.printAll(Gens.slowDwarfs(0.1), new ArrayList<>());
                },
                o -> {
                    log.add("consumer got " + o.get());
                    return null;
                }));
        assertEquals(List.of("other start", "other end", "consumer got 7"), log);
    }

    @Test
    void theIteratorReusesOneAwaitablePerIteration() {
        AsyncIterator<String> it = Gens.asyncDwarfs().aiter();
        List<Awaitable<Boolean>> seen = new ArrayList<>();
        List<String> got = new ArrayList<>();
        Tulip.runVirtual(Coros.seq(
                o -> remember(seen, it.hasNext()),
                o -> {
                    assertEquals(Boolean.TRUE, o.get());
                    got.add(it.next());
                    return remember(seen, it.hasNext());
                },
                o -> {
                    got.add(it.next());
                    return remember(seen, it.hasNext());
                },
                o -> null));
        assertEquals(List.of("Grumpy", "Happy"), got);
        assertSame(seen.get(0), seen.get(1));
        assertSame(seen.get(0), seen.get(2));
    }

    private static Awaitable<Boolean> remember(List<Awaitable<Boolean>> seen, Awaitable<Boolean> a) {
        seen.add(a);
        return a;
    }

    @Test
    void hasNextTwiceWithoutNextDoesNotAdvance() {
        AsyncIterator<String> it = Gens.asyncDwarfs().aiter();
        List<String> got = new ArrayList<>();
        Tulip.runVirtual(Coros.seq(
                o -> it.hasNext(),
                o -> it.hasNext(),
                o -> {
                    assertEquals(Boolean.TRUE, o.get());
                    got.add(it.next());
                    assertThrows(NoSuchElementException.class, it::next);
                    return it.hasNext();
                },
                o -> {
                    got.add(it.next());
                    return null;
                }));
        assertEquals(List.of("Grumpy", "Happy"), got);
    }

    @Test
    void hasNextWhileTheLastOneIsStillAwaitedIsAnError() {
        AsyncIterator<String> it = Gens.slowDwarfs(1).aiter();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Tulip.runVirtual(Coros.seq(
                o -> {
                    Task<Boolean> t = Tulip.createTask(Coros.call(it::hasNext));
                    return Tulip.sleep(0.5);
                },
                o -> {
                    seen.set(assertThrows(IllegalStateException.class, it::hasNext));
                    return Tulip.sleep(1);
                }));
        assertTrue(seen.get().getMessage().contains("is still being awaited"), seen.get().getMessage());
    }

    // ---- anext, asend, athrow, aclose ----

    @Test
    void anextUntilStopAsyncIteration() {
        AsyncGenerator<String> g = Gens.asyncDwarfs();
        List<Object> got = new ArrayList<>();
        Coros.Step next = o -> {
            got.add(o.value() != null ? o.value() : o.error());
            return g.anext();
        };
        Coros.Step[] steps = new Coros.Step[10];
        steps[0] = o -> g.anext();
        for (int i = 1; i < 9; i++) {
            steps[i] = next;
        }
        steps[9] = o -> {
            got.add(o.error());
            return null;
        };
        Tulip.runVirtual(Coros.seq(steps));
        assertEquals(Gens.DWARFS, got.subList(0, 7));
        assertInstanceOf(StopAsyncIteration.class, got.get(7));
        assertInstanceOf(StopAsyncIteration.class, got.get(8)); // and again
        assertTrue(g.isExhausted());
    }

    @Test
    void asendAndAthrow() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<String> g = Gens.echo(log);
        List<Object> got = new ArrayList<>();
        Tulip.runVirtual(Coros.seq(
                o -> g.asend("too early"),
                o -> {
                    got.add(o.error().getMessage());
                    assertFalse(g.isSuspended());
                    return g.asend(null);
                },
                o -> {
                    got.add(o.get());
                    return g.asend("hi");
                },
                o -> {
                    got.add(o.get());
                    return g.athrow(new IllegalArgumentException("oops"));
                },
                o -> {
                    got.add(o.get());
                    return g.asend("end");
                },
                o -> {
                    got.add(o.error());
                    return g.asend("more");
                },
                o -> {
                    got.add(o.error());
                    return g.athrow(new IllegalArgumentException("late")); // exhausted: CPython returns None
                },
                o -> {
                    got.add(o.get());
                    return g.aclose();
                },
                o -> {
                    got.add(o.get());
                    return null;
                }));
        assertEquals("can't send non-null value to a just-started async generator", got.get(0));
        assertEquals(List.of("ready", "echo hi", "echo caught oops"), got.subList(1, 4));
        assertInstanceOf(StopAsyncIteration.class, got.get(4));
        assertInstanceOf(StopAsyncIteration.class, got.get(5));
        assertNull(got.get(6));
        assertNull(got.get(7));
    }

    @Test
    void athrowThatIsNotCaughtFinishesTheGenerator() {
        AsyncGenerator<String> g = Gens.echo(new ArrayList<>());
        ArithmeticException boom = new ArithmeticException();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Tulip.runVirtual(Coros.seq(
                o -> g.anext(),
                o -> g.athrow(boom),
                o -> {
                    seen.set(o.error());
                    return null;
                }));
        assertSame(boom, seen.get());
        assertTrue(g.isExhausted());
    }

    @Test
    void athrowIntoANewGeneratorFinishesItWithoutRunningTheBody() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> g = Gens.ticker(1, log);
        IllegalArgumentException e = new IllegalArgumentException();
        List<Throwable> seen = new ArrayList<>();
        Tulip.runVirtual(Coros.seq(
                o -> g.athrow(e),
                o -> {
                    seen.add(o.error());
                    return g.anext();
                },
                o -> {
                    seen.add(o.error());
                    return null;
                }));
        assertSame(e, seen.get(0));
        assertInstanceOf(StopAsyncIteration.class, seen.get(1));
        assertTrue(log.isEmpty());
    }

    @Test
    void acloseRunsAnAwaitingFinallyBlock() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> g = Gens.ticker(1, log);
        EventLoop loop = EventLoop.virtualTime();
        List<Object> got = new ArrayList<>();
        Tulip.run(Coros.seq(
                o -> g.anext(),
                o -> {
                    got.add(o.get());
                    return g.anext();
                },
                o -> {
                    got.add(o.get());
                    return g.aclose();
                },
                o -> {
                    got.add(o.get());
                    got.add(loop.time());
                    return g.anext();
                },
                o -> {
                    got.add(o.error());
                    return null;
                }), loop);
        assertEquals(List.of(0, 1), got.subList(0, 2));
        assertNull(got.get(2));
        assertEquals(3.0, got.get(3));
        assertInstanceOf(StopAsyncIteration.class, got.get(4));
        assertEquals(List.of("finally start", "finally end"), log);
        assertTrue(g.isExhausted());
    }

    @Test
    void acloseOnANeverStartedGeneratorRunsNothing() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> g = Gens.ticker(1, log);
        AsyncCloseable closeable = g;
        Tulip.runVirtual(Coros.seq(o -> closeable.aclose(), o -> g.aclose(), o -> null));
        assertTrue(g.isExhausted());
        assertTrue(log.isEmpty());
    }

    @Test
    void asyncGeneratorIgnoredGeneratorExit() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<String> g = Gens.echo(log);
        List<Object> got = new ArrayList<>();
        Tulip.runVirtual(Coros.seq(
                o -> g.anext(),
                o -> g.asend("stubborn"),
                o -> g.aclose(),
                o -> {
                    got.add(o.error());
                    got.add(g.isSuspended());
                    return g.aclose(); // now at the yield in the catch block: GeneratorExit goes through
                },
                o -> {
                    got.add(o.get());
                    return null;
                }));
        assertEquals("async generator ignored GeneratorExit", ((Throwable) got.get(0)).getMessage());
        assertEquals(true, got.get(1));
        assertNull(got.get(2));
        assertEquals(List.of("exit"), log);
        assertTrue(g.isExhausted());
    }

    @Test
    void stopAsyncIterationRaisedByTheBodyBecomesAnError() {
        AsyncGenerator<String> g = Gens.echo(new ArrayList<>());
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Tulip.runVirtual(Coros.seq(
                o -> g.anext(),
                o -> g.asend("bad"), // yields "echo bad"
                o -> g.asend("bad"),
                o -> {
                    seen.set(o.error());
                    return null;
                }));
        assertEquals("async generator raised StopAsyncIteration", seen.get().getMessage());
        assertInstanceOf(StopAsyncIteration.class, seen.get().getCause());
    }

    @Test
    void concurrentStepsAreRefused() {
        AsyncGenerator<String> g = Gens.slowDwarfs(1);
        List<Object> got = new ArrayList<>();
        Tulip.runVirtual(Coros.seq(
                o -> {
                    Tulip.createTask(Coros.call(g::anext));
                    return Tulip.sleep(0.5);
                },
                o -> {
                    assertTrue(g.isRunning());
                    return g.anext();
                },
                o -> {
                    got.add(o.error().getMessage());
                    return g.aclose();
                },
                o -> {
                    got.add(o.error().getMessage());
                    return Tulip.sleep(1);
                }));
        assertEquals(List.of("anext(): asynchronous generator is already running",
                "aclose(): asynchronous generator is already running"), got);
    }

    // ---- cancellation and abandoned iterations ----

    @Test
    void cancellingTheConsumerRaisesInsideTheGeneratorAndRunsItsFinally() {
        List<String> log = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        AsyncGenerator<Integer> g = Gens.ticker(1, log);
        EventLoop loop = EventLoop.virtualTime();
        AtomicReference<Task<Integer>> consumer = new AtomicReference<>();
        List<Object> got = new ArrayList<>();
        Tulip.run(Coros.seq(
                o -> {
                    consumer.set(Tulip.createTask(Gens.printAll(g, out)));
                    return Tulip.sleep(2.5);
                },
                o -> {
                    consumer.get().cancel();
                    return consumer.get();
                },
                o -> {
                    got.add(o.error());
                    got.add(loop.time());
                    return null;
                }), loop);
        assertEquals(List.of(0, 1), out);
        assertInstanceOf(CancelledError.class, got.get(0));
        assertEquals(3.5, got.get(1), "the generator's finally block awaited 1s after the cancellation");
        assertEquals(List.of("finally start", "finally end"), log);
        assertTrue(g.isExhausted());
        assertTrue(consumer.get().cancelled());
    }

    @Test
    void anAbandonedIterationLeavesTheGeneratorSuspendedUntilAclose() {
        List<String> log = new ArrayList<>();
        AsyncGenerator<Integer> g = Gens.ticker(1, log);
        AsyncIterator<Integer> it = g.aiter();
        Tulip.runVirtual(Coros.seq(
                o -> it.hasNext(),
                o -> {
                    it.next();
                    return null; // break out of the loop
                }));
        assertTrue(g.isSuspended());
        assertTrue(log.isEmpty(), "its finally block has not run");
        Tulip.runVirtual(Coros.seq(o -> g.aclose(), o -> null));
        assertEquals(List.of("finally start", "finally end"), log);
    }

    @Test
    void collectFailsWithTheFilterException() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Tulip.runVirtual(Coros.seq(
                o -> Tulip.collect(Gens.asyncDwarfs(), n -> {
                    throw new IllegalArgumentException(n);
                }),
                o -> {
                    seen.set(o.error());
                    return null;
                }));
        assertEquals("Grumpy", seen.get().getMessage());
    }

    @Test
    void describesItself() {
        AsyncGenerator<String> g = Gens.asyncDwarfs();
        assertEquals("<async generator Gens.dwarfs>", g.toString());
        Tulip.runVirtual(Coros.seq(o -> g.anext(), o -> null));
        assertEquals("<async generator Gens.dwarfs (suspended)>", g.toString());
        assertEquals("<coroutine Gens.dwarfs.anext()>", g.anext().toString());
    }
}
