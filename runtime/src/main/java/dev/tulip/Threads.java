package dev.tulip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

/**
 * The bridges between an event loop and other threads: Python's {@code run_in_executor},
 * {@code to_thread}, {@code wrap_future} and {@code run_coroutine_threadsafe}, plus the way back from an
 * {@link AsyncFuture} to a {@link CompletableFuture}. Public entry points are on {@link Tulip},
 * {@link EventLoop} and {@link AsyncFuture}.
 *
 * <p>Every result computed on another thread comes back through {@link EventLoop#callSoonThreadsafe},
 * so futures are only ever completed on their loop's thread. Work handed to other threads is counted
 * as the loop's external work, so that a virtual-time loop waits for it instead of jumping ahead.
 */
final class Threads {
    private static final System.Logger LOG = System.getLogger("dev.tulip");

    private Threads() {
    }

    // ---- run_in_executor / to_thread ----

    static <T> AsyncFuture<T> runInExecutor(EventLoop loop, Executor executor, Callable<T> callable) {
        Objects.requireNonNull(callable, "callable");
        loop.checkThread("runInExecutor");
        Executor ex = executor != null ? executor : loop.defaultExecutor();
        ExecutorCall<T> call = new ExecutorCall<>(loop, callable);
        loop.beginExternalWork();
        try {
            ex.execute(call::runOnWorker);
        } catch (RuntimeException | Error e) {
            loop.endExternalWork();
            if (e instanceof RejectedExecutionException) {
                throw new RejectedExecutionException("the executor refused " + callable + " (shut down?): " + e.getMessage(), e);
            }
            throw e;
        }
        return call;
    }

    /**
     * The future of a callable run on an executor. Cancelling it before the callable starts means the
     * callable never runs; once it runs, it runs to the end (Java threads, like Python's, are not
     * interrupted) and its outcome is dropped.
     */
    static final class ExecutorCall<T> extends AsyncFuture<T> {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int CANCELLED = 2;
        private static final VarHandle PHASE;

