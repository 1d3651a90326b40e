package dev.tulip;

/**
 * A deadline for a block of an {@link Async @Async} method: Python's {@code asyncio.Timeout}, made by
 * {@link Tulip#timeout timeout(seconds)} or {@link Tulip#timeoutAt timeoutAt(when)}.
 *
 * <pre>{@code
 * try (var t = timeout(5)) {          // inside an @Async method
 *     await(fetch(url));
 * } catch (TimeoutError e) {
 *     log("too slow");
 * }
 * }</pre>
 *
 * <p>Creating the timeout enters the scope (there is no separate {@code __aenter__}): it captures the
 * task that is running, which must exist (a timeout made from a plain callback is an error), and arms
 * a timer. At the deadline the timer {@linkplain Task#cancel() cancels} that task, so the
 * {@link CancelledError} surfaces at whatever await the block is suspended at. When the block ends,
 * {@link #aexit} turns that cancellation into a {@link TimeoutError}; a cancellation from anywhere else
 * (counted with {@link Task#cancelling()} / {@link Task#uncancel()}, as in Python 3.11) passes through
 * unchanged, and so does every other exception. If the block catches the cancellation and ends
 * normally, nothing is raised, and {@link #expired()} tells what happened.
 *
 * <p>A timeout belongs to one task and one block; it is not thread-safe.
 */
public final class Timeout implements AsyncContextManager {
    private enum State {
        ENTERED("active"), EXPIRING("expiring"), EXPIRED("expired"), EXITED("finished");

        final String text;

        State(String text) {
            this.text = text;
        }
    }

    private final EventLoop loop;
    private Task<?> task;
    /** The task's cancellation requests when the scope was entered. */
    private final int cancelling;
    private double when;
    private Handle handle;
    private State state;

    /** Enters a scope for the running task; {@code when} is a loop time, infinity for no deadline. */
    Timeout(double when) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("timeout deadline is NaN");
        }
        EventLoop l = EventLoop.running();
        Task<?> t = l.currentTask();
        if (t == null) {
            throw new IllegalStateException("Timeout should be used inside a task: create it from a coroutine that a"
                    + " task runs, not from a plain callback");
        }
        this.loop = l;
        this.task = t;
        this.cancelling = t.cancelling();
        this.state = State.ENTERED;
        reschedule(when);
    }

    /**
     * The current deadline, in the loop's {@link EventLoop#time() time}; positive infinity when there is
     * none.
     *
     * @return the deadline
     */
    public double when() {
        return when;
    }

    /**
     * Moves the deadline; a deadline already past fires on the next loop iteration, and positive
     * infinity disables it (Python's {@code reschedule(None)}).
     *
     * @param when the new deadline, a loop time
     * @throws IllegalStateException if the timeout already expired or the scope was exited
     */
    public void reschedule(double when) {
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("timeout deadline is NaN");
        }
        if (state != State.ENTERED) {
            throw new IllegalStateException("Cannot change state of " + state.text + " Timeout");
        }
        this.when = when;
        Handle h = handle;
        if (h != null) {
            h.cancel();
            handle = null;
        }
        if (when != Double.POSITIVE_INFINITY) {
            handle = when <= loop.time() ? loop.callSoon(this::onTimeout) : loop.callAt(when, this::onTimeout);
        }
    }

    /**
     * Tells whether the deadline was reached while the scope was active.
     *
     * @return true once the timeout has fired
     */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /**
     * Exits the scope; Python's {@code Timeout.__aexit__}. If the deadline cancelled the task and
     * {@code pending} is that cancellation, the returned awaitable fails with a {@link TimeoutError}
     * whose cause is the cancellation; otherwise it produces false, and {@code pending} goes on.
     *
     * @param pending the exception leaving the block, or null
     * @return an awaitable producing false (a timeout never swallows), or failing with TimeoutError
     * @throws IllegalStateException if the scope was already exited
     */
    @Override
    public Coroutine<Boolean> aexit(Throwable pending) {
        return new Exit(this, pending);
    }

    /**
     * The work of {@link #aexit}, done inline (also used by {@code waitFor}).
     *
     * @return the exception to raise instead of {@code pending}, or null to let {@code pending} through
     */
    Throwable exit(Throwable pending) {
        if (state != State.ENTERED && state != State.EXPIRING) {
            throw new IllegalStateException("Timeout was already exited: " + this);
        }
        Handle h = handle;
        if (h != null) {
            h.cancel();
            handle = null;
        }
        Throwable replacement = null;
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            // Only our own cancellation becomes a TimeoutError: if someone else cancelled the task too,
            // the count stays above what it was on entry and the CancelledError goes on.
            if (task.uncancel() <= cancelling && pending instanceof CancelledError) {
                replacement = new TimeoutError("deadline " + when + " reached", pending);
            }
        } else {
            state = State.EXITED;
        }
        task = null;
        return replacement;
    }

    private void onTimeout() {
        handle = null;
        if (state != State.ENTERED) {
            return;
        }
        task.cancel();
        state = State.EXPIRING;
    }

    /**
     * Describes the timeout as Python does: {@code <Timeout [active] when=5.0>},
     * {@code <Timeout [expired]>}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        String info = "";
        if (state == State.ENTERED) {
            info = " when=" + (when == Double.POSITIVE_INFINITY ? "None" : String.valueOf(Math.round(when * 1000) / 1000.0));
        }
        return "<Timeout [" + state.text + "]" + info + ">";
    }

    /**
     * <pre>{@code
     * @Async Coroutine<Boolean> aexit(Throwable pending) {
     *     Throwable replacement = exit(pending);
     *     if (replacement != null) throw replacement;
     *     return done(false);
     * }}</pre>
     */
    private static final class Exit extends Coroutine<Boolean> {
        private Timeout timeout;
        private Throwable pending;

        Exit(Timeout timeout, Throwable pending) {
            this.timeout = timeout;
            this.pending = pending;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            Throwable replacement = timeout.exit(pending);
            timeout = null;
            pending = null;
            if (replacement != null) {
                throw replacement;
            }
            return complete(Boolean.FALSE);
        }

        @Override
        protected String name() {
            return "Timeout.aexit";
        }
    }
}
