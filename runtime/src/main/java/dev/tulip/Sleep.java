package dev.tulip;

/**
 * The awaitable of {@code sleep(seconds)}: a timer that wakes the task that awaits it. It is its own
 * timer handle, so a sleeping task costs the task, its coroutine and this one object; no future.
 *
 * <p>Like asyncio (where the timer completes a future, which then schedules the task), the task wakes
 * one loop iteration after the timer fires, so traces interleave exactly as in Python.
 */
final class Sleep extends TimerHandle implements Suspension<Void> {
    private Task<?> task;
    private String cancelMessage;
    private boolean fired;

    /**
     * Until the sleep starts, {@code when} holds the delay; {@link #start} turns it into the deadline.
     * (No separate field: 8 bytes less per sleeping task.)
     */
    Sleep(double delay) {
        this.when = delay;
    }

    /** Starts the timer for a task; false if this sleep was already awaited. */
    boolean start(Task<?> waiter) {
        if (task != null) {
            return false;
        }
        task = waiter;
        EventLoop l = waiter.loop;
        loop = l;
        when = l.time() + when;
        l.schedule(this);
        return true;
    }

    @Override
    void fire() {
        fired = true;
        loop.readyTask(task);
    }

    /** The waiting task was cancelled: drop the timer and wake it with CancelledError. */
    boolean cancelWait(String message) {
        if (cancelled || fired) {
            return false; // already waking the task: it will see its own cancellation request
        }
        cancel();
        cancelMessage = message;
        loop.readyTask(task);
        return true;
    }

    /** The outcome for the woken task: null, or the cancellation. */
    Throwable takeError() {
        return cancelled ? CancelledError.raised(cancelMessage) : null;
    }

    @Override
    public String toString() {
        String what = task == null ? when + "s" : "until " + when;
        return "<sleep " + what + (cancelled ? " cancelled" : "") + ">";
    }
}
