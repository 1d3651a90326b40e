package dev.tulip;

/**
 * A callback scheduled for a point in time by {@link EventLoop#callLater callLater} or
 * {@link EventLoop#callAt callAt}; Python's {@code asyncio.TimerHandle}. Timers with the same deadline
 * run in the order they were scheduled.
 */
public abstract class TimerHandle extends Handle {
    EventLoop loop;
    double when;
    /** Position in the loop's timer heap, or -1 when not in it. */
    int heapIndex = -1;

    TimerHandle() {
    }

    /**
     * The loop time at which the callback is due.
     *
     * @return the deadline, in the loop's {@link EventLoop#time() time} scale
     */
    public double when() {
        return when;
    }

    /** Cancels the timer; the loop drops it from its heap (cancelled timers never pile up). */
    @Override
    public void cancel() {
        if (!cancelled) {
            super.cancel();
            if (loop != null && heapIndex >= 0) {
                loop.timerCancelled(this);
            }
        }
    }

    /** A timer that runs a plain {@link Runnable}. */
    static final class OfRunnable extends TimerHandle {
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
            callback = null;
        }

        @Override
        public String toString() {
            return "<TimerHandle when=" + when + (cancelled ? " cancelled" : " " + callback) + ">";
        }
    }
}
