package dev.tulip.benchmarks;

import dev.tulip.AsyncFuture;
import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.Task;
import dev.tulip.Tulip;

/**
 * The coroutines the benchmarks run, written by hand in exactly the shape Tulip's annotation processor
 * emits (see {@code docs/contract.md}): a {@code switch (state)} inside {@code for (;;)}, {@code return
 * awaitable;} to suspend, {@code return complete(v);} to finish. Each documents the {@code @Async}
 * method it stands for.
 */
final class Coros {
    private Coros() {
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> yielder(int n) {
     *     for (int i = 0; i < n; i++) {
     *         await(sleep(0));
     *     }
     *     return done();
     * }}</pre>
     */
    static final class Yielder extends Coroutine<Void> {
        private final int n;
        private int i;

        Yielder(int n) {
            this.n = n;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
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
                        if (i >= n) {
                            return complete(null);
                        }
                        state = 1;
                        return Tulip.sleep(0);
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }

    /** Where the two players of a ping-pong leave each other the future to complete. */
    static final class Table {
        AsyncFuture<Object> toPing;
        AsyncFuture<Object> toPong;
        long roundTrips;
    }

    static final Object BALL = "ball";
    static final Object STOP = "stop";

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> ping(Table t, int rounds) {
     *     for (int i = 0; i < rounds; i++) {
     *         AsyncFuture<Object> reply = getRunningLoop().createFuture();
     *         t.toPing = reply;
     *         t.toPong.setResult(BALL);
     *         await(reply);
     *         t.roundTrips++;
     *     }
     *     t.toPong.setResult(STOP);
     *     return done();
     * }}</pre>
     */
    static final class Ping extends Coroutine<Void> {
        private final Table t;
        private final int rounds;
        private int i;

        Ping(Table t, int rounds) {
            this.t = t;
            this.rounds = rounds;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        i = 0;
                        state = 2;
                        continue;
                    case 1:
                        if (thrown != null) {
                            throw thrown;
                        }
                        t.roundTrips++;
                        i++;
                        state = 2;
                        continue;
                    case 2: {
                        if (i >= rounds) {
                            t.toPong.setResult(STOP);
                            return complete(null);
                        }
                        AsyncFuture<Object> reply = Tulip.getRunningLoop().createFuture();
                        t.toPing = reply;
                        t.toPong.setResult(BALL);
                        state = 1;
                        return reply;
                    }
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> pong(Table t) {
     *     for (;;) {
     *         AsyncFuture<Object> next = getRunningLoop().createFuture();
     *         t.toPong = next;
     *         Object ball = await(next);
     *         if (ball == STOP) {
     *             return done();
     *         }
     *         t.toPing.setResult(ball);
     *     }
     * }}</pre>
     */
    static final class Pong extends Coroutine<Void> {
        private final Table t;

        Pong(Table t) {
            this.t = t;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0: {
                        AsyncFuture<Object> next = Tulip.getRunningLoop().createFuture();
                        t.toPong = next;
                        state = 1;
                        return next;
                    }
                    case 1:
                        if (thrown != null) {
                            throw thrown;
                        }
                        if (sent == STOP) {
                            return complete(null);
                        }
                        t.toPing.setResult(sent);
                        state = 0;
                        continue;
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Integer> nested(int depth) {
     *     if (depth == 0) {
     *         return done(0);
     *     }
     *     int below = await(nested(depth - 1));
     *     return done(below + 1);
     * }}</pre>
     * {@code nested(9)} is a chain of 10 coroutines that completes without suspending.
     */
    static final class Nested extends Coroutine<Integer> {
        private final int depth;

        Nested(int depth) {
            this.depth = depth;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0:
                    if (depth == 0) {
                        return complete(0);
                    }
                    state = 1;
                    return new Nested(depth - 1);
                case 1:
                    if (thrown != null) {
                        throw thrown;
                    }
                    return complete((Integer) sent + 1);
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Long> awaitChains(int n, int depth) {
     *     long sum = 0;
     *     for (int i = 0; i < n; i++) {
     *         sum += await(nested(depth - 1));
     *     }
     *     return done(sum);
     * }}</pre>
     * With {@code check}, it also verifies that it never suspends (see {@link SuspensionCheck}).
     */
    static final class AwaitChains extends Coroutine<Long> {
        private final int n;
        private final int depth;
        private final SuspensionCheck check;
        private int i;
        private long sum;

        AwaitChains(int n, int depth, SuspensionCheck check) {
            this.n = n;
            this.depth = depth;
            this.check = check;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        if (check != null) {
                            check.start();
                        }
                        i = 0;
                        sum = 0;
                        state = 2;
                        continue;
                    case 1:
                        if (thrown != null) {
                            throw thrown;
                        }
                        sum += (Integer) sent;
                        i++;
                        state = 2;
                        continue;
                    case 2:
                        if (i >= n) {
                            if (check != null) {
                                check.finish();
                            }
                            return complete(sum);
                        }
                        state = 1;
                        return new Nested(depth - 1);
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Long> awaitDone(AsyncFuture<Integer> f, int n) {
     *     long sum = 0;
     *     for (int i = 0; i < n; i++) {
     *         sum += await(f);
     *     }
     *     return done(sum);
     * }}</pre>
     * {@code f} is already completed; with {@code check}, verifies that it never suspends.
     */
    static final class AwaitDone extends Coroutine<Long> {
        private final AsyncFuture<Integer> f;
        private final int n;
        private final SuspensionCheck check;
        private int i;
        private long sum;

