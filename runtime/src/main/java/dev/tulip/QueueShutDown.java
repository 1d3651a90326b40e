package dev.tulip;

/**
 * Raised by putting into a queue that was {@link Queue#shutdown() shut down}, and by getting from one
 * that is shut down and empty: Python 3.13's {@code asyncio.QueueShutDown}. Unchecked.
 */
public class QueueShutDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception, without a message as in Python. */
    public QueueShutDown() {
        super();
    }

    /**
     * Creates the exception.
     *
     * @param message a description
     */
    public QueueShutDown(String message) {
        super(message);
    }
}
