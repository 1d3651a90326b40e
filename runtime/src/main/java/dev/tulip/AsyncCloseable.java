package dev.tulip;

/**
 * A resource closed with an await: Python's asynchronous context manager ({@code async with}).
 *
 * <p>In an {@link Async @Async} method, a try-with-resources over an {@code AsyncCloseable} awaits
 * {@link #aclose()} when the block ends, in reverse order of the resources, keeping suppressed
 * exceptions exactly as Java's try-with-resources does:
 *
 * <pre>{@code
 * try (var conn = await(pool.connect())) {   // conn is an AsyncCloseable
 *     await(conn.send(request));
 * }                                          // await(conn.aclose()) runs here
 * }</pre>
 *
 * It extends {@link AutoCloseable} only so that javac accepts it in a try-with-resources; its
 * {@link #close()} must not be called directly.
 */
public interface AsyncCloseable extends AutoCloseable {
    /**
     * Closes the resource asynchronously.
     *
     * @return an awaitable that completes when the resource is closed
     */
    Awaitable<Void> aclose();

    /**
     * Not for direct use: an {@code AsyncCloseable} is closed by awaiting {@link #aclose()}, which
     * Tulip's processor does for try-with-resources in {@code @Async} methods.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    default void close() {
        throw new UnsupportedOperationException("An AsyncCloseable must be closed with await(aclose()): use it in a"
                + " try-with-resources inside an @Async method, where Tulip awaits aclose() for you");
    }
}
