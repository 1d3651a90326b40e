package dev.tulip;

/**
 * Raised by {@link Queue#getNowait()} when the queue is empty: Python's {@code asyncio.QueueEmpty}.
 * Unchecked, like every Python exception.
 */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception, without a message as in Python. */
    public QueueEmpty() {
        super();
    }

    /**
     * Creates the exception.
     *
     * @param message a description
     */
    public QueueEmpty(String message) {
        super(message);
    }
}
