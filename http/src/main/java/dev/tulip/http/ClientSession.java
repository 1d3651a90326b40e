package dev.tulip.http;

import dev.tulip.AsyncCloseable;
import dev.tulip.AsyncFuture;
import dev.tulip.Awaitable;
import dev.tulip.EventLoop;
import dev.tulip.TimeoutError;
import dev.tulip.Tulip;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;

/**
 * An HTTP client session: aiohttp's {@code ClientSession}, on the JDK's {@link HttpClient}.
 *
 * <pre>{@code
 * try (var session = new ClientSession()) {                  // async with aiohttp.ClientSession() as session:
 *     try (var resp = await(session.get(url))) {             //     async with session.get(url) as resp:
 *         if (resp.status() == 200) {
 *             byte[] body = await(resp.read());              //         await resp.read()
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Every method is called on the thread of a running Tulip loop and returns an awaitable completed on
 * that loop's thread: the JDK client runs the exchange on its own threads and each outcome is handed
 * back through {@link Tulip#wrapFuture}, which a virtual-time loop counts as pending outside work (its
 * clock does not jump ahead while a response is on its way). Cancelling the awaiting task cancels the
 * exchange ({@code CompletableFuture.cancel(true)}, which aborts the JDK's exchange and its connection).
 *
 * <p>The response's body is not read before it is asked for: {@link ClientResponse#body()} requests one
 * chunk from the JDK at a time, so a slow consumer slows the transfer instead of filling memory.
 * A response must be closed (try-with-resources in {@code @Async} code awaits {@link ClientResponse#aclose()})
 * or read to its end, so that its connection is released.
 */
public final class ClientSession implements AsyncCloseable {
    private static final System.Logger LOG = System.getLogger("dev.tulip.http");

