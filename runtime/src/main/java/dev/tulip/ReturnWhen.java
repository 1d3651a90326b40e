package dev.tulip;

/**
 * When {@link Tulip#wait(java.util.Collection, double, ReturnWhen) wait(...)} returns: Python's
 * {@code asyncio.FIRST_COMPLETED}, {@code FIRST_EXCEPTION} and {@code ALL_COMPLETED}.
 */
public enum ReturnWhen {
    /** Return as soon as any awaitable finishes or is cancelled. */
    FIRST_COMPLETED,
    /**
     * Return as soon as any awaitable finishes by raising an exception (a cancellation does not count);
     * if none does, this is the same as {@link #ALL_COMPLETED}.
     */
    FIRST_EXCEPTION,
    /** Return when every awaitable has finished or was cancelled. */
    ALL_COMPLETED
}
