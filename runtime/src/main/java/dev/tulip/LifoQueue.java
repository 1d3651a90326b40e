package dev.tulip;

/**
 * A {@link Queue} that returns the most recently added item first: Python's
 * {@code asyncio.LifoQueue}.
 *
 * @param <T> the type of the items
 */
public final class LifoQueue<T> extends Queue<T> {
    /** Creates an unbounded LIFO queue; Python's {@code LifoQueue()}. */
    public LifoQueue() {
        this(0);
    }

    /**
     * Creates a LIFO queue; Python's {@code LifoQueue(maxsize)}.
     *
     * @param maxsize the most items the queue holds; 0 or less for no limit
     */
    public LifoQueue(int maxsize) {
        super(maxsize, true);
    }

    @Override
    T takeItem() {
        return unmask(items.pollLast());
    }
}
