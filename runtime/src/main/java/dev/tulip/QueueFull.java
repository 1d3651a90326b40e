package dev.tulip;

/**
 * Raised by {@link Queue#putNowait} when the queue has {@link Queue#maxsize()} items: Python's
 * {@code asyncio.QueueFull}. Unchecked, like every Python exception.
 */
public class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception, without a message as in Python. */
    public QueueFull() {
        super();
    }

    /**
     * Creates the exception.
     *
     * @param message a description
     */
    public QueueFull(String message) {
        super(message);
    }
}
