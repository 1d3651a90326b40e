package dev.tulip;

/**
 * Raised inside a task's coroutine when the task is cancelled, and by {@code result()} of a cancelled
 * future or task: Python's {@code asyncio.CancelledError}.
 *
 * <p>It extends {@link Error}, not {@link Exception}, on purpose: Python moved {@code CancelledError}
 * under {@code BaseException} so that a broad {@code except Exception} no longer swallows cancellation,
 * and Java's own {@code ThreadDeath} extended {@code Error} for the same reason. So a
 * {@code catch (Exception e)} around an await lets cancellation through, {@code finally} blocks still
 * run, and code that really wants to intercept cancellation says so with
 * {@code catch (CancelledError e)}. A coroutine that catches it and returns normally ends its task
 * normally (as the seeds' consumers do); rethrowing it (or letting it through) ends the task cancelled.
 */
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    /** Creates a cancellation error without a message. */
    public CancelledError() {
        super();
    }

    /**
     * Creates a cancellation error.
     *
     * @param message the message given to {@code cancel(msg)}, or {@code null}
     */
    public CancelledError(String message) {
        super(message);
    }

    /**
     * A cancellation raised by the runtime into a task (at its await, or from an awaited future). Its
     * stack trace would only show the event loop's frames, so it is not filled in (as kotlinx-coroutines
     * does for its cancellations), except in debug mode; a cancellation storm then costs no stack walks.
     */
    CancelledError(String message, boolean writableStackTrace) {
        super(message, null, true, writableStackTrace);
    }

    /** The runtime's cancellation with a message: stack trace only in debug mode. */
    static CancelledError raised(String message) {
        return new CancelledError(message, DebugTracking.enabled);
    }
}
