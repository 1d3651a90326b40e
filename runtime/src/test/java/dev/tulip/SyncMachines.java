package dev.tulip;

import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Hand-written state machines used by the synchronisation, queue and thread tests, in the shape the
 * processor emits. Each documents the @Async method it stands for.
 */
final class SyncMachines {
    private SyncMachines() {
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> critical(Supplier<Awaitable<Held>> acquire, String name, double hold,
     *         List<String> log) {
     *     try (var held = await(acquire.get())) {
     *         log.add(name + " in");
     *         await(sleep(hold));
     *         log.add(name + " out");
     *     }
     *     return done();
     * }}</pre>
     */
    static Coroutine<Void> critical(Supplier<Awaitable<Held>> acquire, String name, double hold, List<String> log) {
        return new Critical(acquire, name, hold, log);
    }

    static final class Critical extends Coroutine<Void> {
        private final Supplier<Awaitable<Held>> acquire;
        private final String name;
        private final double hold;
        private final List<String> log;
        private Held held;

        Critical(Supplier<Awaitable<Held>> acquire, String name, double hold, List<String> log) {
            this.acquire = acquire;
            this.name = name;
            this.hold = hold;
            this.log = log;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0:
                    state = 1;
                    return acquire.get();
                case 1:
                    if (thrown != null) {
                        state = 3;
                        throw thrown;
                    }
                    held = (Held) sent;
                    log.add(name + " in");
                    state = 2;
                    return Tulip.sleep(hold);
                case 2: {
                    // end of the try-with-resources body, normally or with `thrown`
                    Throwable pending = thrown;
                    if (pending == null) {
                        log.add(name + " out");
                    }
                    state = 3;
                    Held h = held;
                    held = null;
                    try {
                        h.close();
                    } catch (Throwable t) {
                        if (pending == null) {
                            pending = t;
                        } else {
                            pending.addSuppressed(t);
                        }
                    }
                    if (pending != null) {
                        throw pending;
                    }
                    return complete(null);
                }
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        @Override
        protected String name() {
            return "critical " + name;
        }
    }

    /**
     * A future completed once every task is done, through done callbacks exactly like asyncio.gather
     * (so that a task awaiting it wakes in the same iteration as it would on {@code await gather(...)}).
     */
    static AsyncFuture<Void> gatherLike(EventLoop loop, List<? extends AsyncFuture<?>> tasks) {
        AsyncFuture<Void> all = loop.createFuture();
        int[] left = {tasks.size()};
        for (AsyncFuture<?> t : tasks) {
            t.addDoneCallback(done -> {
                if (--left[0] == 0) {
                    all.setResult(null);
                }
            });
        }
        return all;
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<List<Object>> collect(List<? extends Awaitable<?>> awaitables) {
     *     List<Object> out = new ArrayList<>();
     *     for (Awaitable<?> a : awaitables) {
     *         try {
     *             out.add(await(a));
     *         } catch (Throwable e) {
     *             out.add(e);
     *         }
     *     }
     *     return done(out);
     * }}</pre>
     * Awaits in order and collects each outcome: the value, or the exception.
     */
    static Coroutine<List<Object>> collect(List<? extends Awaitable<?>> awaitables) {
        Iterator<? extends Awaitable<?>> it = awaitables.iterator();
        List<Object> out = new java.util.ArrayList<>();
        return new Coroutine<List<Object>>() {
            @Override
            protected Awaitable<?> resume(Object sent, Throwable thrown) {
                if (state == 1) {
                    out.add(thrown != null ? thrown : sent);
                }
                state = 1;
                if (it.hasNext()) {
                    return it.next();
                }
                state = 2;
                return complete(out);
            }

            @Override
            protected String name() {
                return "collect";
            }
        };
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> awaitEach(List<? extends Awaitable<?>> awaitables) {
     *     for (Awaitable<?> a : awaitables) {
     *         try { await(a); } catch (Throwable ignored) { }
     *     }
     *     return done();
     * }}</pre>
     * Waits for tasks to finish whatever their outcome (the outcomes are checked on the tasks).
     */
    static Coroutine<Void> awaitEach(List<? extends Awaitable<?>> awaitables) {
        Iterator<? extends Awaitable<?>> it = awaitables.iterator();
        return new Coroutine<Void>() {
            @Override
            protected Awaitable<?> resume(Object sent, Throwable thrown) {
                state = 1;
                if (it.hasNext()) {
                    return it.next();
                }
                return complete(null);
            }

            @Override
            protected String name() {
                return "awaitEach";
            }
        };
    }
}
