package dev.tulip.http.server;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Parses HTTP/1.1 requests (RFC 9112) from bytes as they arrive, in any split, several per connection
 * (keep-alive and pipelining: bytes past one request stay for the next). Everything a client sends is
 * bounded by {@link Limits} and checked before it is buffered further; what is wrong raises
 * {@link HttpError} with the status to answer. Refused as request smuggling vectors are: both
 * {@code Content-Length} and {@code Transfer-Encoding}, differing {@code Content-Length}s, a transfer
 * coding other than {@code chunked}, obsolete line folding and whitespace before a field's colon.
 */
public final class RequestParser {
    private enum State { HEAD, BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS }

    private final Limits limits;
    private byte[] buf = new byte[1024];
    private int pos;
    private int end;
    private State state = State.HEAD;
    // the request being parsed
    private String method;
    private String target;
    private String version;
    private Headers headers;
    private long remaining;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int trailerBytes;

    /**
     * A parser.
     *
     * @param limits the bounds
     */
    public RequestParser(Limits limits) {
        this.limits = limits;
    }

    /**
     * Feeds bytes.
     *
     * @param data what arrived
     * @param off where it starts
     * @param len how many bytes
     */
    public void feed(byte[] data, int off, int len) {
        if (buf.length - end < len) {
            int live = end - pos;
            byte[] b = live + len <= buf.length ? buf : new byte[Math.max(buf.length * 2, live + len)];
            System.arraycopy(buf, pos, b, 0, live);
            buf = b;
            pos = 0;
            end = live;
        }
        System.arraycopy(data, off, buf, end, len);
        end += len;
    }

