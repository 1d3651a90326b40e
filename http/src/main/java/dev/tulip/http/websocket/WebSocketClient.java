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
import dev.tulip.io.TlsOptions;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import javax.net.ssl.SSLException;

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
     * @param url a {@code ws://} or {@code wss://} URL
     * @return a coroutine producing the open WebSocket; it fails with {@link HandshakeError} when the
     *     server refuses the upgrade, and with the transport's {@code IOException} when it cannot connect
     */
    public static Coroutine<WebSocket> connect(String url) {
        return connect(url, WebSocketOptions.DEFAULT);
    }

    /**
     * Connects and runs the opening handshake.
     *
     * @param url a {@code ws://} or {@code wss://} URL (TLS with the JVM's default context); connected with
     *     {@code Streams.openConnection}
     * @param options limits and timeouts
     * @return a coroutine producing the open WebSocket
     */
    public static Coroutine<WebSocket> connect(String url, WebSocketOptions options) {
        return connect(url, options, null);
    }

    /**
     * Connects to a {@code ws://} or {@code wss://} URL and runs the opening handshake; a {@code wss://}
     * connection runs TLS first, with {@code tls} (the JVM's default context when null: the JDK's trusted
     * CAs), checking that the certificate names the URL's host. A failed TLS handshake fails the coroutine
     * with a {@link HandshakeError} whose cause is the {@code SSLHandshakeException}.
     *
     * @param url a {@code ws://} or {@code wss://} URL
     * @param options limits and timeouts
     * @param tls the TLS options for {@code wss://}, or null for the default; ignored for {@code ws://}
     * @return a coroutine producing the open WebSocket
     */
    public static Coroutine<WebSocket> connect(String url, WebSocketOptions options, TlsOptions tls) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("only ws:// and wss:// URLs are supported: " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("no host in " + url);
        }
        TlsOptions secure = scheme.equals("wss") ? (tls != null ? tls : TlsOptions.ofDefault()) : null;
        return WebSocketClientAsync.open(uri, options, secure);
    }

    @Async
    static Coroutine<WebSocket> open(URI uri, WebSocketOptions options, TlsOptions tls) {
        int port = uri.getPort() >= 0 ? uri.getPort() : tls != null ? 443 : 80;
        // a host in brackets ([::1]) is connected to without them
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        Connection c;
        if (tls == null) {
            c = await(Streams.openConnection(host, port));
        } else {
            try {
                c = await(Streams.openConnection(host, port, tls));
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof SSLException) {
                    throw new HandshakeError(0, "the TLS handshake with " + host + ":" + port + " failed: "
                            + e.getMessage(), e);
                }
                throw e;
            }
        }
        Transport t = new StreamsTransport(c.reader(), c.writer());
        try {
            String key = Handshake.newKey();
            String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            String hostHeader = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            String request = "GET " + path + " HTTP/1.1\r\n"
                    + "Host: " + hostHeader + "\r\n"
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
