package dev.tulip;

import java.util.NoSuchElementException;

/**
 * Raised by the awaitables of {@link AsyncGenerator#anext()}, {@link AsyncGenerator#asend asend} and
 * {@link AsyncGenerator#athrow athrow} when the asynchronous generator has no further value: Python's
 * {@code StopAsyncIteration}. (An {@code async for} loop, compiled to {@code AsyncIterator.hasNext()},
 * sees {@code false} instead and never raises it.)
 *
 * <p>An asynchronous generator body that lets one escape raises an {@link IllegalStateException}
 * "async generator raised StopAsyncIteration" instead, as in Python.
 */
public class StopAsyncIteration extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public StopAsyncIteration() {
        super();
    }

    /**
     * Creates the exception with a message.
     *
     * @param message a description, or null
     */
    public StopAsyncIteration(String message) {
        super(message);
    }
}
