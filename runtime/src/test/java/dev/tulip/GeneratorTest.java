package dev.tulip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Generator semantics, checked against CPython's ({@code Objects/genobject.c}, PEP 380, PEP 479). */
class GeneratorTest {

    // ---- seed 002 ----

    @Test
    void dwarfsYieldsSevenNames() {
        List<String> names = new ArrayList<>();
        for (String name : Gens.dwarfs()) {
            names.add(name);
        }
        assertEquals(Gens.DWARFS, names);
    }

    @Test
    void dwarfsWithYieldFromAList() {
        List<String> names = new ArrayList<>();
        Gens.dwarfsFrom().forEachRemaining(names::add);
        assertEquals(Gens.DWARFS, names);
    }

    @Test
    void talkNeedsPriming() {
        List<String> out = new ArrayList<>();
        Generator<Object> s = Gens.talk(out);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.send("Surprise!"));
        assertEquals("can't send non-null value to a just-started generator", e.getMessage());
        assertTrue(out.isEmpty(), "the body did not run");
        assertFalse(s.isSuspended());
        assertNull(s.next()); // next(s): prints "Get ready for this", stops at the bare yield
        assertEquals(List.of("Get ready for this"), out);
        assertNull(s.send("Surprise!"));
        assertEquals(List.of("Get ready for this", "Surprise!"), out);
    }

    @Test
    void talkPrimedPrintsEachSentValueAndStopsOnStop() {
        List<String> out = new ArrayList<>();
        Gens.Talk talk = (Gens.Talk) Gens.talk(out);
        Generator<Object> s = talk.primed();
        assertSame(talk, s);
        assertEquals(List.of("Get ready for this"), out);
        s.send("Surprise!");
        s.send("Encore");
        StopIteration stop = assertThrows(StopIteration.class, () -> s.send("stop"));
        assertNull(stop.value());
        assertEquals(List.of("Get ready for this", "Surprise!", "Encore", "stop"), out);
        assertTrue(s.isExhausted());
        assertEquals(1, talk.released, "release() runs once, when the generator finishes");
        assertThrows(StopIteration.class, () -> s.send("again"));
        assertThrows(IllegalStateException.class, s::primed);
    }

    // ---- seed 001 ----

    @Test
    void ticTacRaisesStopIterationWithTheReturnValue() {
        List<String> out = new ArrayList<>();
        Generator<Object> task = Gens.ticTac(out);
        task.next();
        assertEquals(List.of("Tic"), out);
        task.next();
        assertEquals(List.of("Tic", "Tac"), out);
        StopIteration stop = assertThrows(StopIteration.class, task::next);
        assertEquals("Boum!", stop.value());
        assertEquals("Boum!", stop.getMessage());
        assertEquals("Boum!", task.returnValue());
        // As in Python, later calls raise a StopIteration without the value.
        assertNull(assertThrows(StopIteration.class, task::next).value());
        assertInstanceOf(NoSuchElementException.class, stop);
    }

    @Test
    void exampleDelegatesToSubtaskWithYieldFrom() {
        // The seed's Loop.run_until_complete(example()): next() until StopIteration.
        List<String> out = new ArrayList<>();
        Generator<Object> example = Gens.example(out);
        int steps = 0;
        while (example.hasNext()) {
            example.next();
            steps++;
        }
        assertEquals(5, steps);
        assertEquals(List.of("Tâche 'example'", "Lancement de la tâche 'subtask'", "Tâche 'subtask'", "(subtask)",
                "(subtask)", "Retour dans 'example'", "(example)", "(example)", "(example)"), out);
        assertNull(example.returnValue());
    }

    // ---- return values through yieldFrom ----

    @Test
    void yieldFromForwardsSendAndReturnsTheDelegatesValue() {
        List<Object> results = new ArrayList<>();
        Generator<Double> g = Gens.grouper(results);
        assertNull(g.next());
        assertEquals(10.0, g.send(10.0));
        assertEquals(15.0, g.send(20.0));
        assertEquals(20.0, g.send(30.0));
        StopIteration stop = assertThrows(StopIteration.class, g::next); // averager gets null: it returns
        assertEquals("grouper done", stop.value());
        assertEquals(List.of(new Gens.Averaged(3, 20.0)), results);
    }

    @Test
    void deepDelegationUsesNoJavaStack() {
        List<String> log = new ArrayList<>();
        int depth = 200_000;
        Generator<Integer> g = Gens.nested(depth, log);
        assertEquals(1, g.next());
        assertEquals(2, g.send(42)); // forwarded through every level to the leaf
        assertEquals(List.of("leaf got 42"), log);
        StopIteration stop = assertThrows(StopIteration.class, g::next);
        assertEquals(depth, (Integer) stop.value());
    }

    @Test
    void closeAndThrowThroughADeepChain() {
        List<String> log = new ArrayList<>();
        Generator<Integer> g = Gens.nested(100_000, log);
        g.next();
        g.close();
        assertEquals(List.of("leaf finally"), log);
        assertTrue(g.isExhausted());

        List<String> log2 = new ArrayList<>();
        Generator<Integer> h = Gens.nested(100_000, log2);
        h.next();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        assertSame(boom, assertThrows(IllegalArgumentException.class, () -> h.throwInto(boom)));
        assertEquals(List.of("leaf finally"), log2);
        assertTrue(h.isExhausted());
    }

    @Test
    void delegateExceptionIsRaisedAtTheYieldFrom() {
        List<String> log = new ArrayList<>();
        Generator<Object> failing = Gens.scripted(sent -> {
            throw new IllegalArgumentException("inner failed");
        });
        Generator<Object> g = Gens.guarded(failing, log);
        assertEquals("after catch", g.next());
        assertEquals(List.of("caught java.lang.IllegalArgumentException: inner failed"), log);
        assertEquals("guarded done", assertThrows(StopIteration.class, g::next).value());
        assertEquals(List.of("caught java.lang.IllegalArgumentException: inner failed", "guarded finally"), log);
    }

    @Test
    void throwIntoIsForwardedToTheDelegateWhichMayCatchIt() {
        List<String> log = new ArrayList<>();
        List<String> inner = new ArrayList<>();
        Generator<Object> g = Gens.guarded(Gens.points(inner), log);
        assertEquals("try", g.next());
        assertEquals("catch:x", g.throwInto(new IllegalArgumentException("x"))); // caught by points
        assertEquals("finally", g.send("b"));
        assertEquals(List.of("catch:b"), inner);
        assertTrue(log.isEmpty());
    }

    @Test
    void throwIntoADelegateThatLetsItThroughRaisesItInTheDelegator() {
        List<String> log = new ArrayList<>();
        Generator<Object> g = Gens.guarded(Gens.counter(new ArrayList<>()), log);
        assertEquals(0, g.next());
        assertEquals("after catch", g.throwInto(new IllegalStateException("stop")));
        assertEquals(List.of("caught java.lang.IllegalStateException: stop"), log);
    }

    @Test
    void yieldFromAnExhaustedGeneratorReturnsNull() {
        Generator<Object> done = Gens.ticTac(new ArrayList<>());
        done.forEachRemaining(x -> { });
        List<String> log = new ArrayList<>();
        Generator<Object> g = Gens.guarded(done, log);
        assertEquals("guarded done", assertThrows(StopIteration.class, g::next).value());
        assertEquals(List.of("returned null", "guarded finally"), log);
    }

    @Test
    void yieldFromAPartlyConsumedGenerator() {
        Generator<String> d = Gens.dwarfs();
        d.next();
        d.next();
        List<Object> rest = new ArrayList<>();
        Gens.guarded(d, new ArrayList<>()).forEachRemaining(rest::add);
        assertEquals(Gens.DWARFS.subList(2, 7), rest);
    }

    @Test
    void yieldFromAGeneratorThatHasNextRanAhead() {
        Generator<String> d = Gens.dwarfs();
        assertTrue(d.hasNext()); // "Grumpy" is cached in d
        List<Object> all = new ArrayList<>();
        Gens.guarded(d, new ArrayList<>()).forEachRemaining(all::add);
        assertEquals(Gens.DWARFS, all);
    }

    @Test
    void chainsEndingInAPlainIterable() {
        List<Object> all = new ArrayList<>();
        List<String> log = new ArrayList<>();
        Gens.guarded(Gens.guarded(Gens.dwarfsFrom(), log), log).forEachRemaining(all::add);
        assertEquals(Gens.DWARFS, all);
        assertEquals(List.of("returned null", "guarded finally", "returned guarded done", "guarded finally"), log);
    }

    @Test
    void theDelegateCanBeDrivenDirectlyWhileTheDelegatorIsSuspended() {
        // Python allows next(inner) while outer is suspended in "yield from inner".
        Generator<String> inner = Gens.dwarfs();
        List<String> log = new ArrayList<>();
        Generator<Object> outer = Gens.guarded(inner, log);
        assertEquals("Grumpy", outer.next());
        assertEquals("Happy", inner.next());
        assertEquals("Sleepy", outer.next());
        inner.close();
        assertEquals("guarded done", assertThrows(StopIteration.class, outer::next).value());
        assertEquals(List.of("returned null", "guarded finally"), log);
    }

    // ---- plain iterables in yieldFrom ----

    @Test
    void sendingToAPlainIterableRaisesAtTheYieldFrom() {
        List<String> log = new ArrayList<>();
        Generator<Object> g = Gens.guarded(List.of(1, 2, 3), log);
        assertEquals(1, g.next());
        assertEquals(2, g.send(null)); // send(None) is next()
        assertEquals("after catch", g.send("x"));
        assertEquals(1, log.size());
        assertTrue(log.get(0).startsWith("caught java.lang.UnsupportedOperationException: can't send a non-null value"),
                log.get(0));
    }

    @Test
    void throwingIntoAPlainIterableRaisesAtTheYieldFrom() {
        List<String> log = new ArrayList<>();
        Generator<Object> g = Gens.guarded(List.of(1, 2, 3).iterator(), log);
        assertEquals(1, g.next());
        assertEquals("after catch", g.throwInto(new IllegalArgumentException("t")));
        assertEquals(List.of("caught java.lang.IllegalArgumentException: t"), log);
    }

    @Test
    void closingDuringYieldFromAnIteratorClosesIt() {
        List<String> log = new ArrayList<>();
        class Closeable implements Iterator<Integer>, AutoCloseable {
            int n;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return n++;
            }

            @Override
            public void close() {
                log.add("iterator closed");
            }
        }
        Generator<Object> g = Gens.guarded(new Closeable(), log);
        assertEquals(0, g.next());
        assertEquals(1, g.next());
        g.close();
        assertEquals(List.of("iterator closed", "guarded finally"), log);
    }

    @Test
    void yieldFromSomethingElseRaisesAtTheYieldFrom() {
        List<String> log = new ArrayList<>();
        assertEquals("after catch", Gens.guarded("not iterable", log).next());
        assertTrue(log.get(0).startsWith("caught java.lang.IllegalArgumentException: yieldFrom(...) takes"), log.get(0));
        List<String> log2 = new ArrayList<>();
        assertEquals("after catch", Gens.guarded(null, log2).next());
        assertTrue(log2.get(0).startsWith("caught java.lang.NullPointerException: yieldFrom(null)"), log2.get(0));
    }

    // ---- suspension points of every kind ----

    @Test
    void sendAtEveryKindOfSuspensionPoint() {
        List<String> log = new ArrayList<>();
        Generator<String> g = Gens.points(log);
        assertEquals("try", g.next());
        assertEquals("finally", g.send("a"));
        assertEquals("loop0", g.send("c"));
        assertEquals("loop1", g.send("d0"));
        StopIteration stop = assertThrows(StopIteration.class, () -> g.send("d1"));
        assertEquals("end", stop.value());
        assertEquals(List.of("try:a", "finally:c", "loop0:d0", "loop1:d1"), log);
    }

    @Test
    void throwIntoTryIsCaughtThenYieldsInCatchAndFinally() {
        List<String> log = new ArrayList<>();
        Generator<String> g = Gens.points(log);
        g.next();
        assertEquals("catch:boom", g.throwInto(new IllegalArgumentException("boom")));
        assertEquals("finally", g.send("b"));
        assertEquals("loop0", g.send("c"));
        assertEquals(List.of("catch:b", "finally:c"), log);
    }

    @Test
    void bodyExceptionInTryIsCaughtToo() {
        List<String> log = new ArrayList<>();
        Generator<String> g = Gens.points(log);
        g.next();
        assertEquals("catch:fail", g.send("fail"));
    }

    @Test
    void throwIntoCatchRunsFinallyThenPropagates() {
        List<String> log = new ArrayList<>();
        Generator<String> g = Gens.points(log);
        g.next();
        g.throwInto(new IllegalArgumentException("boom"));
        IllegalStateException e = new IllegalStateException("in catch");
        assertEquals("finally", g.throwInto(e)); // pending while the finally block yields
        assertSame(e, assertThrows(IllegalStateException.class, () -> g.send("f")));
        assertEquals(List.of("finally:f"), log);
        assertTrue(g.isExhausted());
    }

    @Test
    void throwIntoFinallyAndLoopPropagates() {
        Generator<String> g = Gens.points(new ArrayList<>());
        g.next();
        g.send("a");
        assertThrows(UnsupportedOperationException.class, () -> g.throwInto(new UnsupportedOperationException()));
        assertTrue(g.isExhausted());
        assertThrows(StopIteration.class, g::next);

        Generator<String> h = Gens.points(new ArrayList<>());
        h.next();
        h.send("a");
        h.send("b");
        assertThrows(ArithmeticException.class, () -> h.throwInto(new ArithmeticException()));
        assertTrue(h.isExhausted());
    }

    @Test
    void checkedExceptionsPassThroughUnwrapped() {
        Generator<String> g = Gens.points(new ArrayList<>());
        g.next();
        java.io.IOException checked = new java.io.IOException("io");
        assertEquals("finally", g.throwInto(checked)); // pending while the finally block yields
        assertSame(checked, assertThrows(java.io.IOException.class, () -> g.send("f")));
    }

    @Test
    void closeAtEveryKindOfSuspensionPoint() {
        // In try: GeneratorExit is pending while the finally block yields: "ignored GeneratorExit",
        // and the generator stays suspended there; resuming it lets the pending GeneratorExit out.
        List<String> log = new ArrayList<>();
        Generator<String> g = Gens.points(log);
        g.next();
        IllegalStateException ignored = assertThrows(IllegalStateException.class, g::close);
        assertEquals("generator ignored GeneratorExit", ignored.getMessage());
        assertTrue(g.isSuspended(), "it stays suspended at the yield in finally");
        assertThrows(GeneratorExit.class, () -> g.send("x"));
        assertEquals(List.of("finally:x"), log);
        assertTrue(g.isExhausted());

        // In catch: the same.
        Generator<String> c = Gens.points(new ArrayList<>());
        c.next();
        c.throwInto(new IllegalArgumentException("b"));
        assertEquals("generator ignored GeneratorExit", assertThrows(IllegalStateException.class, c::close).getMessage());
        c.close(); // now at the yield in finally: GeneratorExit goes through
        assertTrue(c.isExhausted());

        // In finally, and in the loop: GeneratorExit goes through, close() returns normally.
        List<String> log2 = new ArrayList<>();
        Generator<String> f = Gens.points(log2);
        f.next();
        f.send("a");
        f.close();
        assertTrue(f.isExhausted());
        Generator<String> l = Gens.points(log2);
        l.next();
        l.send("a");
        l.send("b");
        l.close();
        assertTrue(l.isExhausted());
        assertEquals(List.of("try:a", "try:a", "finally:b"), log2);
    }

    @Test
    void closeRunsFinallyBlocks() {
        List<String> log = new ArrayList<>();
        Generator<Integer> c = Gens.counter(log);
        assertEquals(0, c.next());
        assertEquals(1, c.next());
        c.close();
        assertEquals(List.of("finally"), log);
        assertTrue(c.isExhausted());
        assertNull(c.returnValue());
        c.close(); // nothing: already closed
        assertEquals(List.of("finally"), log);
        assertFalse(c.hasNext());
        assertThrows(StopIteration.class, c::next);
    }

    @Test
    void closeInsideTryWithResources() {
        List<String> log = new ArrayList<>();
        try (Generator<Integer> c = Gens.counter(log)) {
            for (int i : c) {
                if (i == 3) {
                    break;
                }
            }
        }
        assertEquals(List.of("finally"), log);
    }

    @Test
    void closeANeverStartedGeneratorRunsNothing() {
        List<String> log = new ArrayList<>();
        Generator<Integer> c = Gens.counter(log);
        c.close();
        assertTrue(c.isExhausted());
        assertTrue(log.isEmpty());
        assertThrows(StopIteration.class, c::next);
    }

    @Test
    void ignoredGeneratorExit() {
        List<String> log = new ArrayList<>();
        Generator<String> g = Gens.stubborn(log);
        g.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
        assertEquals("generator ignored GeneratorExit", e.getMessage());
        assertEquals(List.of("ignoring"), log);
        assertTrue(g.isSuspended());
        assertEquals("still here", g.next());
    }

    @Test
    void closeReturnsTheValueTheBodyReturns() {
        Generator<String> g = Gens.closeReturns();
        g.next();
        g.close();
        assertEquals("closed", g.returnValue()); // Python 3.13: close() returns it
    }

    @Test
    void throwIntoWithGeneratorExitPropagatesIt() {
        Generator<String> g = Gens.dwarfs();
        g.next();
        GeneratorExit exit = new GeneratorExit();
        assertSame(exit, assertThrows(GeneratorExit.class, () -> g.throwInto(exit)));
        assertTrue(g.isExhausted());
    }

    @Test
    void closeWhileDelegatingClosesTheDelegateFirst() {
        List<String> log = new ArrayList<>();
        List<String> inner = new ArrayList<>();
        Generator<Object> g = Gens.guarded(Gens.counter(inner), log);
        g.next();
        g.close();
        assertEquals(List.of("finally"), inner);
        assertEquals(List.of("guarded finally"), log);
    }

    @Test
    void throwingGeneratorExitWhileDelegatingClosesTheDelegateThenRaisesIt() {
        List<String> log = new ArrayList<>();
        List<String> inner = new ArrayList<>();
        Generator<Object> g = Gens.guarded(Gens.counter(inner), log);
        g.next();
        GeneratorExit exit = new GeneratorExit("mine");
        assertSame(exit, assertThrows(GeneratorExit.class, () -> g.throwInto(exit)));
        assertEquals(List.of("finally"), inner);
        assertEquals(List.of("guarded finally"), log);
    }

    @Test
    void aDelegateIgnoringGeneratorExitRaisesInTheDelegator() {
        List<String> log = new ArrayList<>();
        Generator<String> stubborn = Gens.stubborn(new ArrayList<>());
        Generator<Object> g = Gens.guarded(stubborn, log);
        g.next();
        // guarded's yield in catch, while being closed, is itself "ignored GeneratorExit".
        IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
        assertEquals("generator ignored GeneratorExit", e.getMessage());
        assertEquals(List.of("caught java.lang.IllegalStateException: generator ignored GeneratorExit"), log);
        assertTrue(stubborn.isSuspended());
        assertTrue(g.isSuspended());
    }

    // ---- the protocol's edges ----

    @Test
    void throwIntoANewGeneratorFinishesItWithoutRunningTheBody() {
        List<String> out = new ArrayList<>();
        Generator<Object> g = Gens.talk(out);
        IllegalArgumentException e = new IllegalArgumentException();
        assertSame(e, assertThrows(IllegalArgumentException.class, () -> g.throwInto(e)));
        assertTrue(out.isEmpty());
        assertTrue(g.isExhausted());
        // Throwing into an exhausted generator raises the exception at once.
        IllegalStateException again = new IllegalStateException();
        assertSame(again, assertThrows(IllegalStateException.class, () -> g.throwInto(again)));
    }

    @Test
    void throwIntoThatIsCaughtAndReturnsRaisesStopIteration() {
        Generator<String> g = Gens.closeReturns();
        g.next();
        assertEquals("closed", assertThrows(StopIteration.class, () -> g.throwInto(new GeneratorExit())).value());
    }

    @Test
    void alreadyExecuting() {
        AtomicReference<Generator<Object>> self = new AtomicReference<>();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Generator<Object> g = Gens.scripted(sent -> {
            assertTrue(self.get().isRunning());
            try {
                self.get().next();
            } catch (IllegalStateException e) {
                seen.set(e);
            }
            return "ok";
        });
        self.set(g);
        assertEquals("ok", g.next());
        assertEquals("generator already executing", seen.get().getMessage());
        assertTrue(g.isSuspended());
    }

    @Test
    void delegatingToItselfRaisesAtTheYieldFrom() {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Generator<Object> g = Gens.raw((self, sent, thrown) -> {
            Gens.Raw raw = (Gens.Raw) self;
            if (raw.state == 1) {
                return raw.doDelegate(self);
            }
            seen.set(thrown);
            return raw.doComplete("done");
        });
        assertEquals("done", assertThrows(StopIteration.class, g::next).value());
        assertEquals("generator already executing", seen.get().getMessage());
    }

    @Test
    void delegatingToARunningOuterGeneratorKeepsTheOuterChainIntact() {
        // outer delegates to inner; inner's body makes a third generator delegate to outer (running).
        AtomicReference<Generator<Object>> outerRef = new AtomicReference<>();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        Generator<Object> third = Gens.raw((self, sent, thrown) -> {
            Gens.Raw raw = (Gens.Raw) self;
            if (raw.state == 1) {
                return raw.doDelegate(outerRef.get());
            }
            seen.set(thrown);
            return raw.doComplete(null);
        });
        Generator<Object> inner = Gens.scripted(sent -> {
            assertThrows(StopIteration.class, third::next);
            return "from inner";
        });
        Generator<Object> outer = Gens.guarded(inner, new ArrayList<>());
        outerRef.set(outer);
        assertEquals("from inner", outer.next());
        assertEquals("generator already executing", seen.get().getMessage());
        assertEquals("from inner", outer.next()); // the chain outer -> inner still works
    }

    @Test
    void stopIterationEscapingTheBodyBecomesAnError() {
        Generator<Object> empty = Gens.scripted(sent -> Gens.END);
        assertFalse(empty.hasNext());
        Generator<Object> g = Gens.scripted(sent -> empty.next());
        IllegalStateException e = assertThrows(IllegalStateException.class, g::next);
        assertEquals("generator raised StopIteration", e.getMessage());
        assertInstanceOf(StopIteration.class, e.getCause());
    }

    @Test
    void hasNextRunsAheadOnceAndNextReturnsTheCachedValue() {
        List<String> out = new ArrayList<>();
        Generator<Object> g = Gens.ticTac(out);
        assertTrue(g.hasNext());
        assertTrue(g.hasNext());
        assertEquals(List.of("Tic"), out);
        assertThrows(IllegalStateException.class, () -> g.send("x"));
        assertNull(g.send(null)); // send(null) is next(): the cached value
        assertTrue(g.hasNext());
        assertEquals(List.of("Tic", "Tac"), out);
        g.next();
        assertFalse(g.hasNext());
        assertEquals("Boum!", g.returnValue());
        assertNull(assertThrows(StopIteration.class, g::next).value(), "hasNext() already saw the end");
    }

    @Test
    void closeDropsAValueThatHasNextRanAheadTo() {
        List<String> log = new ArrayList<>();
        Generator<Integer> c = Gens.counter(log);
        assertTrue(c.hasNext());
        c.close();
        assertEquals(List.of("finally"), log);
        assertFalse(c.hasNext());
    }

    @Test
    void iteratorIsOneShot() {
        Generator<String> g = Gens.dwarfs();
        assertSame(g, g.iterator());
        IllegalStateException e = assertThrows(IllegalStateException.class, g::iterator);
        assertTrue(e.getMessage().contains("iterated once"), e.getMessage());
    }

    @Test
    void returnValueBeforeTheEndIsAnError() {
        Generator<String> g = Gens.dwarfs();
        assertThrows(IllegalStateException.class, g::returnValue);
        g.next();
        assertThrows(IllegalStateException.class, g::returnValue);
    }

    @Test
    void bodyExceptionFinishesTheGenerator() {
        AtomicBoolean ran = new AtomicBoolean();
        Generator<Object> g = Gens.scripted(sent -> {
            ran.set(true);
            throw new ArithmeticException("bad");
        });
        assertThrows(ArithmeticException.class, g::next);
        assertTrue(ran.get());
        assertTrue(g.isExhausted());
        assertNull(g.returnValue());
        assertThrows(StopIteration.class, g::next);
    }

    @Test
    void describesItself() {
        Generator<String> g = Gens.dwarfs();
        assertEquals("<generator Gens.dwarfs>", g.toString());
        g.next();
        assertEquals("<generator Gens.dwarfs (suspended)>", g.toString());
        g.close();
        assertEquals("<generator Gens.dwarfs (exhausted)>", g.toString());
    }

    @Test
    void nullIsAValidYieldedValue() {
        Generator<Object> g = Gens.ticTac(new ArrayList<>());
        assertTrue(g.hasNext());
        assertNull(g.next());
    }

    @Test
    void markersThrowWhenTheyRun() {
        assertThrows(IllegalStateException.class, () -> Tulip.yield("x"));
        assertThrows(IllegalStateException.class, () -> Tulip.yield());
        assertThrows(IllegalStateException.class, () -> Tulip.yieldFrom(Gens.dwarfs()));
        assertThrows(IllegalStateException.class, () -> Tulip.yieldFrom(List.of()));
        assertThrows(IllegalStateException.class, () -> Tulip.yieldFrom(List.of().iterator()));
        assertThrows(IllegalStateException.class, () -> Tulip.doneYielding());
        assertThrows(IllegalStateException.class, () -> Tulip.doneYielding("v"));
    }
}
