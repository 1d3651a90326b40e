package dev.tulip;

/**
 * The iterator of an {@link AsyncIterable}: Python's {@code __anext__}, split Java-style into an
 * awaitable {@link #hasNext()} and a plain {@link #next()}.
 *
 * @param <T> the element type
 */
public interface AsyncIterator<T> {
    /**
     * Waits until the next element is available or the iteration is over.
     *
     * @return an awaitable producing true if {@link #next()} has an element
     */
    Awaitable<Boolean> hasNext();

    /**
     * The element that {@link #hasNext()} made available.
     *
     * @return the element
     * @throws java.util.NoSuchElementException if {@code hasNext()} did not produce true just before
     */
    T next();
}