        AwaitDone(AsyncFuture<Integer> f, int n, SuspensionCheck check) {
            this.f = f;
            this.n = n;
            this.check = check;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        if (check != null) {
                            check.start();
                        }
                        i = 0;
                        sum = 0;
                        state = 2;
                        continue;
                    case 1:
                        if (thrown != null) {
                            throw thrown;
                        }
                        sum += (Integer) sent;
                        i++;
                        state = 2;
                        continue;
                    case 2:
                        if (i >= n) {
                            if (check != null) {
                                check.finish();
                            }
                            return complete(sum);
                        }
                        state = 1;
                        return f;
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }

    /**
     * Detects a suspension: {@link #start} schedules a callback on the loop, which can only run once the
     * task returns to the loop; if it ran by {@link #finish}, the task suspended in between.
     */
    static final class SuspensionCheck {
        private boolean loopRan;
        boolean suspended;

        void start() {
            loopRan = false;
            Tulip.getRunningLoop().callSoon(() -> loopRan = true);
        }

        void finish() {
            suspended = loopRan;
        }
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> trivial() {
     *     return done();
     * }}</pre>
     */
    static final class Trivial extends Coroutine<Void> {
        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            return complete(null);
        }
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> spawn(int n, int batch) {
     *     for (int i = 0; i < n; i += batch) {
     *         for (int j = 0; j < batch; j++) {
     *             createTask(trivial());
     *         }
     *         await(sleep(0));   // the batch runs (FIFO: its tasks were scheduled before this yield)
     *     }
     *     return done();
     * }}</pre>
     * Every task has completed when this one does.
     */
    static final class Spawn extends Coroutine<Void> {
        private final int n;
        private final int batch;
        private int i;

        Spawn(int n, int batch) {
            this.n = n;
            this.batch = batch;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        i = 0;
                        state = 2;
                        continue;
                    case 1:
                        if (thrown != null) {
                            throw thrown;
                        }
                        i += batch;
                        state = 2;
                        continue;
                    case 2:
                        if (i >= n) {
                            return complete(null);
                        }
                        for (int j = 0; j < batch; j++) {
                            Tulip.createTask(new Trivial());
                        }
                        state = 1;
                        return Tulip.sleep(0);
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> spawnAndAwait(int n) {
     *     for (int i = 0; i < n; i++) {
     *         await(createTask(trivial()));
     *     }
     *     return done();
     * }}</pre>
     */
    static final class SpawnAndAwait extends Coroutine<Void> {
        private final int n;
        private int i;

        SpawnAndAwait(int n) {
            this.n = n;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
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
                    case 2: {
                        if (i >= n) {
                            return complete(null);
                        }
                        Task<Void> t = Tulip.createTask(new Trivial());
                        state = 1;
                        return t;
                    }
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> sleeper(double seconds) {
     *     await(sleep(seconds));
     *     return done();
     * }}</pre>
     */
    static final class Sleeper extends Coroutine<Void> {
        private final double seconds;

        Sleeper(double seconds) {
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
                    return complete(null);
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }
    }

    /** What a {@link SpawnSleepers} driver does once every sleeper is suspended on its timer. */
    interface Probe {
        void allAsleep();
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> spawnSleepers(int n, boolean spread, Probe probe) {
     *     for (int i = 0; i < n; i++) {
     *         createTask(sleeper(spread ? delay(i) : 1.0));
     *     }
     *     await(sleep(0.5));   // every sleeper has started and waits on its timer (all are due at >= 1.0... see delay)
     *     probe.allAsleep();
     *     await(sleep(1.5));   // every sleeper has woken and completed
     *     return done();
     * }}</pre>
     */
    static final class SpawnSleepers extends Coroutine<Void> {
        private final int n;
        private final boolean spread;
        private final Probe probe;

        SpawnSleepers(int n, boolean spread, Probe probe) {
            this.n = n;
            this.spread = spread;
            this.probe = probe;
        }

        /** A spread of deadlines in [0.6, 1.6): a deterministic scramble, so heap order is not creation order. */
        static double delay(int i) {
            return 0.6 + ((i * 0x9E3779B1L) & 0xFFFFF) / (double) 0x100000;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            switch (state) {
                case 0:
                    for (int i = 0; i < n; i++) {
                        Tulip.createTask(new Sleeper(spread ? delay(i) : 1.0));
                    }
                    state = 1;
                    return Tulip.sleep(0.5);
                case 1:
                    if (probe != null) {
                        probe.allAsleep();
                    }
                    state = 2;
                    return Tulip.sleep(1.5);
                case 2:
                    return complete(null);
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }
    }
}
