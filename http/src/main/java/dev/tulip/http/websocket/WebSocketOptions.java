package dev.tulip.http.websocket;

import java.time.Duration;

/**
 * The limits and timeouts of a WebSocket (the websockets library's defaults).
 *
 * @param maxMessageSize the largest message accepted, in bytes (else close 1009); default 1 MiB
 * @param maxQueue the most received messages waiting for {@code receive}; default 16
 * @param closeTimeout the longest wait for the peer's close frame; default 10 s
 */
public record WebSocketOptions(long maxMessageSize, int maxQueue, Duration closeTimeout) {
    /** 1 MiB, 16 messages, 10 s. */
    public static final WebSocketOptions DEFAULT = new WebSocketOptions(1024 * 1024, 16, Duration.ofSeconds(10));

    /**
     * The same options with another message limit.
     *
     * @param bytes the largest message
     * @return new options
     */
    public WebSocketOptions withMaxMessageSize(long bytes) {
        return new WebSocketOptions(bytes, maxQueue, closeTimeout);
    }

    /**
     * The same options with another close timeout.
     *
     * @param t the timeout
     * @return new options
     */
    public WebSocketOptions withCloseTimeout(Duration t) {
        return new WebSocketOptions(maxMessageSize, maxQueue, t);
    }
}
