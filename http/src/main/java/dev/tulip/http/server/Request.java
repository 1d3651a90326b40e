package dev.tulip.http.server;

import java.nio.charset.StandardCharsets;

/**
 * A parsed HTTP request.
 *
 * @param method the method, e.g. {@code GET}
 * @param target the request target as sent, e.g. {@code /a/b?x=1}
 * @param path the target's path, percent-decoded
 * @param query the target's query (after {@code ?}), or an empty string
 * @param version {@code HTTP/1.1} or {@code HTTP/1.0}
 * @param headers the header fields
 * @param body the body (empty when none)
 */
public record Request(String method, String target, String path, String query, String version, Headers headers,
        byte[] body) {
    /**
     * Whether the connection stays open after the response (HTTP/1.1 unless {@code Connection: close};
     * HTTP/1.0 only with {@code Connection: keep-alive}).
     *
     * @return true to keep it
     */
    public boolean keepAlive() {
        if (headers.hasToken("Connection", "close")) {
            return false;
        }
        return version.equals("HTTP/1.1") || headers.hasToken("Connection", "keep-alive");
    }

    /**
     * Whether this asks for a WebSocket upgrade (RFC 6455 §4.2.1).
     *
     * @return true for a GET with {@code Upgrade: websocket} and {@code Connection: Upgrade}
     */
    public boolean isWebSocketUpgrade() {
        return method.equals("GET") && headers.hasToken("Upgrade", "websocket") && headers.hasToken("Connection", "upgrade");
    }

    /**
     * A header's first value.
     *
     * @param name its name, in any case
     * @return the value, or null
     */
    public String header(String name) {
        return headers.get(name);
    }

    /**
     * The body as UTF-8 text.
     *
     * @return the text
     */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + target + " " + version;
    }
}
