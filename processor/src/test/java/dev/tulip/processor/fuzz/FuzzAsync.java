package dev.tulip.processor.fuzz;

import dev.tulip.AsyncCloseable;
import dev.tulip.AsyncFuture;
import dev.tulip.AsyncIterable;
import dev.tulip.AsyncIterator;
import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Tulip;

/**
 * The Tulip world's helpers behind {@code ready}, {@code later}, {@code fail}... In
 * {@link Mode#SUSPEND} the awaitables really suspend (sleep(0), futures completed by callbacks, tasks,
 * timers); in {@link Mode#IMMEDIATE} every awaitable is already done, so no await suspends.
 * Helper tasks and callbacks never log: only the program under test writes its trace.
 */
public final class FuzzAsync {
    public enum Mode { SUSPEND, IMMEDIATE }

    private static Mode mode = Mode.SUSPEND;
    private static int counter;

    private FuzzAsync() {
    }

    /** Called before each run: the mode, and a fresh rotation of the suspending kinds. */
    public static void reset(Mode m) {
        mode = m;
        counter = 0;
    }

    private static boolean immediate() {
        return mode == Mode.IMMEDIATE;
    }

    static <T> AsyncFuture<T> doneFuture(T v) {
        AsyncFuture<T> f = EventLoop.running().createFuture();
        f.setResult(v);
        return f;
    }

    static <T> AsyncFuture<T> failedFuture(Throwable e) {
        AsyncFuture<T> f = EventLoop.running().createFuture();
        f.setException(e);
        return f;
    }

    /** Done already, in both modes. */
    public static <T> Awaitable<T> ready(T v) {
        return doneFuture(v);
    }

    /** A coroutine that completes at once (Tulip's {@code done(v)}), in both modes. */
    public static <T> Awaitable<T> now(T v) {
        return Tulip.done(v);
    }

    /** Suspends through sleep(0) once or twice in a nested coroutine. */
    public static <T> Awaitable<T> later(T v) {
        if (immediate()) {
            return doneFuture(v);
        }
        return new Yielding<>(v, null, 1 + counter++ % 2, 0);
    }

    /** A pending future completed by a loop callback. */
    public static <T> Awaitable<T> soon(T v) {
        if (immediate()) {
            return doneFuture(v);
        }
        EventLoop loop = EventLoop.running();
        AsyncFuture<T> f = loop.createFuture();
        loop.callSoon(() -> f.setResult(v));
        return f;
    }

    /** Another task that yields twice, then produces the value. */
    public static <T> Awaitable<T> viaTask(T v) {
        if (immediate()) {
            return doneFuture(v);
        }
        return Tulip.createTask(new Yielding<>(v, null, 2, 0));
    }

    /** A coroutine sleeping on a (virtual) timer. */
    public static <T> Awaitable<T> timer(T v) {
        if (immediate()) {
            return doneFuture(v);
        }
        return new Yielding<>(v, null, 1, 0.001 * (1 + counter++ % 3));
    }

    /** Nothing to produce: sleep(0) when suspending. */
    public static Awaitable<Void> pause() {
        if (immediate()) {
            return doneFuture(null);
        }
        return Tulip.sleep(0);
    }

    private static final java.util.concurrent.ExecutorService OTHER_THREAD =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fuzz-stage");
                t.setDaemon(true);
                return t;
            });

    /** A CompletionStage: completed already, or by another thread. */
    public static <T> java.util.concurrent.CompletionStage<T> stage(T v) {
        if (immediate()) {
            return java.util.concurrent.CompletableFuture.completedFuture(v);
        }
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> v, OTHER_THREAD);
    }

    /** A CompletionStage failing with {@code Boom(msg)} when {@code cond}. */
    public static <T> java.util.concurrent.CompletionStage<T> failS(T v, boolean cond, String msg) {
        if (!cond) {
            return stage(v);
        }
        java.util.concurrent.CompletableFuture<T> f = new java.util.concurrent.CompletableFuture<>();
        if (immediate()) {
            f.completeExceptionally(new Boom(msg));
        } else {
            OTHER_THREAD.execute(() -> f.completeExceptionally(new Boom(msg)));
        }
        return f;
    }

    /** Fails with {@code Boom(msg)} when {@code cond}, else produces {@code v} as {@link #later}. */
    public static <T> Awaitable<T> fail(T v, boolean cond, String msg) {
        return cond ? failing(new Boom(msg)) : later(v);
    }

    /** Fails with the checked {@code CheckedBoom(msg)} when {@code cond}. */
    public static <T> Awaitable<T> failC(T v, boolean cond, String msg) {
        return cond ? failing(new CheckedBoom(msg)) : soon(v);
    }

    /** An awaitable that fails: rotates between a coroutine, a callback-failed future and a task. */
    static <T> Awaitable<T> failing(Throwable e) {
        if (immediate()) {
            return failedFuture(e);
        }
        switch (counter++ % 3) {
            case 0:
                return new Yielding<>(null, e, 1, 0);
            case 1: {
                EventLoop loop = EventLoop.running();
                AsyncFuture<T> f = loop.createFuture();
                loop.callSoon(() -> f.setException(e));
                return f;
            }
            default:
                return Tulip.createTask(new Yielding<>(null, e, 1, 0));
        }
    }

    public static ARes ares(Trace t, String name, boolean failOnClose) {
        return new ARes(t, name, failOnClose);
    }

    /** Yields {@code 0..n-1}, awaiting each hasNext(), logging each item as {@link RefSupport#iter}. */
    public static AsyncIterable<Integer> aiter(Trace t, int n) {
        return () -> new AsyncIterator<Integer>() {
            private int k;

            @Override
            public Awaitable<Boolean> hasNext() {
                return later(k < n);
            }

            @Override
            public Integer next() {
                t.log("item", k);
                return k++;
            }
        };
    }

    /** An AsyncCloseable: logs as {@link Res} does, and its aclose() suspends (and may fail). */
    public static final class ARes implements AsyncCloseable {
        private final Trace t;
        private final String name;
        private final boolean failOnClose;

        ARes(Trace t, String name, boolean failOnClose) {
            this.t = t;
            this.name = name;
            this.failOnClose = failOnClose;
            t.log("open", name);
        }

        public String id() {
            return name;
        }

        @Override
        public Awaitable<Void> aclose() {
            t.log("close", name);
            return failOnClose ? failing(new Boom("close " + name)) : later(null);
        }
    }

    /** Yields {@code yields} times (sleep(delay)), then completes with {@code value} or throws {@code error}. */
    static final class Yielding<T> extends Coroutine<T> {
        private final T value;
        private final Throwable error;
        private final int yields;
        private final double delay;

        Yielding(T value, Throwable error, int yields, double delay) {
            this.value = value;
            this.error = error;
            this.yields = yields;
            this.delay = delay;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            if (state < yields) {
                state++;
                return Tulip.sleep(delay);
            }
            if (error != null) {
                throw error;
            }
            return complete(value);
        }
    }
}
