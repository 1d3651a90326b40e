package dev.tulip.http.websocket;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;

import dev.tulip.Async;
import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.http.net.StreamsTransport;
import dev.tulip.http.net.Transport;
import dev.tulip.io.Connection;
import dev.tulip.io.Streams;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Opens client WebSockets: the websockets library's {@code connect}.
 *
 * <pre>{@code
 * try (WebSocket ws = await(WebSocketClient.connect("ws://localhost:8765/"))) {
 *     for (Message m : ws) {
 *         System.out.println(m.text());
 *     }
 * }
 * }</pre>
 */
public final class WebSocketClient {
    /** The largest handshake response accepted. */
    private static final int MAX_RESPONSE_HEAD = 16 * 1024;

    private WebSocketClient() {
    }

    /**
     * Connects and runs the opening handshake, with the default options.
     *
     * @param url a {@code ws://} URL
     * @return a coroutine producing the open WebSocket; it fails with {@link HandshakeError} when the
     *     server refuses the upgrade, and with the transport's {@code IOException} when it cannot connect
     */
    public static Coroutine<WebSocket> connect(String url) {
        return connect(url, WebSocketOptions.DEFAULT);
    }

    /**
     * Connects and runs the opening handshake.
     *
     * @param url a {@code ws://} URL ({@code wss://} needs TLS streams, not there yet); connected with {@code Streams.openConnection}
     * @param options limits and timeouts
     * @return a coroutine producing the open WebSocket
     */
    public static Coroutine<WebSocket> connect(String url, WebSocketOptions options) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws")) {
            throw new IllegalArgumentException("only ws:// URLs are supported (wss:// needs TLS): " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        return WebSocketClientAsync.open(uri, options);
    }

    @Async
    static Coroutine<WebSocket> open(URI uri, WebSocketOptions options) {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        Connection c = await(Streams.openConnection(uri.getHost(), port));
        Transport t = new StreamsTransport(c.reader(), c.writer());
        try {
            String key = Handshake.newKey();
            String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String host = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            String request = "GET " + path + " HTTP/1.1\r\n"
                    + "Host: " + host + "\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + "User-Agent: tulip-http\r\n\r\n";
            t.write(request.getBytes(StandardCharsets.US_ASCII));
            await(t.drain());
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int end = -1;
            while (end < 0) {
                byte[] data = await(t.read(4096));
                if (data.length == 0) {
                    throw new HandshakeError(0, "the server closed the connection during the handshake");
                }
                head.writeBytes(data);
                end = headEnd(head.toByteArray());
                if (end < 0 && head.size() > MAX_RESPONSE_HEAD) {
                    throw new HandshakeError(0, "a handshake response over " + MAX_RESPONSE_HEAD + " bytes");
                }
            }
            byte[] all = head.toByteArray();
            String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] status = lines[0].split(" ", 3);
            int code = status.length >= 2 && status[1].matches("\\d{3}") ? Integer.parseInt(status[1]) : 0;
            if (code != 101) {
                throw new HandshakeError(code, "the server did not switch protocols: " + lines[0]);
            }
            String accept = null;
            boolean upgrade = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim();
                String value = lines[i].substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Sec-WebSocket-Accept")) {
                    accept = value;
                } else if (name.equalsIgnoreCase("Upgrade")) {
                    upgrade = value.equalsIgnoreCase("websocket");
                }
            }
            if (!upgrade || !Handshake.acceptKey(key).equals(accept)) {
                throw new HandshakeError(101, "a handshake response without Upgrade: websocket and the right Sec-WebSocket-Accept");
            }
            return done(new WebSocket(t, true, Arrays.copyOfRange(all, end, all.length), options));
        } catch (CancelledError e) {
            t.abort();
            throw e;
        } catch (RuntimeException e) {
            t.abort();
            throw e;
        } catch (Exception e) {
            t.abort();
            throw new HandshakeError(0, "the handshake failed: " + e, e);
        }
    }

    private static int headEnd(byte[] b) {
        for (int i = 3; i < b.length; i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /** The server refused the opening handshake, or answered it wrongly. */
    public static class HandshakeError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        /**
         * Creates the error.
         *
         * @param status the HTTP status the server answered, or 0
         * @param message what went wrong
         */
        public HandshakeError(int status, String message) {
            super(message);
            this.status = status;
        }

        /**
         * Creates the error with a cause.
         *
         * @param status the HTTP status, or 0
         * @param message what went wrong
         * @param cause the cause
         */
        public HandshakeError(int status, String message, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        /**
         * The HTTP status of the server's answer.
         *
         * @return e.g. 404, or 0 when there was none
         */
        public int status() {
            return status;
        }
    }
}