    /**
     * Feeds bytes.
     *
     * @param data what arrived
     */
    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    /**
     * The next complete request from what was fed, if there is one.
     *
     * @return the request, or null until more bytes arrive
     * @throws HttpError when the request is malformed or over a limit
     */
    public Request next() {
        while (true) {
            switch (state) {
                case HEAD -> {
                    if (!parseHead()) {
                        return null;
                    }
                }
                case BODY -> {
                    int n = (int) Math.min(remaining, end - pos);
                    body.write(buf, pos, n);
                    pos += n;
                    remaining -= n;
                    if (remaining > 0) {
                        return null;
                    }
                    return finish();
                }
                case CHUNK_SIZE -> {
                    String line = line(1024, 400, "a chunk-size line over 1024 bytes");
                    if (line == null) {
                        return null;
                    }
                    int semi = line.indexOf(';');
                    String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
                    if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                        throw new HttpError(400, "a malformed chunk size: " + hex);
                    }
                    remaining = Long.parseLong(hex, 16);
                    if (body.size() + remaining > limits.maxBodyBytes()) {
                        throw new HttpError(413, "the body is over the limit of " + limits.maxBodyBytes() + " bytes");
                    }
                    state = remaining == 0 ? State.TRAILERS : State.CHUNK_DATA;
                }
                case CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, end - pos);
                    body.write(buf, pos, n);
                    pos += n;
                    remaining -= n;
                    if (remaining > 0) {
                        return null;
                    }
                    state = State.CHUNK_END;
                }
                case CHUNK_END -> {
                    String line = line(2, 400, "a chunk not followed by CRLF");
                    if (line == null) {
                        return null;
                    }
                    if (!line.isEmpty()) {
                        throw new HttpError(400, "a chunk not followed by CRLF");
                    }
                    state = State.CHUNK_SIZE;
                }
                case TRAILERS -> {
                    String line = line(limits.maxHeaderBytes(), 431, "trailers over the header limit");
                    if (line == null) {
                        return null;
                    }
                    trailerBytes += line.length() + 2;
                    if (trailerBytes > limits.maxHeaderBytes()) {
                        throw new HttpError(431, "trailers over the header limit");
                    }
                    if (line.isEmpty()) {
                        return finish();
                    }
                }
            }
        }
    }

    /**
     * Whether some bytes of a request not yet complete are held (an idle timeout then answers 408;
     * between requests it closes silently).
     *
     * @return true when a request has started
     */
    public boolean inRequest() {
        return state != State.HEAD || end > pos;
    }

    /**
     * Takes the bytes fed past the last request (after a WebSocket upgrade, the first frames).
     *
     * @return the bytes
     */
    public byte[] takeRemaining() {
        byte[] rest = Arrays.copyOfRange(buf, pos, end);
        pos = end;
        return rest;
    }

    /** A line ending in CRLF (or a bare LF), or null when incomplete; too long raises. */
    private String line(int max, int status, String tooLong) {
        for (int i = pos; i < end; i++) {
            if (buf[i] == '\n') {
                int stop = i > pos && buf[i - 1] == '\r' ? i - 1 : i;
                if (stop - pos > max) {
                    throw new HttpError(status, tooLong);
                }
                String s = new String(buf, pos, stop - pos, StandardCharsets.ISO_8859_1);
                pos = i + 1;
                return s;
            }
        }
        if (end - pos > max) {
            throw new HttpError(status, tooLong);
        }
        return null;
    }

    private boolean parseHead() {
        // skip the empty lines a client may send between requests (RFC 9112 §2.2)
        while (end - pos >= 1 && (buf[pos] == '\r' || buf[pos] == '\n')) {
            if (buf[pos] == '\r' && (end - pos < 2)) {
                return false;
            }
            pos += buf[pos] == '\r' && buf[pos + 1] == '\n' ? 2 : 1;
        }
        int headEnd = findHeadEnd();
        if (headEnd < 0) {
            int firstLine = indexOf((byte) '\n', pos, end);
            if (firstLine < 0 && end - pos > limits.maxRequestLine()) {
                throw new HttpError(414, "the request line is over " + limits.maxRequestLine() + " bytes");
            }
            if (end - pos > limits.maxHeaderBytes()) {
                throw new HttpError(431, "the header section is over " + limits.maxHeaderBytes() + " bytes");
            }
            return false;
        }
        if (headEnd - pos > limits.maxHeaderBytes()) {
            throw new HttpError(431, "the header section is over " + limits.maxHeaderBytes() + " bytes");
        }
        String head = new String(buf, pos, headEnd - pos, StandardCharsets.ISO_8859_1);
        pos = headEnd;
        List<String> lines = Arrays.asList(head.split("\r?\n", -1));
        parseRequestLine(lines.get(0));
        headers = new Headers();
        int count = 0;
        for (String l : lines.subList(1, lines.size())) {
            if (l.isEmpty()) {
                continue;
            }
            if (++count > limits.maxHeaderCount()) {
                throw new HttpError(431, "more than " + limits.maxHeaderCount() + " header fields");
            }
            if (l.charAt(0) == ' ' || l.charAt(0) == '\t') {
                throw new HttpError(400, "obsolete line folding in the header section");
            }
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw new HttpError(400, "a header line without a name and a colon: " + abbreviate(l));
            }
            String name = l.substring(0, colon);
            if (!isToken(name)) {
                throw new HttpError(400, "a malformed header name: " + abbreviate(name));
            }
            String value = l.substring(colon + 1).strip();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == 0 || c == '\r' || c == '\n') {
                    throw new HttpError(400, "a control character in header " + name);
                }
            }
            headers.add(name, value);
        }
        if (version.equals("HTTP/1.1") && headers.all("Host").size() != 1) {
            throw new HttpError(400, "an HTTP/1.1 request needs exactly one Host header");
        }
        List<String> te = headers.all("Transfer-Encoding");
        List<String> cl = headers.all("Content-Length");
        body.reset();
        trailerBytes = 0;
        if (!te.isEmpty()) {
            if (!cl.isEmpty()) {
                throw new HttpError(400, "both Content-Length and Transfer-Encoding");
            }
            if (te.size() != 1 || !te.get(0).equalsIgnoreCase("chunked")) {
                throw new HttpError(501, "the only transfer coding supported is chunked, not " + String.join(", ", te));
            }
            state = State.CHUNK_SIZE;
            return true;
        }
        long length = 0;
        if (!cl.isEmpty()) {
            String v = cl.get(0);
            for (String other : cl) {
                if (!other.equals(v)) {
                    throw new HttpError(400, "differing Content-Length headers");
                }
            }
            if (v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new HttpError(400, "a malformed Content-Length: " + abbreviate(v));
            }
            length = Long.parseLong(v);
            if (length > limits.maxBodyBytes()) {
                throw new HttpError(413, "a body of " + length + " bytes, over the limit of " + limits.maxBodyBytes());
            }
        }
        remaining = length;
        state = State.BODY;
        return true;
    }

    private void parseRequestLine(String line) {
        if (line.length() > limits.maxRequestLine()) {
            throw new HttpError(414, "the request line is over " + limits.maxRequestLine() + " bytes");
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new HttpError(400, "a malformed request line: " + abbreviate(line));
        }
        if (!isToken(parts[0])) {
            throw new HttpError(400, "a malformed method: " + abbreviate(parts[0]));
        }
        if (!parts[2].matches("HTTP/\\d\\.\\d")) {
            throw new HttpError(400, "a malformed HTTP version: " + abbreviate(parts[2]));
        }
        if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
            throw new HttpError(505, parts[2] + " is not supported: HTTP/1.1 or HTTP/1.0");
        }
        for (int i = 0; i < parts[1].length(); i++) {
            char c = parts[1].charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                throw new HttpError(400, "a request target with a control or non-ASCII character");
            }
        }
        method = parts[0];
        target = parts[1];
        version = parts[2];
    }

    private Request finish() {
        String path = target;
        String query = "";
        int q = target.indexOf('?');
        if (q >= 0) {
            path = target.substring(0, q);
            query = target.substring(q + 1);
        }
        int hash = path.indexOf('#');
        if (hash >= 0) {
            path = path.substring(0, hash);
        }
        if (path.startsWith("http://") || path.startsWith("https://")) {
            // absolute form (RFC 9112 §3.2.2): keep the path
            int slash = path.indexOf('/', path.indexOf("//") + 2);
            path = slash < 0 ? "/" : path.substring(slash);
        }
        if (!path.startsWith("/") && !(method.equals("OPTIONS") && path.equals("*"))) {
            throw new HttpError(400, "a request target that is not a path: " + abbreviate(target));
        }
        String decoded;
        try {
            decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "a malformed percent-encoding in " + abbreviate(path));
        }
        Request r = new Request(method, target, decoded, query, version, headers, body.toByteArray());
        state = State.HEAD;
        method = null;
        target = null;
        headers = null;
        body.reset();
        if (pos == end) {
            pos = 0;
            end = 0;
        }
        return r;
    }

    private int findHeadEnd() {
        for (int i = pos; i < end; i++) {
            if (buf[i] == '\n') {
                if (i + 1 < end && buf[i + 1] == '\n') {
                    return i + 2;
                }
                if (i + 2 < end && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c > 0x20 && c < 0x7F && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0)) {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }
}
