package dev.tulip.http.server;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/** An HTTP response to send: status, headers, and a body of bytes or a file streamed from disk. */
public final class Response {
    private final int status;
    private final Headers headers = new Headers();
    private final byte[] body;
    private final Path file;

    private Response(int status, byte[] body, Path file, String contentType) {
        this.status = status;
        this.body = body;
        this.file = file;
        if (contentType != null) {
            headers.set("Content-Type", contentType);
        }
    }

    /**
     * A text response, {@code text/plain; charset=utf-8}.
     *
     * @param status the status
     * @param text the body
     * @return the response
     */
    public static Response text(int status, String text) {
        return new Response(status, text.getBytes(StandardCharsets.UTF_8), null, "text/plain; charset=utf-8");
    }

    /**
     * A 200 text response.
     *
     * @param text the body
     * @return the response
     */
    public static Response text(String text) {
        return text(200, text);
    }

    /**
     * A 200 HTML response, {@code text/html; charset=utf-8}.
     *
     * @param html the page
     * @return the response
     */
    public static Response html(String html) {
        return new Response(200, html.getBytes(StandardCharsets.UTF_8), null, "text/html; charset=utf-8");
    }

    /**
     * A response of bytes.
     *
     * @param status the status
     * @param body the body (not copied)
     * @param contentType its media type
     * @return the response
     */
    public static Response bytes(int status, byte[] body, String contentType) {
        return new Response(status, Objects.requireNonNull(body, "body"), null, contentType);
    }

    /**
     * A 200 response with a file's content, streamed from disk in 64 KiB pieces read off the loop
     * (with flow control between pieces), its media type guessed from its name.
     *
     * @param file the file
     * @return the response
     */
    public static Response file(Path file) {
        return new Response(200, null, Objects.requireNonNull(file, "file"), MediaTypes.guess(file.getFileName().toString()));
    }

    /**
     * An empty response.
     *
     * @param status the status
     * @return the response
     */
    public static Response status(int status) {
        return new Response(status, new byte[0], null, null);
    }

    /**
     * Sets a header.
     *
     * @param name its name
     * @param value its value
     * @return this response
     */
    public Response header(String name, String value) {
        headers.set(name, value);
        return this;
    }

    /**
     * The status.
     *
     * @return e.g. 200
     */
    public int status() {
        return status;
    }

    /**
     * The headers.
     *
     * @return the headers
     */
    public Headers headers() {
        return headers;
    }

    /**
     * The body, when it is bytes.
     *
     * @return the bytes, or null for a file
     */
    public byte[] body() {
        return body;
    }

    /**
     * The file, when the body is one.
     *
     * @return the file, or null
     */
    public Path file() {
        return file;
    }

    /**
     * The reason phrase of a status (RFC 9110).
     *
     * @param status the status
     * @return e.g. "Not Found"
     */
    public static String reason(int status) {
        return switch (status) {
            case 101 -> "Switching Protocols";
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 304 -> "Not Modified";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 426 -> "Upgrade Required";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }
}
