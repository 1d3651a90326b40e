package dev.tulip;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Hand-written coroutines for the combinator tests, in the shape the processor emits (see
 * {@code docs/contract.md} and {@link HandWritten}). Each documents the {@code @Async} method it
 * stands for.
 */
final class Coros {
    private Coros() {
    }

    /**
     * <pre>{@code
     * @Async static <T> Coroutine<T> call(Supplier<Awaitable<T>> make) {
     *     return done(await(make.get()));   // make runs inside the task, where the loop is running
     * }}</pre>
     */
    static <T> Coroutine<T> call(Supplier<? extends Awaitable<? extends T>> make) {
        return new Call<>(make);
    }

    static final class Call<T> extends Coroutine<T> {
        private Supplier<? extends Awaitable<? extends T>> make;

        Call(Supplier<? extends Awaitable<? extends T>> make) {
            this.make = make;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0:
                    state = 1;
                    Awaitable<? extends T> a = make.get();
                    make = null;
                    return a;
                case 1:
                    if (thrown != null) {
                        throw thrown;
                    }
                    return complete((T) sent);
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        @Override
        protected String name() {
            return "call";
        }
    }

    /**
     * <pre>{@code
     * @Async static String job(String name, double seconds, List<String> log) {
     *     log.add(name + " start");
     *     try {
     *         await(sleep(seconds));
     *     } catch (CancelledError e) {
     *         log.add(name + " cancelled");
     *         throw e;
     *     }
     *     log.add(name + " end");
     *     return done(name);
     * }}</pre>
     */
    static Coroutine<String> job(String name, double seconds, List<String> log) {
        return new Job(name, seconds, log, null);
    }

    /**
     * Like {@link #job} but fails after sleeping:
     * <pre>{@code
     * @Async static String fail(String name, double seconds, List<String> log) {
     *     log.add(name + " start");
     *     try { await(sleep(seconds)); } catch (CancelledError e) { log.add(name + " cancelled"); throw e; }
     *     log.add(name + " fails");
     *     throw new IllegalStateException(name);
     * }}</pre>
     */
    static Coroutine<String> fail(String name, double seconds, List<String> log) {
        return new Job(name, seconds, log, name);
    }

    static final class Job extends Coroutine<String> {
        private final String name;
        private final double seconds;
        private final List<String> log;
        private final String failure;

        Job(String name, double seconds, List<String> log, String failure) {
            this.name = name;
            this.seconds = seconds;
            this.log = log;
            this.failure = failure;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0:
                    log.add(name + " start");
                    state = 1;
                    return Tulip.sleep(seconds);
                case 1:
                    if (thrown != null) {
                        if (thrown instanceof CancelledError) {
                            log.add(name + " cancelled");
                        }
                        throw thrown;
                    }
                    if (failure != null) {
                        log.add(name + " fails");
                        throw new IllegalStateException(failure);
                    }
                    log.add(name + " end");
                    return complete(name);
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        @Override
        protected String name() {
            return "job " + name;
        }
    }

    /**
     * A body that cleans up with an await when it is cancelled:
     * <pre>{@code
     * @Async static String careful(String name, Supplier<Awaitable<?>> work, double cleanup, List<String> log) {
     *     log.add(name + " start");
     *     try {
     *         await(work.get());
     *         log.add(name + " end");
     *         return done(name);
     *     } catch (CancelledError e) {
     *         log.add(name + " cancelled");
     *         throw e;
     *     } finally {
     *         await(sleep(cleanup));
     *         log.add(name + " cleaned up");
     *     }
     * }}</pre>
     */
    static Coroutine<String> careful(String name, Supplier<? extends Awaitable<?>> work, double cleanup,
            List<String> log) {
        return new Careful(name, work, cleanup, log);
    }

    static final class Careful extends Coroutine<String> {
        private final String name;
        private final Supplier<? extends Awaitable<?>> work;
        private final double cleanup;
        private final List<String> log;
        private Throwable finally$pending;
        private String finally$value;

