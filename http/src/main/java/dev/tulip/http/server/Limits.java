package dev.tulip.http.server;

import java.time.Duration;

/**
 * What a client may make the server hold: every one bounded, each with its error response.
 *
 * @param maxRequestLine the longest request line, in bytes (else 414)
 * @param maxHeaderBytes the largest header section, request line included (else 431)
 * @param maxHeaderCount the most header fields (else 431)
 * @param maxBodyBytes the largest request body (else 413)
 * @param idleTimeout how long a kept-alive connection may wait for its next request (then it is closed);
 *     also the longest wait for the rest of a request once it started (then 408)
 */
public record Limits(int maxRequestLine, int maxHeaderBytes, int maxHeaderCount, long maxBodyBytes,
        Duration idleTimeout) {
    /** aiohttp's and nginx's figures: 8 KiB line, 32 KiB of headers, 100 fields, 1 MiB body, 75 s idle. */
    public static final Limits DEFAULT = new Limits(8190, 32 * 1024, 100, 1024 * 1024, Duration.ofSeconds(75));

    /**
     * The same limits with another body size.
     *
     * @param bytes the largest request body
     * @return new limits
     */
    public Limits withMaxBodyBytes(long bytes) {
        return new Limits(maxRequestLine, maxHeaderBytes, maxHeaderCount, bytes, idleTimeout);
    }

    /**
     * The same limits with another idle timeout.
     *
     * @param t the timeout
     * @return new limits
     */
    public Limits withIdleTimeout(Duration t) {
        return new Limits(maxRequestLine, maxHeaderBytes, maxHeaderCount, maxBodyBytes, t);
    }

    /**
     * The same limits with another header size.
     *
     * @param bytes the largest header section
     * @return new limits
     */
    public Limits withMaxHeaderBytes(int bytes) {
        return new Limits(maxRequestLine, bytes, maxHeaderCount, maxBodyBytes, idleTimeout);
    }
}
