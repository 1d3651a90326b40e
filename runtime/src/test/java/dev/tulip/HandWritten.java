package dev.tulip;

import java.util.List;
import java.util.function.Supplier;

/**
 * State machines written by hand in exactly the shape the processor emits, so that the runtime can be
 * tested on its own. Each documents the @Async method it stands for.
 */
final class HandWritten {
    private HandWritten() {
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<String> cook(String dish, double seconds) {
     *     await(sleep(seconds));
     *     return done(dish);
     * }}</pre>
     */
    static Coroutine<String> cook(String dish, double seconds) {
        return new Cook(dish, seconds);
    }

    static final class Cook extends Coroutine<String> {
        private String dish;
        private final double seconds;

        Cook(String dish, double seconds) {
            this.dish = dish;
            this.seconds = seconds;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0:
                    state = 1;
                    return Tulip.sleep(seconds);
                case 1:
                    if (thrown != null) {
                        throw thrown;
                    }
                    String d = dish;
                    dish = null;
                    return complete(d);
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        @Override
        protected String name() {
            return "HandWritten.cook";
        }
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Integer> serve(List<String> dishes, List<String> log) {
     *     int n = 0;
     *     for (String d : dishes) {
     *         String ready = await(cook(d, 1));
     *         log.add(ready);
     *         n++;
     *     }
     *     return done(n);
     * }}</pre>
     */
    static Coroutine<Integer> serve(List<String> dishes, List<String> log) {
        return new Serve(dishes, log);
    }

    static final class Serve extends Coroutine<Integer> {
        private List<String> dishes;
        private List<String> log;
        private int n;
        private java.util.Iterator<String> d$iterator;

        Serve(List<String> dishes, List<String> log) {
            this.dishes = dishes;
            this.log = log;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        n = 0;
                        d$iterator = dishes.iterator();
                        dishes = null;
                        state = 2;
                        continue;
                    case 1: {
                        if (thrown != null) {
                            throw thrown;
                        }
                        String ready = (String) sent;
                        log.add(ready);
                        n++;
                        state = 2;
                        continue;
                    }
                    case 2: {
                        if (!d$iterator.hasNext()) {
                            d$iterator = null;
                            log = null;
                            return complete(n);
                        }
                        String d = d$iterator.next();
                        state = 1;
                        return cook(d, 1);
                    }
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Async static <T> Coroutine<T> awaitAll(List<Awaitable<? extends T>> list, List<String> log) {
     *     T last = null;
     *     for (Awaitable<? extends T> a : list) {
     *         try {
     *             last = await(a);
     *             log.add("got " + last);
     *         } catch (IllegalArgumentException e) {
     *             log.add("caught " + e.getMessage());
     *         } finally {
     *             log.add("finally");
     *         }
     *     }
     *     return done(last);
     * }}</pre>
     * The try/catch/finally is lowered with a handler table and a pending-completion record.
     */
    static <T> Coroutine<T> awaitAll(List<? extends Awaitable<? extends T>> list, List<String> log) {
        return new AwaitAll<>(list, log);
    }

    static final class AwaitAll<T> extends Coroutine<T> {
        private List<String> log;
        private T last;
        private java.util.Iterator<? extends Awaitable<? extends T>> a$iterator;
        private Throwable finally$pending;

        AwaitAll(List<? extends Awaitable<? extends T>> list, List<String> log) {
            this.log = log;
            this.a$iterator = list.iterator();
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                try {
                    switch (state) {
                        case 0:
                            last = null;
                            state = 2;
                            continue;
                        case 1: // after the await, inside the try
                            if (thrown != null) {
                                throw thrown;
                            }
                            last = (T) sent;
                            log.add("got " + last);
                            finally$pending = null;
                            state = 4;
                            continue;
                        case 2: // loop head
                            if (!a$iterator.hasNext()) {
                                T result = last;
                                last = null;
                                log = null;
                                a$iterator = null;
                                return complete(result);
                            }
                            Awaitable<? extends T> a = a$iterator.next();
                            state = 1;
                            return a;
                        case 3: { // catch (IllegalArgumentException e)
                            IllegalArgumentException e = (IllegalArgumentException) thrown;
                            thrown = null;
                            log.add("caught " + e.getMessage());
                            finally$pending = null;
                            state = 4;
                            continue;
                        }
                        case 4: // finally
                            log.add("finally");
                            if (finally$pending != null) {
                                Throwable p = finally$pending;
                                finally$pending = null;
                                throw p;
                            }
                            state = 2;
                            continue;
                        default:
                            throw new IllegalStateException("resumed in state " + state);
                    }
                } catch (Throwable t) {
                    // Handler table: state 1 is inside try (catch then finally); state 3 inside catch (finally).
                    if (state == 1 && t instanceof IllegalArgumentException) {
                        thrown = t;
                        state = 3;
                    } else if (state == 1 || state == 3) {
                        finally$pending = t;
                        thrown = null;
                        state = 4;
                    } else {
                        throw t;
                    }
                }
            }
        }
    }

    /**
     * A coroutine that runs arbitrary steps between awaits: each supplier returns the next awaitable or
     * null to finish. Handy for scheduling-order tests.
     */
    static Coroutine<Void> steps(List<Supplier<Awaitable<?>>> steps) {
        return new Steps(steps);
    }

    static final class Steps extends Coroutine<Void> {
        private final List<Supplier<Awaitable<?>>> steps;

        Steps(List<Supplier<Awaitable<?>>> steps) {
            this.steps = steps;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            while (state < steps.size()) {
                Awaitable<?> next = steps.get(state++).get();
                if (next != null) {
                    return next;
                }
            }
            return complete(null);
        }
    }
}
