package dev.tulip.processor.fuzz.regressions;

import dev.tulip.processor.fuzz.Differential;
import org.junit.jupiter.api.Test;

/**
 * Plain generators ({@code @Generator.Method}) driven by hand, compared with the plain-Java reference
 * ({@code RefGen}, which runs the body on a thread of its own and models {@code dev.tulip.Generator}'s
 * API independently): {@code send}, {@code throwInto} and {@code close} at yields inside
 * try/catch/finally, loops and switches, return values, and {@code yieldFrom} delegation with the
 * operations forwarded (PEP 380). The generator bodies are {@code y0(t, a)}, {@code y1(t, a)}...; the
 * consumer is the {@code @Async} method {@code m(t)}.
 */
class GeneratorDifferentialTest {

    /** The first-call rules: send(non-null) to a new generator, then next, send, and the end's value. */
    @Test
    void sendIsTheValueOfTheYield() {
        Differential.program("""
                var g = y0(t, 1);
                try {
                    t.log("early", g.send(5));
                } catch (IllegalStateException e) {
                    t.log("refused", e);
                }
                t.log("first", g.next());
                t.log("second", g.send(7));
                t.log("third", g.send(await(later(8))));
                try {
                    t.log("rv early", g.returnValue());
                } catch (IllegalStateException e) {
                    t.log("no value", e);
                }
                try {
                    t.log("fourth", g.send(9));
                } catch (dev.tulip.StopIteration e) {
                    t.log("stop", e, e.value());
                }
                t.log("rv", g.returnValue(), g.isExhausted());
                try {
                    t.log("after", g.next());
                } catch (dev.tulip.StopIteration e) {
                    t.log("stop again", e, e.value());
                }
                return done(1);
                """).generator("""
                int s = nz(Tulip.yield(a));
                t.log("got", s);
                t.log("got2", Tulip.<Integer>yield(s + 1));
                int total = s + nz(Tulip.yield());
                return Tulip.doneYielding(total);
                """).assertSameTraces();
    }

    /** hasNext() runs ahead: next() returns that value, send(v) is refused, throwInto drops it. */
    @Test
    void hasNextRunsAhead() {
        Differential.program("""
                var g = y0(t, 1);
                t.log("h", g.hasNext(), g.hasNext());
                try {
                    t.log("send", g.send(3));
                } catch (IllegalStateException e) {
                    t.log("refused", e);
                }
                t.log("n", g.next());
                t.log("h2", g.hasNext());
                t.log("t", g.throwInto(new Boom("b")));
                for (Integer e : g) {
                    t.log("rest", e);
                }
                t.log("h3", g.hasNext());
                try {
                    for (Integer e : g) {
                        t.log("again", e);
                    }
                } catch (IllegalStateException e) {
                    t.log("once", e);
                }
                return done(1);
                """).generator("""
                for (int i = 0; i < 4; i++) {
                    try {
                        t.log("sent", Tulip.<Integer>yield(i));
                    } catch (Boom e) {
                        t.log("caught", e);
                    }
                }
                return Tulip.doneYielding();
                """).assertSameTraces();
    }

    /** throwInto at yields in try, catch and finally: caught, rethrown, and the finally order. */
    @Test
    void throwIntoAtYieldsInTryCatchFinally() {
        Differential.program("""
                for (int k = 0; k < 4; k++) {
                    var g = y0(t, k);
                    try {
                        t.log("v", g.next());
                        for (int i = 0; i < k; i++) {
                            t.log("v", g.send(10 + i));
                        }
                        t.log("thrown", g.throwInto(k % 2 == 0 ? new Boom("b" + k) : new CheckedBoom("c" + k)));
                        t.log("then", g.next());
                    } catch (Exception e) {
                        t.log("out", e, g.isExhausted());
                    }
                }
                return done(1);
                """).generator("""
                try {
                    try {
                        t.log("s0", Tulip.<Integer>yield(0));
                    } catch (Boom e) {
                        t.log("c0", e, Tulip.<Integer>yield(1));
                        throw new Bang("from catch");
                    } finally {
                        t.log("f0", Tulip.<Integer>yield(2));
                    }
                    t.log("s3", Tulip.<Integer>yield(3));
                } catch (Bang e) {
                    t.log("bang", e);
                    return Tulip.doneYielding(-1);
                } finally {
                    t.log("outer finally");
                }
                return Tulip.doneYielding(a);
                """).assertSameTraces();
    }

