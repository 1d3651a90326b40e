package dev.tulip;

/**
 * A callback scheduled on an {@link EventLoop} by {@link EventLoop#callSoon callSoon}; Python's
 * {@code asyncio.Handle}. Cancelling it before it runs means it never runs.
 */
public abstract class Handle {
    boolean cancelled;

    Handle() {
    }

    /** Runs the callback; called by the loop only when not cancelled. */
    abstract void fire();

    /**
     * Cancels the callback. Has no effect if it already ran.
     */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Tells whether {@link #cancel()} was called.
     *
     * @return true if cancelled
     */
    public boolean cancelled() {
        return cancelled;
    }

    /** A handle that runs a plain {@link Runnable}. */
    static final class OfRunnable extends Handle {
        private Runnable callback;

        OfRunnable(Runnable callback) {
            this.callback = callback;
        }

        @Override
        void fire() {
            callback.run();
        }

        @Override
        public void cancel() {
            super.cancel();
            callback = null; // release what the callback captured
        }

        @Override
        public String toString() {
            return "<Handle " + (cancelled ? "cancelled" : String.valueOf(callback)) + ">";
        }
    }

    /** A future's done callback, scheduled when the future completes: one object, no capturing lambda. */
    static final class OfDoneCallback extends Handle {
        private java.util.function.Consumer<Object> callback;
        private AsyncFuture<?> future;

        OfDoneCallback(java.util.function.Consumer<Object> callback, AsyncFuture<?> future) {
            this.callback = callback;
            this.future = future;
        }

        @Override
        void fire() {
            callback.accept(future);
        }

        @Override
        public void cancel() {
            super.cancel();
            callback = null;
            future = null;
        }

        @Override
        public String toString() {
            return "<Handle " + (cancelled ? "cancelled" : callback + "(" + future + ")") + ">";
        }
    }
}
