package dev.tulip;

/**
 * A {@link Semaphore} that refuses to be released more times than it was acquired: Python's
 * {@code asyncio.BoundedSemaphore}. Catches permits released twice, a classic bug.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /** Creates a bounded semaphore with one permit; Python's {@code BoundedSemaphore()}. */
    public BoundedSemaphore() {
        this(1);
    }

    /**
     * Creates a bounded semaphore; Python's {@code BoundedSemaphore(value)}.
     *
     * @param value the initial (and maximum) number of permits
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Releases a permit.
     *
     * @throws IllegalStateException if this would raise the counter above its initial value (Python's
     *     {@code ValueError: BoundedSemaphore released too many times})
     */
    @Override
    public void release() {
        if (value() >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
