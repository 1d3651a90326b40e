package dev.tulip;

import java.util.Iterator;
import java.util.List;

/**
 * Generator state machines written by hand in the shape the processor is to emit (see
 * {@code docs/contract.md}, "Generators"). Each documents the {@code @Generator.Method} (or
 * {@code @Async} async generator) it stands for; {@code out} and {@code log} lists stand for
 * {@code print}.
 */
final class Gens {
    private Gens() {
    }

    static final List<String> DWARFS = List.of("Grumpy", "Happy", "Sleepy", "Bashful", "Sneezy", "Dopey", "Doc");

    // ---- seed 002: dwarfs, talk ----

    /**
     * <pre>{@code
     * @Generator.Method static Generator<String> dwarfs() {
     *     for (String name : List.of("Grumpy", "Happy", "Sleepy", "Bashful", "Sneezy", "Dopey", "Doc")) {
     *         Tulip.yield(name);
     *     }
     *     return Tulip.doneYielding();
     * }}</pre>
     */
    static Generator<String> dwarfs() {
        return new Dwarfs();
    }

    static final class Dwarfs extends Generator<String> {
        private Iterator<String> name$iterator;

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        name$iterator = DWARFS.iterator();
                        state = 2;
                        continue;
                    case 1: // after Tulip.yield(name)
                        if (thrown != null) {
                            throw thrown;
                        }
                        state = 2;
                        continue;
                    case 2: { // loop head
                        if (!name$iterator.hasNext()) {
                            return complete(null);
                        }
                        String name = name$iterator.next();
                        state = 1;
                        return name;
                    }
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }

        @Override
        protected void release() {
            name$iterator = null;
        }

