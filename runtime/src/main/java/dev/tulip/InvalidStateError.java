package dev.tulip;

/**
 * Raised when an operation is not allowed in the current state of a future or task, for example
 * asking for the result of a future that is not done, or setting the result of one that is: Python's
 * {@code asyncio.InvalidStateError}.
 */
public class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what was attempted and in which state
     */
    public InvalidStateError(String message) {
        super(message);
    }
}
