package dev.tulip.io;

/**
 * {@link StreamReader#readUntil} (or {@link StreamReader#readLine}) did not find its separator within the
 * reader's buffer limit; Python's {@code asyncio.LimitOverrunError}. The data stays in the reader for
 * {@code readUntil}; {@code readLine} discards it (see there).
 */
public final class LimitOverrunError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int consumed;

    /**
     * Creates the error.
     *
     * @param message what happened
     * @param consumed how many bytes could be consumed before the separator (or how far it was looked for)
     */
    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /**
     * How many bytes could be consumed: the offset where the separator starts, or how far it was looked for.
     *
     * @return the count
     */
    public int consumed() {
        return consumed;
    }
}