    /** A body that catches the exception thrown in and returns: throwInto raises StopIteration(value). */
    @Test
    void throwIntoCaughtThenReturnRaisesStopIteration() {
        Differential.program("""
                var g = y0(t, 4);
                t.log("v", g.next());
                try {
                    t.log("thrown", g.throwInto(new CheckedBoom("c")));
                } catch (dev.tulip.StopIteration e) {
                    t.log("stop", e, e.value(), g.returnValue());
                }
                try {
                    t.log("thrown again", g.throwInto(new Boom("late")));
                } catch (Boom e) {
                    t.log("raised at once", e);
                }
                var h = y0(t, 5);
                try {
                    h.throwInto(new Boom("unstarted"));
                } catch (Boom e) {
                    t.log("unstarted", e, h.isExhausted(), h.returnValue());
                }
                return done(1);
                """).generator("""
                try {
                    Tulip.yield(a);
                } catch (Exception e) { // a checked exception thrown in: Java lets only a broad catch see it
                    t.log("caught", e);
                    return Tulip.doneYielding(a * 10);
                } finally {
                    t.log("finally");
                }
                return Tulip.doneYielding(0);
                """).assertSameTraces();
    }

    /** close() at a yield inside nested loops: GeneratorExit unwinds through the finally blocks. */
    @Test
    void closeInsideLoopsRunsFinallyBlocks() {
        Differential.program("""
                for (int k = 0; k < 5; k++) {
                    try (var g = y0(t, k)) {
                        for (int e : g) {
                            t.log("e", e);
                            if (e >= k) {
                                break;
                            }
                        }
                    }
                    t.log("closed", k);
                }
                var h = y0(t, 9);
                h.close();
                t.log("unstarted close", h.isExhausted());
                return done(1);
                """).generator("""
                try {
                    outer:
                    for (int i = 0; i < 3; i++) {
                        try {
                            for (int j = 0; j < 2; j++) {
                                try {
                                    Tulip.yield(i * 2 + j);
                                } finally {
                                    t.log("inner finally", i, j);
                                }
                                if (i == 2) {
                                    continue outer;
                                }
                            }
                        } catch (GeneratorExit e) {
                            t.log("exit", e, i);
                            throw e;
                        }
                    }
                } finally {
                    t.log("outer finally");
                }
                return Tulip.doneYielding(7);
                """).assertSameTraces();
    }

    /** A body that catches GeneratorExit and yields again: close() raises "generator ignored GeneratorExit". */
    @Test
    void ignoringGeneratorExit() {
        Differential.program("""
                var g = y0(t, 1);
                t.log("v", g.next());
                try {
                    g.close();
                } catch (IllegalStateException e) {
                    t.log("ignored", e, g.isExhausted());
                }
                t.log("v2", g.send(3));
                g.close();
                t.log("closed", g.isExhausted(), g.returnValue());
                var h = y0(t, 2);
                t.log("w", h.next());
                try {
                    t.log("thrown exit", h.throwInto(new GeneratorExit("by hand")));
                } catch (Exception e) {
                    t.log("?", e);
                }
                h.close();
                return done(1);
                """).generator("""
                int n = 0;
                while (n < 3) {
                    try {
                        t.log("sent", Tulip.<Integer>yield(n));
                    } catch (GeneratorExit e) {
                        t.log("exit", e, n);
                        if (n > 0) {
                            return Tulip.doneYielding(100 + n);
                        }
                    }
                    n++;
                }
                return Tulip.doneYielding(n);
                """).assertSameTraces();
    }

