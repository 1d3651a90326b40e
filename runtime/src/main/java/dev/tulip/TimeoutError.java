package dev.tulip;

/**
 * Raised when an operation exceeds its deadline: by {@link Tulip#waitFor waitFor}, by a
 * {@link Tulip#timeout timeout} scope, and by {@code asCompleted} with a timeout. Python's
 * {@code TimeoutError}.
 *
 * <p>Unchecked, so that it can be caught around an {@code await(...)} call.
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates a timeout error without a message. */
    public TimeoutError() {
        super();
    }

    /**
     * Creates a timeout error.
     *
     * @param message what timed out
     */
    public TimeoutError(String message) {
        super(message);
    }

    /**
     * Creates a timeout error caused by the cancellation it converts.
     *
     * @param message what timed out
     * @param cause the cancellation that the deadline triggered
     */
    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
