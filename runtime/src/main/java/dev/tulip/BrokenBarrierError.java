package dev.tulip;

/**
 * Raised by {@link Barrier#arriveAndWait()} when the barrier is broken or reset while a task waits, or
 * when a task arrives at a broken barrier: Python's {@code asyncio.BrokenBarrierError} (a
 * {@code RuntimeError}, hence an {@link IllegalStateException} here).
 */
public class BrokenBarrierError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the error without a message. */
    public BrokenBarrierError() {
        super();
    }

    /**
     * Creates the error.
     *
     * @param message what happened to the barrier
     */
    public BrokenBarrierError(String message) {
        super(message);
    }
}
