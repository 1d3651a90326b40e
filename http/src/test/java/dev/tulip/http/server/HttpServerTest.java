package dev.tulip.http.server;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Tulip;
import dev.tulip.http.ClientSession;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server against the JDK's HttpClient (a client nobody here wrote), Tulip's own ClientSession, and
 * raw sockets for the malformed requests and the limits.
 */
class HttpServerTest {
    @TempDir
    Path dir;

    static HttpServer app(Path dir) {
        return new HttpServer()
                .get("/hello", req -> HttpServer.respond(Response.text("hello " + req.query())))
                .post("/echo", req -> HttpServer.respond(Response.bytes(200, req.body(), "application/octet-stream")))
                .get("/boom", req -> {
                    throw new IllegalStateException("boom");
                })
                .get("/slow", req -> HttpServerTestAsync.slow())
                .staticFiles("/files/", dir)
                .limits(Limits.DEFAULT.withMaxBodyBytes(1000).withIdleTimeout(Duration.ofMillis(500)));
    }

    @Async
    static Coroutine<Response> slow() {
        await(Tulip.sleep(0.05));
        return done(Response.text("slow"));
    }

    /** Runs blocking client code on a thread while the server runs on the loop. */
    @Async
    static <T> Coroutine<T> withServer(HttpServer server, java.util.function.Function<Integer, Callable<T>> client) {
        try (var running = await(server.start("127.0.0.1", 0))) {
            int port = running.port();
            return done(await(Tulip.toThread(client.apply(port))));
        }
    }

    static <T> T run(HttpServer server, java.util.function.Function<Integer, Callable<T>> client) {
        return Tulip.run(HttpServerTestAsync.withServer(server, client));
    }

    @Test
    void answersTheJdkClientOnOneKeptAliveConnection() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "file content");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/index.html"), "<p>index</p>");
        List<String> got = run(app(dir), port -> () -> {
            HttpClient c = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + port;
            List<String> r = new ArrayList<>();
            for (String path : List.of("/hello?x=1", "/files/a.txt", "/files/sub/", "/files/../../etc/passwd",
                    "/nope", "/boom", "/slow")) {
                HttpResponse<String> resp = c.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                r.add(resp.statusCode() + " " + resp.body().strip() + " " + resp.headers().firstValue("content-type").orElse("-"));
            }
            HttpResponse<String> post = c.send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                    .POST(HttpRequest.BodyPublishers.ofString("posted")).build(), HttpResponse.BodyHandlers.ofString());
            r.add(post.statusCode() + " " + post.body());
            HttpResponse<String> wrong = c.send(HttpRequest.newBuilder(URI.create(base + "/hello"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            r.add(wrong.statusCode() + " " + wrong.headers().firstValue("allow").orElse("-"));
            return r;
        });
        assertEquals(List.of(
                "200 hello x=1 text/plain; charset=utf-8",
                "200 file content text/plain; charset=utf-8",
                "200 <p>index</p> text/html; charset=utf-8",
                "404 404 Not Found text/plain; charset=utf-8",
                "404 404 Not Found text/plain; charset=utf-8",
                "500 500 Internal Server Error: Internal Server Error text/plain; charset=utf-8",
                "200 slow text/plain; charset=utf-8",
                "200 posted",
                "405 GET"), got);
    }

    @Async
    static Coroutine<String> bigFileWithTulipClient(Path dir) {
        try (var server = await(app(dir).start("127.0.0.1", 0))) {
            try (var session = new ClientSession()) {
                try (var resp = await(session.get("http://127.0.0.1:" + server.port() + "/files/big.bin"))) {
                    long n = 0;
                    for (byte[] chunk : resp.body()) {
                        n += chunk.length;
                    }
                    return done(resp.status() + " " + n + " " + resp.header("content-type"));
                }
            }
        }
    }

    @Test
    void streamsALargeFileToTulipsClient() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        new java.util.Random(1).nextBytes(big);
        Files.write(dir.resolve("big.bin"), big);
        assertEquals("200 " + big.length + " application/octet-stream", Tulip.run(HttpServerTestAsync.bigFileWithTulipClient(dir)));
    }

    /** Sends raw bytes, returns everything the server answered until it closed. */
    static String raw(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    static String statusLine(String answer) {
        int eol = answer.indexOf("\r\n");
        return eol < 0 ? answer : answer.substring(0, eol);
    }

    @Test
    void malformedAndOversizedRequestsGetTheirStatusAndTheConnectionCloses() throws Exception {
        List<String> got = run(app(dir), port -> () -> {
            List<String> r = new ArrayList<>();
            r.add(statusLine(raw(port, "NONSENSE\r\n\r\n")));
            r.add(statusLine(raw(port, "GET / HTTP/1.1\r\n\r\n")));
            r.add(statusLine(raw(port, "POST /echo HTTP/1.1\r\nHost: h\r\nContent-Length: 5000\r\n\r\n")));
            r.add(statusLine(raw(port, "GET /" + "a".repeat(9000) + " HTTP/1.1\r\n\r\n")));
            r.add(statusLine(raw(port, "GET / HTTP/1.1\r\nHost: h\r\nX: " + "a".repeat(40000) + "\r\n\r\n")));
            r.add(statusLine(raw(port, "GET / HTTP/3.0\r\nHost: h\r\n\r\n")));
            r.add(statusLine(raw(port, "POST /echo HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: br\r\n\r\n")));
            // started, never finished: 408 after the idle timeout
            r.add(statusLine(raw(port, "GET /hello HTTP/1.1\r\nHost: h\r\n")));
            // idle between requests: closed silently
            r.add("[" + raw(port, "") + "]");
            // keep-alive then close: two answers on one connection
            String two = raw(port, "GET /hello HTTP/1.1\r\nHost: h\r\n\r\nGET /hello?2 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
            r.add(String.valueOf(two.split("HTTP/1.1 200 OK").length - 1) + " " + two.contains("Connection: close"));
            return r;
        });
        assertEquals(List.of(
                "HTTP/1.1 400 Bad Request",
                "HTTP/1.1 400 Bad Request",
                "HTTP/1.1 413 Content Too Large",
                "HTTP/1.1 414 URI Too Long",
                "HTTP/1.1 431 Request Header Fields Too Large",
                "HTTP/1.1 505 HTTP Version Not Supported",
                "HTTP/1.1 501 Not Implemented",
                "HTTP/1.1 408 Request Timeout",
                "[]",
                "2 true"), got);
    }
}
