package dev.tulip.http.server;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;

import dev.tulip.Async;
import dev.tulip.AsyncCloseable;
import dev.tulip.AsyncFuture;
import dev.tulip.Awaitable;
import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.TimeoutError;
import dev.tulip.Tulip;
import dev.tulip.http.net.StreamsTransport;
import dev.tulip.http.net.Transport;
import dev.tulip.http.websocket.Handshake;
import dev.tulip.http.websocket.WebSocket;
import dev.tulip.http.websocket.WebSocketOptions;
import dev.tulip.io.Server;
import dev.tulip.io.ConnectionHandler;
import dev.tulip.io.Streams;
import dev.tulip.io.TlsOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A small HTTP/1.1 server (aiohttp's {@code web.Application} and runner in one):
 *
 * <pre>{@code
 * HttpServer server = new HttpServer()
 *         .get("/", req -> HttpServer.respond(Response.html(PAGE)))
 *         .staticFiles("/files/", Path.of("public"))
 *         .websocket("/counter", ws -> CounterAsync.produce(ws));
 * try (var running = await(server.start("127.0.0.1", 8080))) {   // closed when the block ends
 *     await(running.serveForever());
 * }
 * }</pre>
 *
 * <p>Each connection is served by its own task: requests are parsed as they arrive, several per
 * connection (keep-alive), each answered before the next is read. Everything a client controls is
 * bounded ({@link Limits}): the request line (414), the header section (431), the body (413), the wait
 * for a request once started (408); a kept-alive connection idle longer than that is closed. Malformed
 * requests get 400, unknown paths 404, a known path with another method 405, a handler's exception 500;
 * after an error response the connection is closed. A WebSocket route answers a valid upgrade with 101
 * and hands the connection to its handler. {@link #start(String, int, TlsOptions)} serves HTTPS and
 * {@code wss://}.
 */
public final class HttpServer implements AsyncCloseable {
    private static final System.Logger LOG = System.getLogger("dev.tulip.http");
    private static final int READ_SIZE = 64 * 1024;

    /** What answers a request. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Answers a request.
         *
         * @param request the request, its body read
         * @return a coroutine producing the response
         */
        Coroutine<Response> handle(Request request);
    }

    /** What serves a WebSocket once the upgrade is done. */
    @FunctionalInterface
    public interface WebSocketHandler {
        /**
         * Serves a WebSocket; it is closed (1000) when the coroutine ends, if still open.
         *
         * @param ws the open WebSocket
         * @return the serving coroutine
         */
        Coroutine<Void> handle(WebSocket ws);
    }

    private final Map<String, Map<String, Handler>> routes = new LinkedHashMap<>();
    private final Map<String, Path> statics = new LinkedHashMap<>();
    private final Map<String, WebSocketHandler> websockets = new LinkedHashMap<>();
    private Limits limits = Limits.DEFAULT;
    private WebSocketOptions webSocketOptions = WebSocketOptions.DEFAULT;
    private Server listener;
    private AsyncFuture<Void> closed;

    /** A server with no routes yet. */
    public HttpServer() {
    }

    /**
     * A completed response, for handlers that need no await: {@code req -> respond(Response.text("hi"))}.
     *
     * @param response the response
     * @return a coroutine producing it
     */
    public static Coroutine<Response> respond(Response response) {
        return HttpServerAsync.immediately(response);
    }

    @Async
    static Coroutine<Response> immediately(Response response) {
        return done(response);
    }

    /**
     * Adds a route.
     *
     * @param method the method ({@code GET} also answers {@code HEAD})
     * @param path the exact path
     * @param handler what answers
     * @return this server
     */
    public HttpServer route(String method, String path, Handler handler) {
        routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Adds a GET route.
     *
     * @param path the exact path
     * @param handler what answers
     * @return this server
     */
    public HttpServer get(String path, Handler handler) {
        return route("GET", path, handler);
    }

    /**
     * Adds a POST route.
     *
     * @param path the exact path
     * @param handler what answers
     * @return this server
     */
    public HttpServer post(String path, Handler handler) {
        return route("POST", path, handler);
    }

    /**
     * Serves the files under a directory at a path prefix (GET and HEAD); paths that leave the directory
     * are refused (404), a directory serves its {@code index.html}.
     *
     * @param prefix the path prefix, ending in {@code /}
     * @param directory the directory
     * @return this server
     */
    public HttpServer staticFiles(String prefix, Path directory) {
        if (!prefix.endsWith("/")) {
            throw new IllegalArgumentException("a static prefix ends with '/': " + prefix);
        }
        statics.put(prefix, directory.toAbsolutePath().normalize());
        return this;
    }

    /**
     * Adds a WebSocket route.
     *
     * @param path the exact path
     * @param handler what serves each WebSocket
     * @return this server
     */
    public HttpServer websocket(String path, WebSocketHandler handler) {
        websockets.put(path, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Sets the limits.
     *
     * @param limits the limits
     * @return this server
     */
    public HttpServer limits(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        return this;
    }

    /**
     * Sets the WebSocket options.
     *
     * @param options the options
     * @return this server
     */
    public HttpServer webSocketOptions(WebSocketOptions options) {
        this.webSocketOptions = Objects.requireNonNull(options, "options");
        return this;
    }

    /**
     * Starts listening, on the running loop, on Tulip streams ({@code Streams.startServer}).
     *
     * @param host the address to bind
     * @param port the port, 0 for any free one
     * @return a coroutine producing this server, listening
     */
    public Coroutine<HttpServer> start(String host, int port) {
        if (listener != null) {
            throw new IllegalStateException("this server is already started");
        }
        return HttpServerAsync.listen(this, host, port, null);
    }

    /**
     * Starts listening for HTTPS (and {@code wss://} on the WebSocket routes): each connection runs the
     * TLS handshake first ({@code Streams.startServer} with TLS), then is served as over plain TCP. No
     * ALPN is offered, so clients speak HTTP/1.1 (the JDK's {@code HttpClient} falls back to it).
     *
     * @param host the address to bind
     * @param port the port, 0 for any free one
     * @param tls the TLS options: their context holds the server's key and certificate
     * @return a coroutine producing this server, listening
     */
    public Coroutine<HttpServer> start(String host, int port, TlsOptions tls) {
        Objects.requireNonNull(tls, "tls");
        if (listener != null) {
            throw new IllegalStateException("this server is already started");
        }
        return HttpServerAsync.listen(this, host, port, tls);
    }

    @Async
    static Coroutine<HttpServer> listen(HttpServer server, String host, int port, TlsOptions tls) {
        server.closed = Tulip.getRunningLoop().createFuture();
        ConnectionHandler serve = (r, w) -> serveStreams(server, new StreamsTransport(r, w));
        server.listener = await(tls == null ? Streams.startServer(serve, host, port)
                : Streams.startServer(serve, host, port, tls));
        return done(server);
    }

    @Async
    static Coroutine<Void> serveStreams(HttpServer server, Transport t) {
        try {
            await(serveConnection(server, t));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            if (!(e instanceof IOException)) {
                throw e;
            }
            // the peer went away (reset, broken pipe): its business, not a fault here
            LOG.log(System.Logger.Level.DEBUG, "connection " + t.remoteAddress() + ": " + e);
            t.abort();
        }
        return done();
    }

    /**
     * The port listened on.
     *
     * @return the port
     */
    public int port() {
        return listener().port();
    }

    /**
     * The connections being served.
     *
     * @return how many
     */
    public int connectionCount() {
        return listener().connectionCount();
    }

    private Server listener() {
        if (listener == null) {
            throw new IllegalStateException("the server is not started: call start(host, port)");
        }
        return listener;
    }

    /**
     * Waits until the server is closed (by {@link #close()} from another task).
     *
     * @return the waiting future
     */
    public Awaitable<Void> serveForever() {
        listener();
        return Tulip.shield(closed);
    }

    /** Stops listening and aborts every connection. */
    public void close() {
        if (listener != null) {
            listener.close();
            listener.abortClients();
            if (!closed.done()) {
                closed.setResult(null);
            }
        }
    }

    /**
     * Closes and waits until every connection has ended.
     *
     * @return the closing coroutine
     */
    @Override
    public Awaitable<Void> aclose() {
        close();
        return listener == null ? HttpServerAsync.nothing() : listener.waitClosed();
    }

    @Async
    static Coroutine<Void> nothing() {
        return done();
    }

    // ---- serving a connection ----

    @Async
    static Coroutine<Void> serveConnection(HttpServer server, Transport t) {
        RequestParser parser = new RequestParser(server.limits);
        double idle = server.limits.idleTimeout().toNanos() / 1e9;
        while (!t.isClosing()) {
            Request req;
            try {
                req = parser.next();
            } catch (HttpError e) {
                await(sendError(t, e.status(), e.getMessage()));
                return done();
            }
            if (req == null) {
                byte[] data;
                try {
                    // shielded: a timeout must not abort the transport before the 408 is written
                    data = await(Tulip.waitFor(Tulip.shield(t.read(READ_SIZE)), idle));
                } catch (TimeoutError e) {
                    if (parser.inRequest()) {
                        await(sendError(t, 408, "the request did not arrive within " + idle + " s"));
                    } else {
                        t.close();
                    }
                    return done();
                }
                if (data.length == 0) {
                    t.close();
                    return done();
                }
                parser.feed(data);
                continue;
            }
            // an upgrade goes to the WebSocket route; a plain GET too when no HTTP route has the path (426)
            if (req.isWebSocketUpgrade()
                    || (server.websockets.containsKey(req.path()) && !server.routes.containsKey(req.path()))) {
                await(upgrade(server, t, req, parser));
                return done();
            }
            Response resp;
            try {
                resp = await(server.dispatch(req));
            } catch (CancelledError e) {
                throw e;
            } catch (HttpError e) {
                await(sendError(t, e.status(), e.getMessage()));
                return done();
            } catch (Throwable e) {
                LOG.log(System.Logger.Level.WARNING, "the handler of " + req + " failed", e);
                await(sendError(t, 500, "Internal Server Error"));
                return done();
            }
            boolean keep = req.keepAlive();
            await(writeResponse(t, req, resp, keep));
            if (!keep) {
                t.close();
                return done();
            }
        }
        return done();
    }

    private Coroutine<Response> dispatch(Request req) {
        Map<String, Handler> byMethod = routes.get(req.path());
        if (byMethod != null) {
            Handler h = byMethod.get(req.method());
            if (h == null && req.method().equals("HEAD")) {
                h = byMethod.get("GET");
            }
            if (h == null) {
                return respond(Response.text(405, "405 Method Not Allowed\n")
                        .header("Allow", String.join(", ", byMethod.keySet())));
            }
            return h.handle(req);
        }
        for (Map.Entry<String, Path> s : statics.entrySet()) {
            if (req.path().startsWith(s.getKey())) {
                if (!req.method().equals("GET") && !req.method().equals("HEAD")) {
                    return respond(Response.text(405, "405 Method Not Allowed\n").header("Allow", "GET, HEAD"));
                }
                return HttpServerAsync.staticFile(s.getValue(), req.path().substring(s.getKey().length()));
            }
        }
        return respond(Response.text(404, "404 Not Found\n"));
    }

    @Async
    static Coroutine<Response> staticFile(Path root, String relative) {
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || relative.contains("\0")) {
            return done(Response.text(404, "404 Not Found\n"));
        }
        Path found = await(Tulip.toThread(() -> {
            Path f = Files.isDirectory(file) ? file.resolve("index.html") : file;
            return Files.isRegularFile(f) && Files.isReadable(f) ? f : null;
        }));
        if (found == null) {
            return done(Response.text(404, "404 Not Found\n"));
        }
        return done(Response.file(found));
    }

    @Async
    static Coroutine<Void> writeResponse(Transport t, Request req, Response resp, boolean keepAlive) {
        boolean head = req.method().equals("HEAD");
        long length;
        FileChannel file = null;
        if (resp.file() != null) {
            Path path = resp.file();
            file = await(Tulip.toThread(() -> FileChannel.open(path, StandardOpenOption.READ)));
            FileChannel opened = file;
            length = await(Tulip.toThread(opened::size));
        } else {
            length = resp.body().length;
        }
        try {
            t.write(head(resp, length, keepAlive));
            if (!head) {
                if (file == null) {
                    t.write(resp.body());
                } else {
                    long sent = 0;
                    while (sent < length) {
                        FileChannel f = file;
                        byte[] piece = await(Tulip.toThread(() -> readPiece(f)));
                        if (piece.length == 0) {
                            break; // the file shrank meanwhile: the connection will be closed
                        }
                        t.write(piece);
                        sent += piece.length;
                        await(t.drain());
                    }
                    if (sent < length) {
                        t.abort();
                    }
                }
            }
            await(t.drain());
        } finally {
            if (file != null) {
                FileChannel f = file;
                await(Tulip.toThread(() -> {
                    f.close();
                    return null;
                }));
            }
        }
        return done();
    }

    private static byte[] readPiece(FileChannel f) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(READ_SIZE);
        int n = f.read(b);
        return n <= 0 ? new byte[0] : java.util.Arrays.copyOf(b.array(), n);
    }

    private static byte[] head(Response resp, long length, boolean keepAlive) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("HTTP/1.1 ").append(resp.status()).append(' ').append(Response.reason(resp.status())).append("\r\n");
        for (Map.Entry<String, String> h : resp.headers().fields()) {
            if (h.getKey().equalsIgnoreCase("Content-Length") || h.getKey().equalsIgnoreCase("Connection")) {
                continue; // the server's own
            }
            sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        if (resp.status() != 204 && resp.status() != 304 && resp.status() >= 200) {
            sb.append("Content-Length: ").append(length).append("\r\n");
        }
        sb.append("Server: tulip\r\n");
        sb.append(keepAlive ? "" : "Connection: close\r\n");
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Async
    static Coroutine<Void> sendError(Transport t, int status, String message) {
        Response r = Response.text(status, status + " " + Response.reason(status) + ": " + message + "\n");
        try {
            t.write(head(r, r.body().length, false));
            t.write(r.body());
            await(t.drain());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not send {0}: {1}", status, e);
        }
        t.close();
        return done();
    }

    @Async
    static Coroutine<Void> upgrade(HttpServer server, Transport t, Request req, RequestParser parser) {
        WebSocketHandler handler = server.websockets.get(req.path());
        if (handler == null) {
            await(sendError(t, 404, "no WebSocket at " + req.path()));
            return done();
        }
        if (!req.isWebSocketUpgrade()) {
            Response r = Response.text(426, "426 Upgrade Required: this path speaks WebSocket\n")
                    .header("Upgrade", "websocket").header("Sec-WebSocket-Version", "13");
            await(writeResponse(t, req, r, false));
            t.close();
            return done();
        }
        if (!"13".equals(req.header("Sec-WebSocket-Version"))) {
            Response r = Response.text(426, "426 Upgrade Required: WebSocket version 13\n").header("Sec-WebSocket-Version", "13");
            await(writeResponse(t, req, r, false));
            t.close();
            return done();
        }
        String key = req.header("Sec-WebSocket-Key");
        if (!Handshake.isValidKey(key)) {
            await(sendError(t, 400, "a missing or malformed Sec-WebSocket-Key"));
            return done();
        }
        String answer = "HTTP/1.1 101 Switching Protocols\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + Handshake.acceptKey(key) + "\r\n"
                + "Server: tulip\r\n\r\n";
        t.write(answer.getBytes(StandardCharsets.ISO_8859_1));
        WebSocket ws = new WebSocket(t, false, parser.takeRemaining(), server.webSocketOptions);
        try {
            await(handler.handle(ws));
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, "the WebSocket handler of " + req.path() + " failed", e);
            if (ws.isOpen()) {
                await(ws.close(dev.tulip.http.websocket.CloseCodes.INTERNAL_ERROR, "handler failed"));
            }
        }
        if (ws.isOpen()) {
            await(ws.close(dev.tulip.http.websocket.CloseCodes.NORMAL, ""));
        }
        return done();
    }
}
