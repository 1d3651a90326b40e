package dev.tulip.http;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Tulip;
import dev.tulip.http.server.HttpServer;
import dev.tulip.http.server.Response;
import dev.tulip.http.websocket.Message;
import dev.tulip.http.websocket.WebSocket;
import dev.tulip.http.websocket.WebSocketClient;
import dev.tulip.http.websocket.WebSocketOptions;
import dev.tulip.io.TlsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTPS and {@code wss://}: Tulip's HTTP server on TLS streams against the JDK's {@code HttpClient} and
 * {@code java.net.http.WebSocket}, and Tulip's WebSocket client on {@code wss://}.
 */
class HttpsTest {
    private static SSLContext serverCtx;
    private static SSLContext clientCtx;

    @BeforeAll
    static void certificates() throws Exception {
        TestCerts certs = TestCerts.get();
        serverCtx = certs.serverContext();
        clientCtx = certs.clientContext();
    }

    @Async
    static Coroutine<Void> echo(WebSocket ws) {
        for (Message m : ws) {
            if (m.isText()) {
                await(ws.send("echo " + m.text()));
            } else {
                await(ws.send(m.bytes()));
            }
        }
        return done();
    }

    static HttpServer server() {
        return new HttpServer()
                .get("/hello", req -> HttpServer.respond(Response.text("hello over " + req.version())))
                .post("/echo", req -> HttpServer.respond(Response.bytes(200, req.body(), "application/octet-stream")))
                .websocket("/ws", ws -> HttpsTestAsync.echo(ws));
    }

    /** Runs {@code client} on a thread while the HTTPS server runs on the loop. */
    @Async
    static <T> Coroutine<T> withHttpsServer(Function<Integer, Callable<T>> client) {
        try (var running = await(server().start("127.0.0.1", 0, TlsOptions.of(serverCtx)))) {
            return done(await(Tulip.toThread(client.apply(running.port()))));
        }
    }

    @Test
    void jdkHttpClientAgainstTulipHttpsServer() {
        byte[] body = new byte[512 * 1024];
        new Random(1).nextBytes(body);
        List<Object> got = Tulip.run(HttpsTestAsync.withHttpsServer(port -> () -> {
            HttpClient client = HttpClient.newBuilder().sslContext(clientCtx).build(); // prefers HTTP/2: no ALPN, 1.1
            List<Object> out = new ArrayList<>();
            HttpResponse<String> hello = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/hello"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            out.add(hello.statusCode());
            out.add(hello.body());
            out.add(hello.version());
            for (int i = 0; i < 3; i++) { // kept alive across requests
                HttpResponse<byte[]> echoed = client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/echo"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
                out.add(echoed.body());
            }
            return out;
        }));
        assertEquals(200, got.get(0));
        assertEquals("hello over HTTP/1.1", got.get(1));
        assertEquals(HttpClient.Version.HTTP_1_1, got.get(2));
        for (int i = 3; i < 6; i++) {
            assertArrayEquals(body, (byte[]) got.get(i));
        }
    }

    @Test
    void jdkClientRefusesTheServerWithoutTheTrust() {
        Throwable e = assertThrows(Throwable.class, () -> Tulip.run(HttpsTestAsync.withHttpsServer(port -> () ->
                HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/hello"))
                        .build(), HttpResponse.BodyHandlers.ofString()))));
        Throwable c = e;
        while (c != null && !(c instanceof SSLHandshakeException)) {
            c = c.getCause();
        }
        assertTrue(c != null, "an SSLHandshakeException, got " + e);
    }

    /** A JDK WebSocket listener collecting whole text messages. */
    static final class Texts implements java.net.http.WebSocket.Listener {
        final List<String> got = java.util.Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final StringBuilder part = new StringBuilder();

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                got.add(part.toString());
                part.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(java.net.http.WebSocket ws, ByteBuffer data, boolean last) {
            got.add("binary " + data.remaining());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(java.net.http.WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }
    }

    @Test
    void jdkWebSocketAgainstTulipWss() {
        List<String> got = Tulip.run(HttpsTestAsync.withHttpsServer(port -> () -> {
            Texts t = new Texts();
            java.net.http.WebSocket ws = HttpClient.newBuilder().sslContext(clientCtx).build().newWebSocketBuilder()
                    .buildAsync(URI.create("wss://localhost:" + port + "/ws"), t).get(10, TimeUnit.SECONDS);
            ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
            ws.sendText("x".repeat(200_000), true).get(5, TimeUnit.SECONDS); // many TLS records
            ws.sendBinary(ByteBuffer.wrap(new byte[70_000]), true).get(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (t.got.size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            ws.sendClose(1000, "done").get(5, TimeUnit.SECONDS);
            List<String> out = new ArrayList<>();
            for (String s : t.got) {
                out.add(s.length() > 100 ? "text " + s.length() : s);
            }
            out.add("closed " + t.closed.get(5, TimeUnit.SECONDS));
            return out;
        }));
        // the JDK may deliver a large binary message in parts
        assertEquals("echo hello", got.get(0));
        assertEquals("text " + ("echo ".length() + 200_000), got.get(1));
        assertEquals("closed 1000", got.get(got.size() - 1));
    }

    @Async
    static Coroutine<List<String>> tulipWssClient() {
        List<String> got = new ArrayList<>();
        try (var running = await(server().start("127.0.0.1", 0, TlsOptions.of(serverCtx)))) {
            String url = "wss://localhost:" + running.port() + "/ws";
            try (WebSocket ws = await(WebSocketClient.connect(url, WebSocketOptions.DEFAULT, TlsOptions.of(clientCtx)))) {
                await(ws.send("one"));
                got.add(await(ws.receive()).text());
                await(ws.send(new byte[300_000]));
                got.add("binary " + await(ws.receive()).bytes().length);
            }
            try {
                await(WebSocketClient.connect(url)); // the JVM's default trust: not this certificate
                got.add("connected without trust?");
            } catch (WebSocketClient.HandshakeError e) {
                got.add("refused: " + (e.getCause() instanceof SSLHandshakeException));
            }
        }
        return done(got);
    }

    @Test
    void tulipWssClientAgainstTulipWssServer() {
        assertEquals(List.of("echo one", "binary 300000", "refused: true"), Tulip.run(HttpsTestAsync.tulipWssClient()));
    }
}
