package dev.tulip.http.net;

import dev.tulip.Awaitable;
import java.net.SocketAddress;

/**
 * A bidirectional byte stream as the HTTP server and WebSocket use it: asyncio's transport with the
 * stream's {@code drain()}. Every method is called on the loop's thread.
 */
public interface Transport {
    /**
     * Reads what is available, up to {@code max} bytes, waiting for at least one.
     *
     * @param max the most bytes to return
     * @return the bytes; an empty array at end of stream
     */
    Awaitable<byte[]> read(int max);

    /**
     * Queues bytes for sending; never blocks. Await {@link #drain()} to respect flow control.
     *
     * @param data the bytes (not copied: do not modify them afterwards)
     * @throws java.io.UncheckedIOException when the transport is closed or a previous write failed
     */
    void write(byte[] data);

    /**
     * Waits until the queued bytes are down to the low-water mark (asyncio's {@code drain}); a peer that
     * does not read makes this wait, so memory stays bounded.
     *
     * @return an awaitable that fails with the write's {@code IOException} when sending failed
     */
    Awaitable<Void> drain();

    /** Sends what is queued, then closes (asyncio's {@code close}). Idempotent. */
    void close();

    /** Closes now, dropping what is queued (asyncio's {@code abort}). Idempotent. */
    void abort();

    /**
     * Whether {@link #close()} or {@link #abort()} was called, or the connection failed.
     *
     * @return true once closing
     */
    boolean isClosing();

    /**
     * The peer's address.
     *
     * @return the address, or null when unknown
     */
    SocketAddress remoteAddress();
}
