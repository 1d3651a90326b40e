package dev.tulip.io;

/**
 * The stream ended before {@link StreamReader#readExactly} got its bytes or {@link StreamReader#readUntil}
 * found its separator; Python's {@code asyncio.IncompleteReadError}. The bytes read before the end are
 * in {@link #partial()} (they are no longer in the reader).
 */
public final class IncompleteReadError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient byte[] partial;
    private final int expected;

    /**
     * Creates the error.
     *
     * @param partial what was read before the end of the stream
     * @param expected how many bytes were wanted, or -1 when the read was for a separator
     */
    public IncompleteReadError(byte[] partial, int expected) {
        super(partial.length + " bytes read on a total of " + (expected < 0 ? "undefined" : String.valueOf(expected))
                + " expected bytes");
        this.partial = partial;
        this.expected = expected;
    }

    /**
     * The bytes read before the end of the stream.
     *
     * @return the partial data (not copied)
     */
    public byte[] partial() {
        return partial;
    }

    /**
     * How many bytes the read wanted.
     *
     * @return the expected count, or -1 for a read up to a separator
     */
    public int expected() {
        return expected;
    }
}