    private final HttpClient client;
    private final Duration timeout;
    private final Duration readTimeout;
    private final Map<String, String> defaultHeaders;
    /** The exchanges in flight, cancelled by {@link #aclose()}. */
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** A session with the defaults: redirects followed (up to the JDK's 5), no timeouts. */
    public ClientSession() {
        this(builder());
    }

    private ClientSession(Builder b) {
        HttpClient.Builder cb = HttpClient.newBuilder()
                .followRedirects(b.followRedirects ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER);
        if (b.connectTimeout != null) {
            cb.connectTimeout(b.connectTimeout);
        }
        if (b.version != null) {
            cb.version(b.version);
        }
        this.client = cb.build();
        this.timeout = b.timeout;
        this.readTimeout = b.readTimeout;
        this.defaultHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
    }

    /**
     * A builder of sessions with options.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sends a GET request.
     *
     * @param url the absolute URL
     * @return the response, once its status and headers have arrived
     */
    public AsyncFuture<ClientResponse> get(String url) {
        return request("GET", url, Map.of(), null);
    }

    /**
     * Sends a POST request with a body.
     *
     * @param url the absolute URL
     * @param body the body (sent as it is)
     * @return the response, once its status and headers have arrived
     */
    public AsyncFuture<ClientResponse> post(String url, byte[] body) {
        return request("POST", url, Map.of(), body);
    }

    /**
     * Sends a POST request with a text body, encoded in UTF-8 ({@code text/plain; charset=utf-8} unless
     * the session's default headers say otherwise).
     *
     * @param url the absolute URL
     * @param body the text
     * @return the response, once its status and headers have arrived
     */
    public AsyncFuture<ClientResponse> post(String url, String body) {
        Map<String, String> headers = defaultHeaders.keySet().stream().anyMatch("content-type"::equalsIgnoreCase)
                ? Map.of() : Map.of("Content-Type", "text/plain; charset=utf-8");
        return request("POST", url, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends a request.
     *
     * @param method the method ({@code GET}, {@code PUT}, ...)
     * @param url the absolute URL ({@code http} or {@code https})
     * @param headers extra headers, over the session's defaults
     * @param body the body, or null for none
     * @return the response, once its status and headers have arrived; it fails with {@link TimeoutError}
     *     when the session's timeout passes first, and with the JDK's {@code IOException} (connection
     *     refused, unknown host, ...) when the exchange fails
     * @throws IllegalArgumentException for a malformed URL, or a header the JDK client sets itself
     * @throws IllegalStateException when the session is closed, or outside a running loop
     */
    public AsyncFuture<ClientResponse> request(String method, String url, Map<String, String> headers, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        if (closed) {
            throw new IllegalStateException("this ClientSession is closed: create a new one");
        }
        EventLoop loop = EventLoop.running();
        URI uri = URI.create(url);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        defaultHeaders.forEach(rb::setHeader);
        headers.forEach(rb::setHeader);
        if (timeout != null) {
            rb.timeout(timeout);
        }
        HttpRequest request = rb.build();
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> exchange =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofPublisher());
        inFlight.add(exchange);
        // A copy, so that the bridge's own cancel(false) does not reach the exchange: it is cancelled
        // below with cancel(true), the form that aborts the JDK's exchange.
        CompletableFuture<ClientResponse> copy = new CompletableFuture<>();
        exchange.whenComplete((response, error) -> {
            inFlight.remove(exchange);
            if (error != null) {
                copy.completeExceptionally(translate(unwrap(error), method, url));
            } else {
                copy.complete(new ClientResponse(response, readTimeout));
            }
        });
        AsyncFuture<ClientResponse> result = Tulip.wrapFuture(copy);
        result.addDoneCallback(f -> {
            if (f.cancelled()) {
                exchange.cancel(true);
                // a response that arrived meanwhile has no taker: release its connection
                copy.thenAccept(ClientResponse::abandon);
            }
        });
        LOG.log(System.Logger.Level.DEBUG, "{0} {1} on {2}", method, url, loop);
        return result;
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static Throwable translate(Throwable t, String method, String url) {
        if (t instanceof HttpTimeoutException) {
            return new TimeoutError(method + " " + url + ": " + t.getMessage(), t);
        }
        return t;
    }

    /**
     * Closes the session: exchanges still in flight are cancelled and no new request is accepted.
     * On JDK 21+ the underlying client is shut down too (on 17 its threads end when it is collected).
     *
     * @return a completed awaitable
     */
    @Override
    public Awaitable<Void> aclose() {
        closed = true;
        for (CompletableFuture<?> f : inFlight) {
            f.cancel(true);
        }
        try {
            // HttpClient.shutdownNow() exists from JDK 21; the build targets 17
            client.getClass().getMethod("shutdownNow").invoke(client);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.TRACE, "HttpClient.shutdownNow unavailable: {0}", e.toString());
        }
        AsyncFuture<Void> done = EventLoop.running().createFuture();
        done.setResult(null);
        return done;
    }

    /** Options of a {@link ClientSession}. */
    public static final class Builder {
        private boolean followRedirects = true;
        private Duration connectTimeout;
        private Duration timeout;
        private Duration readTimeout;
        private HttpClient.Version version;
        private final Map<String, String> headers = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Whether redirects (301, 302, 303, 307, 308) are followed, except from https to http; default true.
         *
         * @param follow true to follow them
         * @return this builder
         */
        public Builder followRedirects(boolean follow) {
            this.followRedirects = follow;
            return this;
        }

        /**
         * The longest wait for a connection to be established.
         *
         * @param t the timeout
         * @return this builder
         */
        public Builder connectTimeout(Duration t) {
            this.connectTimeout = t;
            return this;
        }

        /**
         * The longest wait for a response's status and headers, from the request's sending (aiohttp's
         * {@code sock_read} for the head); then {@link TimeoutError}.
         *
         * @param t the timeout
         * @return this builder
         */
        public Builder timeout(Duration t) {
            this.timeout = t;
            return this;
        }

        /**
         * The longest wait for each chunk of a response's body; then {@link TimeoutError} and the
         * exchange is aborted.
         *
         * @param t the timeout
         * @return this builder
         */
        public Builder readTimeout(Duration t) {
            this.readTimeout = t;
            return this;
        }

        /**
         * The HTTP version to ask for (default: HTTP/2 where the server agrees, else HTTP/1.1).
         *
         * @param v the version
         * @return this builder
         */
        public Builder version(HttpClient.Version v) {
            this.version = v;
            return this;
        }

        /**
         * A header sent with every request.
         *
         * @param name its name
         * @param value its value
         * @return this builder
         */
        public Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /**
         * Builds the session.
         *
         * @return a new session
         */
        public ClientSession build() {
            return new ClientSession(this);
        }
    }
}
