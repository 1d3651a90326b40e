package dev.tulip.http;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;

import dev.tulip.Async;
import dev.tulip.AsyncCloseable;
import dev.tulip.AsyncFuture;
import dev.tulip.AsyncIterable;
import dev.tulip.AsyncIterator;
import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Flow;

/**
 * The response to a {@link ClientSession} request: aiohttp's {@code ClientResponse}. Its status and
 * headers have arrived; its body has not been read yet: read it whole with {@link #read()} or
 * {@link #text()}, or chunk by chunk with {@link #body()}, in a for-each of an {@code @Async} method:
 *
 * <pre>{@code
 * try (var resp = await(session.get(url))) {
 *     for (byte[] chunk : resp.body()) {   // each chunk is awaited; the next one is asked for only now
 *         await(file.write(chunk));
 *     }
 * }
 * }</pre>
 *
 * The body can be consumed once. Closing the response ({@link #aclose()}, what try-with-resources awaits)
 * aborts a body not read to its end, which releases the connection.
 */
public final class ClientResponse implements AsyncCloseable {
    private final HttpResponse<?> response;
    private final BodyChunks chunks;
    private boolean consumed;

    ClientResponse(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response, java.time.Duration readTimeout) {
        this.response = response;
        this.chunks = new BodyChunks(readTimeout);
        response.body().subscribe(chunks);
    }

    /**
     * The status code.
     *
     * @return e.g. 200
     */
    public int status() {
        return response.statusCode();
    }

    /**
     * The headers (names are case-insensitive).
     *
     * @return the headers
     */
    public HttpHeaders headers() {
        return response.headers();
    }

    /**
     * The first value of a header.
     *
     * @param name the header's name, in any case
     * @return its first value, or null when absent
     */
    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /**
     * The URL that answered, after redirects.
     *
     * @return the final URL
     */
    public URI url() {
        return response.uri();
    }

    /**
     * The protocol version the exchange used.
     *
     * @return HTTP_1_1 or HTTP_2
     */
    public HttpClient.Version version() {
        return response.version();
    }

    /**
     * Throws unless the status is below 400 (aiohttp's {@code raise_for_status}).
     *
     * @return this response
     * @throws HttpStatusError for a status of 400 or more
     */
    public ClientResponse raiseForStatus() {
        if (status() >= 400) {
            chunks.cancel();
            throw new HttpStatusError(status(), response.request().method() + " " + url());
        }
        return this;
    }

    /**
     * The body as chunks, each awaited by a for-each in an {@code @Async} method. The next chunk is
     * requested from the network only when the loop asks for it (back-pressure).
     *
     * @return the chunks (iterable once)
     * @throws IllegalStateException when the body was already consumed
     */
    public AsyncIterable<byte[]> body() {
        claim();
        return () -> chunks;
    }

    /**
     * Reads the whole body.
     *
     * @return a coroutine producing the bytes
     * @throws IllegalStateException when the body was already consumed
     */
    public Coroutine<byte[]> read() {
        claim();
        return ClientResponseAsync.readAll(chunks);
    }

    /**
     * Reads the whole body as text, in the charset of its {@code Content-Type} (UTF-8 when none is given).
     *
     * @return a coroutine producing the text
     * @throws IllegalStateException when the body was already consumed
     */
    public Coroutine<String> text() {
        claim();
        return ClientResponseAsync.readText(chunks, charset());
    }

    private void claim() {
        if (consumed) {
            throw new IllegalStateException("the body of this response was already consumed (body(), read() or text())");
        }
        consumed = true;
    }

    /**
     * The charset named by the {@code Content-Type} header.
     *
     * @return it, or UTF-8
     */
    public Charset charset() {
        String type = header("Content-Type");
        if (type != null) {
            for (String part : type.split(";")) {
                String p = part.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                    String name = p.substring(8).replace("\"", "").trim();
                    try {
                        return Charset.forName(name);
                    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                        return StandardCharsets.UTF_8;
                    }
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    @Async
    static Coroutine<byte[]> readAll(AsyncIterator<byte[]> it) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (await(it.hasNext())) {
            out.writeBytes(it.next());
        }
        return done(out.toByteArray());
    }

    @Async
    static Coroutine<String> readText(AsyncIterator<byte[]> it, Charset charset) {
        byte[] bytes = await(readAll(it));
        return done(new String(bytes, charset));
    }

    /** Drops the body: the JDK aborts the exchange unless it already ended. */
    void abandon() {
        chunks.cancel();
    }

    /**
     * Releases the response: a body not read to its end is aborted.
     *
     * @return a completed awaitable
     */
    @Override
    public Awaitable<Void> aclose() {
        chunks.cancel();
        AsyncFuture<Void> f = EventLoop.running().createFuture();
        f.setResult(null);
        return f;
    }

    @Override
    public String toString() {
        return "<ClientResponse(" + url() + ") [" + status() + "]>";
    }
}