        static {
            try {
                PHASE = MethodHandles.lookup().findVarHandle(ExecutorCall.class, "phase", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final Callable<T> callable;
        @SuppressWarnings("unused") // accessed through PHASE
        private volatile int phase;

        ExecutorCall(EventLoop loop, Callable<T> callable) {
            super(loop);
            this.callable = callable;
        }

        /** Runs on the executor's thread. */
        void runOnWorker() {
            if (!PHASE.compareAndSet(this, QUEUED, RUNNING)) {
                return; // cancelled before it started; the loop already stopped counting it
            }
            T value = null;
            Throwable error = null;
            try {
                value = callable.call();
            } catch (Throwable t) {
                error = t;
            }
            T v = value;
            Throwable e = error;
            post(loop, () -> {
                loop.endExternalWork();
                if (done()) {
                    return; // cancelled while running: the outcome has no taker
                }
                if (e != null) {
                    setException(e);
                } else {
                    setResult(v);
                }
            }, this);
        }

        @Override
        public boolean cancel(String message) {
            if (!super.cancel(message)) {
                return false;
            }
            if (PHASE.compareAndSet(this, QUEUED, CANCELLED)) {
                loop.endExternalWork(); // it will never run nor report back
            }
            return true;
        }
    }

    /**
     * <pre>{@code
     * @Async static <T> Coroutine<T> toThread(Callable<T> callable) {
     *     return done(await(getRunningLoop().runInExecutor(null, callable)));
     * }
     * }</pre>
     */
    static final class ToThread<T> extends Coroutine<T> {
        private Callable<T> callable;

        ToThread(Callable<T> callable) {
            this.callable = Objects.requireNonNull(callable, "callable");
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            switch (state) {
                case 0: {
                    Callable<T> c = callable;
                    callable = null;
                    state = 1;
                    return EventLoop.running().runInExecutor(null, c);
                }
                case 1:
                    state = 2;
                    return complete((T) sent);
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        @Override
        protected String name() {
            return "toThread";
        }
    }

    // ---- wrap_future ----

    static <T> AsyncFuture<T> wrapFuture(EventLoop loop, CompletionStage<T> stage) {
        Objects.requireNonNull(stage, "stage");
        if (isDone(stage)) {
            // Already complete: no trip through the loop, so awaiting it does not suspend.
            AsyncFuture<T> done = new AsyncFuture<>(loop);
            T value;
            try {
                value = ((CompletableFuture<T>) stage).join();
            } catch (CancellationException e) {
                done.cancel();
                return done;
            } catch (CompletionException e) {
                done.setException(unwrap(e));
                return done;
            }
            done.setResult(value);
            return done;
        }
        Wrapped<T> future = new Wrapped<>(loop, stage);
        loop.beginExternalWork();
        stage.whenComplete(future::sourceDone);
        return future;
    }

    /** An AsyncFuture mirroring a CompletionStage; cancelling it cancels the stage when it is a Future. */
    static final class Wrapped<T> extends AsyncFuture<T> {
        private final CompletionStage<T> source;

        Wrapped(EventLoop loop, CompletionStage<T> source) {
            super(loop);
            this.source = source;
        }

        /** Runs on whichever thread completes the stage. */
        void sourceDone(T value, Throwable error) {
            post(loop, () -> {
                loop.endExternalWork();
                if (done()) {
                    return;
                }
                if (error == null) {
                    setResult(value);
                } else {
                    Throwable cause = unwrap(error);
                    if (cause instanceof CancellationException) {
                        cancel();
                    } else {
                        setException(cause);
                    }
                }
            }, this);
        }

        @Override
        public boolean cancel(String message) {
            if (!super.cancel(message)) {
                return false;
            }
            if (source instanceof Future) {
                try {
                    ((Future<?>) source).cancel(false);
                } catch (UnsupportedOperationException e) {
                    // a minimalCompletionStage(): it cannot be cancelled from here
                }
            }
            return true;
        }
    }

    /** True for a CompletableFuture that is already complete (false for a minimal stage, which cannot say). */
    private static boolean isDone(CompletionStage<?> stage) {
        if (!(stage instanceof CompletableFuture)) {
            return false;
        }
        try {
            return ((CompletableFuture<?>) stage).isDone();
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    // ---- run_coroutine_threadsafe / toCompletableFuture ----

    static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine, EventLoop loop) {
        Objects.requireNonNull(coroutine, "coroutine");
        Objects.requireNonNull(loop, "loop");
        Bridge<T> result = new Bridge<>(loop);
        loop.callSoonThreadsafe(() -> {
            if (result.isDone()) {
                return; // cancelled before it could start: the coroutine never runs
            }
            Task<T> task;
            try {
                task = loop.createTask(coroutine);
            } catch (Throwable t) {
                result.completeExceptionally(t);
                return;
            }
            result.follow(task);
        });
        return result;
    }

    static <T> CompletableFuture<T> toCompletableFuture(AsyncFuture<T> future) {
        future.loop.checkThread("toCompletableFuture");
        Bridge<T> result = new Bridge<>(future.loop);
        result.follow(future);
        return result;
    }

    /**
     * A CompletableFuture that follows an AsyncFuture; cancelling it (from any thread) cancels the
     * AsyncFuture on its loop.
     */
    static final class Bridge<T> extends CompletableFuture<T> {
        private final EventLoop loop;
        /** The followed future; read and written on the loop thread only. */
        private AsyncFuture<T> source;

        Bridge(EventLoop loop) {
            this.loop = loop;
        }

        /** On the loop thread. */
        void follow(AsyncFuture<T> future) {
            source = future;
            if (future.done()) {
                copy(future);
            } else {
                future.addDoneCallback(this::copy);
            }
        }

        private void copy(AsyncFuture<T> f) {
            if (f.cancelled()) {
                super.cancel(false);
                return;
            }
            Throwable e = f.exception();
            if (e != null) {
                completeExceptionally(e);
            } else {
                complete(f.result());
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                post(loop, () -> {
                    AsyncFuture<T> s = source;
                    if (s != null) {
                        s.cancel();
                    }
                }, this);
            }
            return cancelled;
        }
    }

    /** callSoonThreadsafe, except that a closed loop drops the callback (nobody is left to tell). */
    static void post(EventLoop loop, Runnable callback, Object what) {
        if (loop.isClosed()) {
            LOG.log(System.Logger.Level.DEBUG, "event loop closed: dropping the outcome of {0}", what);
            return;
        }
        try {
            loop.callSoonThreadsafe(callback);
        } catch (IllegalStateException closed) {
            LOG.log(System.Logger.Level.DEBUG, "event loop closed: dropping the outcome of {0}", what);
        }
    }
}