    /** Yields inside switch statements and switch expressions: send, throwInto and close there. */
    @Test
    void yieldsInsideSwitches() {
        Differential.program("""
                for (int k = 0; k < 4; k++) {
                    var g = y0(t, k);
                    try {
                        t.log("v", g.next());
                        t.log("v", g.send(k + 20));
                        if (k == 1) {
                            t.log("t", g.throwInto(new Boom("sw")));
                        } else if (k == 2) {
                            g.close();
                        }
                        t.log("v", g.send(k + 30));
                        t.log("v", g.next());
                    } catch (Exception e) {
                        t.log("out", e);
                    }
                }
                return done(1);
                """).generator("""
                switch (a) {
                    case 0:
                        t.log("zero", Tulip.<Integer>yield(0));
                    case 1:
                        try {
                            t.log("one", Tulip.<Integer>yield(1));
                        } catch (Boom e) {
                            t.log("caught", e);
                        }
                        break;
                    default:
                        try {
                            int v = switch (a) {
                                case 2 -> nz(Tulip.yield(2)) * 2;
                                default -> {
                                    int w = nz(Tulip.yield(3));
                                    yield w + nz(Tulip.yield(4));
                                }
                            };
                            t.log("v", v);
                        } finally {
                            t.log("switch finally");
                        }
                }
                int last = nz(Tulip.yield(a + 5));
                return Tulip.doneYielding(last);
                """).suppress("fallthrough").assertSameTraces();
    }

    /**
     * yieldFrom(generator) forwards next, send, throwInto and close to the delegate, whose return value
     * is the value of the yieldFrom (PEP 380).
     */
    @Test
    void delegationForwardsSendThrowAndClose() {
        Differential.program("""
                for (int k = 0; k < 4; k++) {
                    var g = y1(t, k);
                    try {
                        t.log("v", g.next());
                        t.log("v", g.send(40 + k));
                        switch (k) {
                            case 0 -> t.log("t", g.throwInto(new Boom("fwd")));
                            case 1 -> t.log("t", g.throwInto(new CheckedBoom("fwd")));
                            case 2 -> g.close();
                            default -> t.log("v", g.send(50));
                        }
                        for (Integer e : g) {
                            t.log("rest", e);
                        }
                        t.log("rv", g.returnValue());
                    } catch (Exception e) {
                        t.log("out", e, g.isExhausted());
                    }
                }
                return done(1);
                """).generator("""
                try {
                    int s = nz(Tulip.yield(a));
                    t.log("inner got", s);
                    t.log("inner got2", Tulip.<Integer>yield(s + 1));
                } catch (Boom e) {
                    t.log("inner caught", e);
                    Tulip.yield(-1);
                } finally {
                    t.log("inner finally");
                }
                return Tulip.doneYielding(a + 1000);
                """).generator("""
                int r = 0;
                try {
                    r = nz(Tulip.yieldFrom(y0(t, a)));
                    t.log("delegate returned", r);
                } catch (CheckedBoom e) { // y0(...) declares it
                    t.log("outer caught", e);
                } catch (GeneratorExit e) {
                    t.log("outer exit", e);
                    throw e;
                } finally {
                    t.log("outer finally");
                }
                Tulip.yieldFrom(List.of(r, r + 1));
                return Tulip.doneYielding(r * 2);
                """).assertSameTraces();
    }

    /**
     * Closing a generator that delegates to one that ignores GeneratorExit: the delegate's
     * IllegalStateException is raised at the yieldFrom; send to a list delegate is refused.
     */
    @Test
    void delegateIgnoringGeneratorExitAndListDelegates() {
        Differential.program("""
                var g = y1(t, 1);
                t.log("v", g.next());
                try {
                    g.close();
                    t.log("closed", g.isExhausted());
                } catch (IllegalStateException e) {
                    t.log("ignored", e, g.isExhausted());
                }
                var h = y1(t, 2);
                t.log("w", h.next(), h.next(), h.next());
                try {
                    t.log("w", h.send(1));
                } catch (Exception e) {
                    t.log("refused", e);
                }
                t.log("w", h.next());
                h.close();
                return done(1);
                """).generator("""
                try {
                    Tulip.yield(a);
                } catch (GeneratorExit e) {
                    t.log("inner exit");
                    Tulip.yield(99);
                }
                return Tulip.doneYielding(5);
                """).generator("""
                try {
                    t.log("r", Tulip.<Integer>yieldFrom(y0(t, a)));
                } catch (IllegalStateException e) {
                    t.log("at yieldFrom", e);
                }
                try {
                    Tulip.yieldFrom(List.of(7, 8));
                } catch (UnsupportedOperationException e) {
                    t.log("list", e);
                    t.log("after", Tulip.<Integer>yield(9));
                }
                return Tulip.doneYielding();
                """).assertSameTraces();
    }
}