        @Override
        protected String name() {
            return "Gens.dwarfs";
        }
    }

    /**
     * <pre>{@code
     * @Generator.Method static Generator<String> dwarfsFrom() {
     *     Tulip.yieldFrom(List.of("Grumpy", "Happy", "Sleepy", "Bashful", "Sneezy", "Dopey", "Doc"));
     *     return Tulip.doneYielding();
     * }}</pre>
     */
    static Generator<String> dwarfsFrom() {
        return new DwarfsFrom();
    }

    static final class DwarfsFrom extends Generator<String> {
        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0:
                    state = 1;
                    return delegate(DWARFS);
                case 1:
                    if (thrown != null) {
                        throw thrown;
                    }
                    return complete(null);
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }
    }

    /**
     * <pre>{@code
     * @Generator.Method static Generator<Object> talk(List<String> out) {
     *     out.add("Get ready for this");
     *     while (true) {
     *         String data = Tulip.yield();
     *         out.add(data);
     *         if (data.equals("stop")) {
     *             break;
     *         }
     *     }
     *     return Tulip.doneYielding();
     * }}</pre>
     */
    static Generator<Object> talk(List<String> out) {
        return new Talk(out);
    }

    static final class Talk extends Generator<Object> {
        private List<String> out;
        int released;

        Talk(List<String> out) {
            this.out = out;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        out.add("Get ready for this");
                        state = 2;
                        continue;
                    case 1: { // after data = Tulip.yield()
                        if (thrown != null) {
                            throw thrown;
                        }
                        String data = (String) sent;
                        out.add(data);
                        if (data.equals("stop")) {
                            return complete(null);
                        }
                        state = 2;
                        continue;
                    }
                    case 2: // while (true)
                        state = 1;
                        return null;
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }

        @Override
        protected void release() {
            released++;
            out = null;
        }

        @Override
        protected String name() {
            return "Gens.talk";
        }
    }

    // ---- seed 001: tic_tac, example / subtask ----

    /**
     * <pre>{@code
     * @Generator.Method static Generator<Object> ticTac(List<String> out) {
     *     out.add("Tic");
     *     Tulip.yield();
     *     out.add("Tac");
     *     Tulip.yield();
     *     return Tulip.doneYielding("Boum!");
     * }}</pre>
     */
    static Generator<Object> ticTac(List<String> out) {
        return new TicTac(out);
    }

    static final class TicTac extends Generator<Object> {
        private final List<String> out;

        TicTac(List<String> out) {
            this.out = out;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0:
                    out.add("Tic");
                    state = 1;
                    return null;
                case 1:
                    if (thrown != null) {
                        throw thrown;
                    }
                    out.add("Tac");
                    state = 2;
                    return null;
                case 2:
                    if (thrown != null) {
                        throw thrown;
                    }
                    return complete("Boum!");
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }
    }

    /**
     * <pre>{@code
     * @Generator.Method static Generator<Object> example(List<String> out) {
     *     out.add("Tâche 'example'");
     *     out.add("Lancement de la tâche 'subtask'");
     *     Tulip.yieldFrom(subtask(out));
     *     out.add("Retour dans 'example'");
     *     for (int i = 0; i < 3; i++) {
     *         out.add("(example)");
     *         Tulip.yield();
     *     }
     *     return Tulip.doneYielding();
     * }}</pre>
     */
    static Generator<Object> example(List<String> out) {
        return new Example(out);
    }

    static final class Example extends Generator<Object> {
        private final List<String> out;
        private int i;

        Example(List<String> out) {
            this.out = out;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        out.add("Tâche 'example'");
                        out.add("Lancement de la tâche 'subtask'");
                        state = 1;
                        return delegate(subtask(out));
                    case 1: // after Tulip.yieldFrom(subtask(out))
                        if (thrown != null) {
                            throw thrown;
                        }
                        out.add("Retour dans 'example'");
                        i = 0;
                        state = 3;
                        continue;
                    case 2: // after Tulip.yield()
                        if (thrown != null) {
                            throw thrown;
                        }
                        i++;
                        state = 3;
                        continue;
                    case 3: // loop head
                        if (i >= 3) {
                            return complete(null);
                        }
                        out.add("(example)");
                        state = 2;
                        return null;
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Generator.Method static Generator<Object> subtask(List<String> out) {
     *     out.add("Tâche 'subtask'");
     *     for (int i = 0; i < 2; i++) {
     *         out.add("(subtask)");
     *         Tulip.yield();
     *     }
     *     return Tulip.doneYielding();
     * }}</pre>
     */
    static Generator<Object> subtask(List<String> out) {
        return new Subtask(out);
    }

    static final class Subtask extends Generator<Object> {
        private final List<String> out;
        private int i;

        Subtask(List<String> out) {
            this.out = out;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        out.add("Tâche 'subtask'");
                        i = 0;
                        state = 2;
                        continue;
                    case 1:
                        if (thrown != null) {
                            throw thrown;
                        }
                        i++;
                        state = 2;
                        continue;
                    case 2:
                        if (i >= 2) {
                            return complete(null);
                        }
                        out.add("(subtask)");
                        state = 1;
                        return null;
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }

    // ---- return values through yieldFrom (PEP 380's averager) ----

    /** What {@link #averager} returns. */
    record Averaged(int count, Double average) {
    }

    /**
     * <pre>{@code
     * @Generator.Method static Generator<Double> averager() {
     *     double total = 0;
     *     int count = 0;
     *     Double average = null;
     *     while (true) {
     *         Double term = Tulip.yield(average);
     *         if (term == null) {
     *             break;
     *         }
     *         total += term;
     *         count++;
     *         average = total / count;
     *     }
     *     return Tulip.doneYielding(new Averaged(count, average));
     * }}</pre>
     */
    static Generator<Double> averager() {
        return new Averager();
    }

    static final class Averager extends Generator<Double> {
        private double total;
        private int count;
        private Double average;

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        total = 0;
                        count = 0;
                        average = null;
                        state = 2;
                        continue;
                    case 1: { // after term = Tulip.yield(average)
                        if (thrown != null) {
                            throw thrown;
                        }
                        Double term = (Double) sent;
                        if (term == null) {
                            return complete(new Averaged(count, average));
                        }
                        total += term;
                        count++;
                        average = total / count;
                        state = 2;
                        continue;
                    }
                    case 2:
                        state = 1;
                        return average;
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }

        @Override
        protected String name() {
            return "Gens.averager";
        }
    }

    /**
     * <pre>{@code
     * @Generator.Method static Generator<Double> grouper(List<Object> results) {
     *     Averaged r = Tulip.yieldFrom(averager());
     *     results.add(r);
     *     return Tulip.doneYielding("grouper done");
     * }}</pre>
     */
    static Generator<Double> grouper(List<Object> results) {
        return new Grouper(results);
    }

    static final class Grouper extends Generator<Double> {
        private final List<Object> results;

        Grouper(List<Object> results) {
            this.results = results;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0:
                    state = 1;
                    return delegate(averager());
                case 1:
                    if (thrown != null) {
                        throw thrown;
                    }
                    results.add(sent);
                    return complete("grouper done");
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }
    }

    // ---- suspension points of every kind ----

    /**
     * <pre>{@code
     * @Generator.Method static Generator<String> points(List<String> log) {
     *     try {
     *         String a = Tulip.yield("try");
     *         log.add("try:" + a);
     *         if (a.equals("fail")) {
     *             throw new IllegalArgumentException("fail");
     *         }
     *     } catch (IllegalArgumentException e) {
     *         String b = Tulip.yield("catch:" + e.getMessage());
     *         log.add("catch:" + b);
     *     } finally {
     *         String c = Tulip.yield("finally");
     *         log.add("finally:" + c);
     *     }
     *     for (int i = 0; i < 2; i++) {
     *         String d = Tulip.yield("loop" + i);
     *         log.add("loop" + i + ":" + d);
     *     }
     *     return Tulip.doneYielding("end");
     * }}</pre>
     * The try/catch/finally is lowered with a handler table and a pending exception, as in
     * {@link HandWritten#awaitAll}.
     */
    static Generator<String> points(List<String> log) {
        return new Points(log);
    }

    static final class Points extends Generator<String> {
        private List<String> log;
        private Throwable finally$pending;
        private IllegalArgumentException e;
        private int i;

        Points(List<String> log) {
            this.log = log;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                try {
                    switch (state) {
                        case 0:
                            state = 1;
                            return "try";
                        case 1: { // inside try, after the yield
                            if (thrown != null) {
                                throw thrown;
                            }
                            String a = (String) sent;
                            log.add("try:" + a);
                            if (a.equals("fail")) {
                                throw new IllegalArgumentException("fail");
                            }
                            finally$pending = null;
                            state = 4;
                            continue;
                        }
                        case 2: // catch (IllegalArgumentException e)
                            state = 3;
                            return "catch:" + e.getMessage();
                        case 3: { // inside catch, after the yield
                            if (thrown != null) {
                                throw thrown;
                            }
                            String b = (String) sent;
                            log.add("catch:" + b);
                            e = null;
                            finally$pending = null;
                            state = 4;
                            continue;
                        }
                        case 4: // finally
                            state = 5;
                            return "finally";
                        case 5: { // inside finally, after the yield
                            if (thrown != null) {
                                throw thrown;
                            }
                            String c = (String) sent;
                            log.add("finally:" + c);
                            if (finally$pending != null) {
                                Throwable p = finally$pending;
                                finally$pending = null;
                                throw p;
                            }
                            i = 0;
                            state = 6;
                            continue;
                        }
                        case 6: // loop head
                            if (i >= 2) {
                                return complete("end");
                            }
                            state = 7;
                            return "loop" + i;
                        case 7: { // inside the loop, after the yield
                            if (thrown != null) {
                                throw thrown;
                            }
                            String d = (String) sent;
                            log.add("loop" + i + ":" + d);
                            i++;
                            state = 6;
                            continue;
                        }
                        default:
                            throw new IllegalStateException("resumed in state " + state);
                    }
                } catch (Throwable t) {
                    // Handler table: state 1 is inside try (catch, then finally); states 2-3 inside catch (finally).
                    if (state == 1 && t instanceof IllegalArgumentException) {
                        e = (IllegalArgumentException) t;
                        thrown = null;
                        state = 2;
                    } else if (state >= 1 && state <= 3) {
                        e = null;
                        finally$pending = t;
                        thrown = null;
                        state = 4;
                    } else {
                        throw t;
                    }
                }
            }
        }

        @Override
        protected void release() {
            log = null;
            finally$pending = null;
            e = null;
        }
    }

    /**
     * <pre>{@code
     * @Generator.Method static Generator<Integer> counter(List<String> log) {
     *     try {
     *         for (int i = 0; ; i++) {
     *             Tulip.yield(i);
     *         }
     *     } finally {
     *         log.add("finally");
     *     }
     * }}</pre>
     */
    static Generator<Integer> counter(List<String> log) {
        return new Counter(log);
    }

    static final class Counter extends Generator<Integer> {
        private final List<String> log;
        private int i;

        Counter(List<String> log) {
            this.log = log;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                try {
                    switch (state) {
                        case 0:
                            i = 0;
                            state = 2;
                            continue;
                        case 1: // after Tulip.yield(i), inside try
                            if (thrown != null) {
                                throw thrown;
                            }
                            i++;
                            state = 2;
                            continue;
                        case 2: // loop head, inside try
                            state = 1;
                            return i;
                        default:
                            throw new IllegalStateException("resumed in state " + state);
                    }
                } catch (Throwable t) {
                    // finally, then rethrow: the try never completes normally.
                    log.add("finally");
                    throw t;
                }
            }
        }

        @Override
        protected String name() {
            return "Gens.counter";
        }
    }

    /**
     * <pre>{@code
     * @Generator.Method static Generator<String> stubborn(List<String> log) {
     *     while (true) {
     *         try {
     *             Tulip.yield("still here");
     *         } catch (GeneratorExit e) {
     *             log.add("ignoring");
     *         }
     *     }
     * }}</pre>
     */
    static Generator<String> stubborn(List<String> log) {
        return new Stubborn(log);
    }

    static final class Stubborn extends Generator<String> {
        private final List<String> log;

        Stubborn(List<String> log) {
            this.log = log;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                try {
                    switch (state) {
                        case 0:
                            state = 1;
                            return "still here";
                        case 1:
                            if (thrown != null) {
                                throw thrown;
                            }
                            state = 0;
                            continue;
                        default:
                            throw new IllegalStateException("resumed in state " + state);
                    }
                } catch (Throwable t) {
                    if (state == 1 && t instanceof GeneratorExit) {
                        thrown = null;
                        log.add("ignoring");
                        state = 0;
                    } else {
                        throw t;
                    }
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Generator.Method static Generator<String> closeReturns() {
     *     try {
     *         Tulip.yield("a");
     *     } catch (GeneratorExit e) {
     *         return Tulip.doneYielding("closed");
     *     }
     *     return Tulip.doneYielding("normal");
     * }}</pre>
     */
    static Generator<String> closeReturns() {
        return new CloseReturns();
    }

    static final class CloseReturns extends Generator<String> {
        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0:
                    state = 1;
                    return "a";
                case 1:
                    if (thrown instanceof GeneratorExit) {
                        return complete("closed");
                    }
                    if (thrown != null) {
                        throw thrown;
                    }
                    return complete("normal");
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }
    }

    // ---- delegation ----

    /**
     * <pre>{@code
     * @Generator.Method static Generator<Object> guarded(Object source, List<String> log) {
     *     try {
     *         Object r = Tulip.yieldFrom(source);     // a Generator, Iterable or Iterator
     *         log.add("returned " + r);
     *     } catch (RuntimeException e) {
     *         log.add("caught " + e);
     *         Tulip.yield("after catch");
     *     } finally {
     *         log.add("guarded finally");
     *     }
     *     return Tulip.doneYielding("guarded done");
     * }}</pre>
     */
    static Generator<Object> guarded(Object source, List<String> log) {
        return new Guarded(source, log);
    }

    static final class Guarded extends Generator<Object> {
        private Object source;
        private final List<String> log;
        private Throwable finally$pending;

        Guarded(Object source, List<String> log) {
            this.source = source;
            this.log = log;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                try {
                    switch (state) {
                        case 0: {
                            state = 1;
                            Object s = source;
                            source = null;
                            return delegate(s);
                        }
                        case 1: // after yieldFrom, inside try
                            if (thrown != null) {
                                throw thrown;
                            }
                            log.add("returned " + sent);
                            finally$pending = null;
                            state = 4;
                            continue;
                        case 2: // catch (RuntimeException e)
                            log.add("caught " + thrown);
                            thrown = null;
                            state = 3;
                            return "after catch";
                        case 3: // after the yield, inside catch
                            if (thrown != null) {
                                throw thrown;
                            }
                            finally$pending = null;
                            state = 4;
                            continue;
                        case 4: // finally
                            log.add("guarded finally");
                            if (finally$pending != null) {
                                Throwable p = finally$pending;
                                finally$pending = null;
                                throw p;
                            }
                            return complete("guarded done");
                        default:
                            throw new IllegalStateException("resumed in state " + state);
                    }
                } catch (Throwable t) {
                    if (state == 1 && t instanceof RuntimeException) {
                        thrown = t;
                        state = 2;
                    } else if (state >= 1 && state <= 3) {
                        finally$pending = t;
                        thrown = null;
                        state = 4;
                    } else {
                        throw t;
                    }
                }
            }
        }

        @Override
        protected String name() {
            return "Gens.guarded";
        }
    }

    /**
     * <pre>{@code
     * @Generator.Method static Generator<Integer> nested(int depth, List<String> log) {
     *     if (depth == 0) {
     *         try {
     *             Integer got = Tulip.yield(1);
     *             log.add("leaf got " + got);
     *             Tulip.yield(2);
     *         } finally {
     *             log.add("leaf finally");
     *         }
     *         return Tulip.doneYielding(0);
     *     }
     *     int below = Tulip.yieldFrom(nested(depth - 1, log));
     *     return Tulip.doneYielding(below + 1);
     * }}</pre>
     */
    static Generator<Integer> nested(int depth, List<String> log) {
        return new Nested(depth, log);
    }

    static final class Nested extends Generator<Integer> {
        private final int depth;
        private final List<String> log;

        Nested(int depth, List<String> log) {
            this.depth = depth;
            this.log = log;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            try {
                switch (state) {
                    case 0:
                        if (depth == 0) {
                            state = 1;
                            return 1;
                        }
                        state = 3;
                        return delegate(nested(depth - 1, log));
                    case 1: // leaf, inside try
                        if (thrown != null) {
                            throw thrown;
                        }
                        log.add("leaf got " + sent);
                        state = 2;
                        return 2;
                    case 2: // leaf, inside try
                        if (thrown != null) {
                            throw thrown;
                        }
                        log.add("leaf finally");
                        return complete(0);
                    case 3:
                        if (thrown != null) {
                            throw thrown;
                        }
                        return complete((Integer) sent + 1);
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            } catch (Throwable t) {
                if (state == 1 || state == 2) {
                    log.add("leaf finally");
                }
                throw t;
            }
        }
    }

    /**
     * A generator whose body runs arbitrary code between yields: each step gets the value sent in
     * and returns the next value to yield, or {@link #END} to finish. For re-entrancy tests.
     */
    interface Body {
        Object step(Object sent) throws Throwable;
    }

    static final Object END = new Object();

    static Generator<Object> scripted(Body body) {
        return new Scripted(body);
    }

    static final class Scripted extends Generator<Object> {
        private final Body body;

        Scripted(Body body) {
            this.body = body;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            state = 1;
            Object next = body.step(sent);
            return next == END ? complete(null) : next;
        }
    }

    /** Like {@link #scripted}, but the step's result is what {@code resume} returns (to delegate). */
    interface RawBody {
        Object step(Generator<Object> self, Object sent, Throwable thrown) throws Throwable;
    }

    static Generator<Object> raw(RawBody body) {
        return new Raw(body);
    }

    static final class Raw extends Generator<Object> {
        private final RawBody body;

        Raw(RawBody body) {
            this.body = body;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            state++;
            return body.step(this, sent, thrown);
        }

        Object doComplete(Object value) {
            return complete(value);
        }

        Object doDelegate(Object source) {
            return delegate(source);
        }
    }

    // ---- asynchronous generators ----

    /**
     * <pre>{@code
     * @Async static AsyncGenerator<String> dwarfs() {
     *     for (String name : List.of("Grumpy", "Happy", "Sleepy", "Bashful", "Sneezy", "Dopey", "Doc")) {
     *         Tulip.yield(name);
     *     }
     *     return Tulip.doneYielding();
     * }}</pre>
     */
    static AsyncGenerator<String> asyncDwarfs() {
        return new AsyncDwarfs(0);
    }

    /**
     * The same with an await before each yield:
     * <pre>{@code
     * @Async static AsyncGenerator<String> slowDwarfs(double delay) {
     *     for (String name : List.of("Grumpy", "Happy", "Sleepy", "Bashful", "Sneezy", "Dopey", "Doc")) {
     *         await(sleep(delay));
     *         Tulip.yield(name);
     *     }
     *     return Tulip.doneYielding();
     * }}</pre>
     */
    static AsyncGenerator<String> slowDwarfs(double delay) {
        return new AsyncDwarfs(delay);
    }

    static final class AsyncDwarfs extends AsyncGenerator<String> {
        private final double delay;
        private Iterator<String> name$iterator;
        private String name;

        AsyncDwarfs(double delay) {
            this.delay = delay;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        name$iterator = DWARFS.iterator();
                        state = 3;
                        continue;
                    case 1: // after await(sleep(delay))
                        if (thrown != null) {
                            throw thrown;
                        }
                        state = 2;
                        return yielded(name);
                    case 2: // after Tulip.yield(name)
                        if (thrown != null) {
                            throw thrown;
                        }
                        state = 3;
                        continue;
                    case 3: // loop head
                        if (!name$iterator.hasNext()) {
                            return complete();
                        }
                        name = name$iterator.next();
                        if (delay > 0) {
                            state = 1;
                            return Tulip.sleep(delay);
                        }
                        state = 2;
                        return yielded(name);
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }

        @Override
        protected void release() {
            name$iterator = null;
            name = null;
        }

        @Override
        protected String name() {
            return "Gens.dwarfs";
        }
    }

    /**
     * The consumer of seed 002's {@code async for}:
     * <pre>{@code
     * @Async static <T> Coroutine<Integer> printAll(AsyncIterable<T> source, List<T> out) {
     *     int n = 0;
     *     for (T item : source) {
     *         out.add(item);
     *         n++;
     *     }
     *     return done(n);
     * }}</pre>
     * lowered as {@code var it = source.aiter(); while (await(it.hasNext())) { T item = it.next(); ... }}.
     */
    static <T> Coroutine<Integer> printAll(AsyncIterable<T> source, List<T> out) {
        return new PrintAll<>(source, out);
    }

    static final class PrintAll<T> extends Coroutine<Integer> {
        private AsyncIterable<T> source;
        private final List<T> out;
        private AsyncIterator<T> item$iterator;
        private int n;

        PrintAll(AsyncIterable<T> source, List<T> out) {
            this.source = source;
            this.out = out;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        n = 0;
                        item$iterator = source.aiter();
                        source = null;
                        state = 2;
                        continue;
                    case 1: { // after await(it.hasNext())
                        if (thrown != null) {
                            throw thrown;
                        }
                        if (!(Boolean) sent) {
                            return complete(n);
                        }
                        T item = item$iterator.next();
                        out.add(item);
                        n++;
                        state = 2;
                        continue;
                    }
                    case 2:
                        state = 1;
                        return item$iterator.hasNext();
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }

        @Override
        protected String name() {
            return "printAll";
        }
    }

    /**
     * Seed 002's async comprehensions:
     * <pre>{@code
     * @Async static Coroutine<List<List<String>>> comprehensions() {
     *     List<String> allDwarfs = await(collect(dwarfs()));                            // [name async for name in dwarfs()]
     *     List<String> dwarfsWithE = await(collect(dwarfs(), name -> name.contains("e"))); // ... if 'e' in name]
     *     return done(List.of(allDwarfs, dwarfsWithE));
     * }}</pre>
     */
    static Coroutine<List<List<String>>> comprehensions() {
        return new Comprehensions();
    }

    static final class Comprehensions extends Coroutine<List<List<String>>> {
        private List<String> allDwarfs;

        @Override
        @SuppressWarnings("unchecked")
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0:
                    state = 1;
                    return Tulip.collect(asyncDwarfs());
                case 1:
                    if (thrown != null) {
                        throw thrown;
                    }
                    allDwarfs = (List<String>) sent;
                    state = 2;
                    return Tulip.collect(asyncDwarfs(), name -> name.contains("e"));
                case 2: {
                    if (thrown != null) {
                        throw thrown;
                    }
                    List<String> dwarfsWithE = (List<String>) sent;
                    return complete(List.of(allDwarfs, dwarfsWithE));
                }
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }
    }

    /**
     * <pre>{@code
     * @Async static AsyncGenerator<Integer> ticker(double period, List<String> log) {
     *     try {
     *         for (int i = 0; ; i++) {
     *             await(sleep(period));
     *             Tulip.yield(i);
     *         }
     *     } finally {
     *         log.add("finally start");
     *         await(sleep(1));
     *         log.add("finally end");
     *     }
     * }}</pre>
     */
    static AsyncGenerator<Integer> ticker(double period, List<String> log) {
        return new Ticker(period, log);
    }

    static final class Ticker extends AsyncGenerator<Integer> {
        private final double period;
        private final List<String> log;
        private int i;
        private Throwable finally$pending;

        Ticker(double period, List<String> log) {
            this.period = period;
            this.log = log;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                try {
                    switch (state) {
                        case 0:
                            i = 0;
                            state = 3;
                            continue;
                        case 1: // after await(sleep(period)), inside try
                            if (thrown != null) {
                                throw thrown;
                            }
                            state = 2;
                            return yielded(i);
                        case 2: // after Tulip.yield(i), inside try
                            if (thrown != null) {
                                throw thrown;
                            }
                            i++;
                            state = 3;
                            continue;
                        case 3: // loop head, inside try
                            state = 1;
                            return Tulip.sleep(period);
                        case 4: // finally
                            log.add("finally start");
                            state = 5;
                            return Tulip.sleep(1);
                        case 5: { // after await(sleep(1)) in finally
                            if (thrown != null) {
                                throw thrown;
                            }
                            log.add("finally end");
                            Throwable p = finally$pending;
                            finally$pending = null;
                            throw p; // the try never completes normally
                        }
                        default:
                            throw new IllegalStateException("resumed in state " + state);
                    }
                } catch (Throwable t) {
                    if (state >= 1 && state <= 3) {
                        finally$pending = t;
                        thrown = null;
                        state = 4;
                    } else {
                        throw t;
                    }
                }
            }
        }

        @Override
        protected String name() {
            return "Gens.ticker";
        }
    }

    /**
     * <pre>{@code
     * @Async static AsyncGenerator<String> echo(List<String> log) {
     *     String got = Tulip.yield("ready");
     *     while (true) {
     *         try {
     *             got = Tulip.yield("echo " + got);
     *         } catch (IllegalArgumentException e) {
     *             got = "caught " + e.getMessage();
     *         } catch (GeneratorExit e) {
     *             log.add("exit");
     *             if (got.equals("stubborn")) {
     *                 Tulip.yield("ignoring");
     *             }
     *             throw e;
     *         }
     *         if (got.equals("end")) {
     *             return Tulip.doneYielding();
     *         }
     *         if (got.equals("bad")) {
     *             throw new StopAsyncIteration();
     *         }
     *         await(sleep(0));
     *     }
     * }}</pre>
     */
    static AsyncGenerator<String> echo(List<String> log) {
        return new Echo(log);
    }

    static final class Echo extends AsyncGenerator<String> {
        private final List<String> log;
        private String got;
        private GeneratorExit e;

        Echo(List<String> log) {
            this.log = log;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                try {
                    switch (state) {
                        case 0:
                            state = 1;
                            return yielded("ready");
                        case 1:
                            if (thrown != null) {
                                throw thrown;
                            }
                            got = (String) sent;
                            state = 3;
                            continue;
                        case 2: // after got = Tulip.yield(...), inside try
                            if (thrown != null) {
                                throw thrown;
                            }
                            got = (String) sent;
                            state = 4;
                            continue;
                        case 3: // loop head, inside try
                            state = 2;
                            return yielded("echo " + got);
                        case 4: // after the try
                            if (got.equals("end")) {
                                return complete();
                            }
                            if (got.equals("bad")) {
                                throw new StopAsyncIteration();
                            }
                            state = 5;
                            return Tulip.sleep(0);
                        case 5:
                            if (thrown != null) {
                                throw thrown;
                            }
                            state = 3;
                            continue;
                        case 6: // catch (GeneratorExit e)
                            log.add("exit");
                            if (got.equals("stubborn")) {
                                state = 7;
                                return yielded("ignoring");
                            }
                            throw e;
                        case 7:
                            if (thrown != null) {
                                throw thrown;
                            }
                            throw e;
                        default:
                            throw new IllegalStateException("resumed in state " + state);
                    }
                } catch (Throwable t) {
                    if (state == 2 && t instanceof IllegalArgumentException) {
                        thrown = null;
                        got = "caught " + t.getMessage();
                        state = 4;
                    } else if (state == 2 && t instanceof GeneratorExit) {
                        thrown = null;
                        e = (GeneratorExit) t;
                        state = 6;
                    } else {
                        throw t;
                    }
                }
            }
        }
    }
}