        Careful(String name, Supplier<? extends Awaitable<?>> work, double cleanup, List<String> log) {
            this.name = name;
            this.work = work;
            this.cleanup = cleanup;
            this.log = log;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                try {
                    switch (state) {
                        case 0:
                            log.add(name + " start");
                            state = 1;
                            return work.get();
                        case 1: // after await(work), inside try
                            if (thrown != null) {
                                throw thrown;
                            }
                            log.add(name + " end");
                            finally$value = name;
                            state = 3;
                            continue;
                        case 2: { // catch (CancelledError e)
                            Throwable e = thrown;
                            thrown = null;
                            log.add(name + " cancelled");
                            throw e;
                        }
                        case 3: // finally
                            state = 4;
                            return Tulip.sleep(cleanup);
                        case 4: // after the await in finally
                            if (thrown != null) {
                                throw thrown;
                            }
                            log.add(name + " cleaned up");
                            if (finally$pending != null) {
                                Throwable p = finally$pending;
                                finally$pending = null;
                                throw p;
                            }
                            state = 5;
                            return complete(finally$value);
                        default:
                            throw new IllegalStateException("resumed in state " + state);
                    }
                } catch (Throwable t) {
                    if (state == 1 && t instanceof CancelledError) {
                        thrown = t;
                        state = 2;
                    } else if (state == 1 || state == 2) {
                        finally$pending = t;
                        thrown = null;
                        state = 3;
                    } else {
                        throw t;
                    }
                }
            }
        }

        @Override
        protected String name() {
            return "careful " + name;
        }
    }

    /**
     * The lowering of a try-with-resources over an {@link AsyncContextManager} (see its Javadoc):
     * <pre>{@code
     * @Async static <C extends AsyncContextManager, T> Coroutine<T> with(Supplier<C> enter,
     *         Function<C, Coroutine<T>> body) {
     *     try (C cm = enter.get()) {
     *         return done(await(body.apply(cm)));
     *     }
     * }}</pre>
     * compiled as: {@code pending} is what leaves the block; then
     * {@code boolean swallow = await(cm.aexit(pending))}; then {@code pending} goes on unless swallowed.
     */
    static <C extends AsyncContextManager, T> Coroutine<T> with(Supplier<C> enter,
            Function<? super C, ? extends Awaitable<? extends T>> body) {
        return new With<>(enter, body);
    }

    static final class With<C extends AsyncContextManager, T> extends Coroutine<T> {
        private final Supplier<C> enter;
        private final Function<? super C, ? extends Awaitable<? extends T>> body;
        private C cm;
        private Throwable pending;
        private T value;

        With(Supplier<C> enter, Function<? super C, ? extends Awaitable<? extends T>> body) {
            this.enter = enter;
            this.body = body;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0:
                    if (thrown != null) {
                        throw thrown;
                    }
                    cm = enter.get(); // the resource expression: outside the block
                    try {
                        state = 1;
                        return body.apply(cm);
                    } catch (Throwable t) { // the block failed before its first await
                        sent = null;
                        thrown = t;
                    }
                    // fall through
                case 1: // the block is over: exit the scope
                    pending = thrown;
                    value = thrown == null ? (T) sent : null;
                    state = 2;
                    return cm.aexit(pending);
                case 2: {
                    if (thrown != null) {
                        throw thrown; // aexit failed: its exception replaces pending
                    }
                    boolean swallow = Boolean.TRUE.equals(sent);
                    Throwable p = pending;
                    pending = null;
                    cm = null;
                    if (p != null && !swallow) {
                        throw p;
                    }
                    return complete(value);
                }
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        @Override
        protected String name() {
            return "with";
        }
    }

    /** A step of {@link #seq}: gets the outcome of the previous await, returns the next awaitable or null. */
    @FunctionalInterface
    interface Step {
        Awaitable<?> next(Outcome previous) throws Throwable;
    }

    /** The outcome of an await: a value or an exception. */
    record Outcome(Object value, Throwable error) {
        static final Outcome NONE = new Outcome(null, null);

        /** The value, or the exception rethrown as it is. */
        Object get() {
            if (error != null) {
                throw Sneaky.raise(error);
            }
            return value;
        }
    }

    /**
     * A driver made of steps between awaits; each await's outcome (value or exception) is handed to the
     * next step, which may rethrow it with {@link Outcome#get()}:
     * <pre>{@code
     * @Async static Coroutine<Object> seq(List<Step> steps) {
     *     Outcome o = Outcome.NONE;
     *     for (Step step : steps) {
     *         Awaitable<?> next = step.next(o);
     *         if (next == null) return done(null);
     *         try { o = new Outcome(await(next), null); } catch (Throwable e) { o = new Outcome(null, e); }
     *     }
     *     return done(o.get());
     * }}</pre>
     */
    static Coroutine<Object> seq(Step... steps) {
        return new Seq(List.of(steps));
    }

    static final class Seq extends Coroutine<Object> {
        private final List<Step> steps;
        private int index;

        Seq(List<Step> steps) {
            this.steps = steps;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            Outcome o = state == 0 ? Outcome.NONE : new Outcome(sent, thrown);
            state = 1;
            if (index < steps.size()) {
                Awaitable<?> next = steps.get(index++).next(o);
                if (next != null) {
                    return next;
                }
                return complete(null);
            }
            return complete(o.get());
        }

        @Override
        protected String name() {
            return "seq";
        }
    }
}
