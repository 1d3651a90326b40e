package dev.tulip.http;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.createTask;
import static dev.tulip.Tulip.done;
import static dev.tulip.Tulip.sleep;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.tulip.Async;
import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.Task;
import dev.tulip.TimeoutError;
import dev.tulip.Tulip;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the JDK's own HTTP server ({@code com.sun.net.httpserver}), a server nobody here
 * wrote, and against raw sockets for the faults.
 */
class ClientSessionTest {
    private HttpServer server;
    private String base;
    private final AtomicLong bigWritten = new AtomicLong();
    private final CountDownLatch bigDone = new CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hello", ex -> {
            byte[] b = "héllo".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
            ex.getResponseHeaders().add("X-Tulip", "yes");
            ex.sendResponseHeaders(200, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.createContext("/echo", ex -> {
            byte[] b = ex.getRequestBody().readAllBytes();
            String reply = ex.getRequestMethod() + " " + ex.getRequestHeaders().getFirst("X-Test") + " "
                    + new String(b, StandardCharsets.UTF_8);
            byte[] r = reply.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, r.length);
            ex.getResponseBody().write(r);
            ex.close();
        });
        server.createContext("/moved", ex -> {
            ex.getResponseHeaders().add("Location", "/hello");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/missing", ex -> {
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        server.createContext("/slow", ex -> {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.createContext("/big", ex -> {
            // 64 MiB, chunked: how far this gets shows whether the client pushes back
            ex.sendResponseHeaders(200, 0);
            byte[] block = new byte[64 * 1024];
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 1024; i++) {
                    out.write(block);
                    bigWritten.addAndGet(block.length);
                }
            } catch (IOException aborted) {
                // the client aborted: expected when it closes early
            } finally {
                bigDone.countDown();
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Async
    static Coroutine<List<String>> getHello(String url) {
        List<String> seen = new ArrayList<>();
        try (var session = new ClientSession()) {
            try (var resp = await(session.get(url))) {
                seen.add(String.valueOf(resp.status()));
                seen.add(resp.header("x-tulip"));
                seen.add(await(resp.text()));
                seen.add(resp.url().getPath());
            }
        }
        return done(seen);
    }

    @Test
    void getsStatusHeadersAndText() {
        assertEquals(List.of("200", "yes", "héllo", "/hello"), Tulip.run(ClientSessionTestAsync.getHello(base + "/hello")));
    }

    @Test
    void worksOnVirtualTime() {
        // the virtual clock waits for the exchange instead of jumping past it
        assertEquals(List.of("200", "yes", "héllo", "/hello"),
                Tulip.runVirtual(ClientSessionTestAsync.getHello(base + "/hello")));
    }

    @Test
    void followsRedirects() {
        assertEquals(List.of("200", "yes", "héllo", "/hello"), Tulip.run(ClientSessionTestAsync.getHello(base + "/moved")));
    }

    @Async
    static Coroutine<String> postEcho(String url) {
        try (var session = ClientSession.builder().header("X-Test", "t").build()) {
            try (var resp = await(session.post(url, "a body"))) {
                return done(await(resp.text()));
            }
        }
    }

    @Test
    void postsABodyWithHeaders() {
        assertEquals("POST t a body", Tulip.run(ClientSessionTestAsync.postEcho(base + "/echo")));
    }

    @Async
    static Coroutine<Integer> noRedirect(String url) {
        try (var session = ClientSession.builder().followRedirects(false).build()) {
            try (var resp = await(session.get(url))) {
                return done(resp.status());
            }
        }
    }

    @Test
    void redirectsCanBeLeftToTheCaller() {
        assertEquals(302, Tulip.run(ClientSessionTestAsync.noRedirect(base + "/moved")));
    }

    @Async
    static Coroutine<Integer> raise(String url) {
        try (var session = new ClientSession()) {
            try (var resp = await(session.get(url))) {
                resp.raiseForStatus();
                return done(resp.status());
            }
        }
    }

    @Test
    void raiseForStatus() {
        HttpStatusError e = assertThrows(HttpStatusError.class, () -> Tulip.run(ClientSessionTestAsync.raise(base + "/missing")));
        assertEquals(404, e.status());
    }

    @Async
    static Coroutine<Integer> timed(String url) {
        try (var session = ClientSession.builder().timeout(Duration.ofMillis(200)).build()) {
            try (var resp = await(session.get(url))) {
                return done(resp.status());
            }
        }
    }

    @Test
    void timeoutRaisesTimeoutError() {
        TimeoutError e = assertThrows(TimeoutError.class, () -> Tulip.run(ClientSessionTestAsync.timed(base + "/slow")));
        assertTrue(e.getMessage().contains("/slow"), e.getMessage());
    }

    @Test
    void connectionRefusedIsAClearException() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Throwable e = assertThrows(Throwable.class, () -> Tulip.run(ClientSessionTestAsync.timed("http://127.0.0.1:" + port + "/")));
        assertTrue(e instanceof ConnectException, e.toString());
    }

    @Async
    static Coroutine<long[]> readSlowly(String url) {
        long got = 0;
        int chunks = 0;
        try (var session = new ClientSession()) {
            try (var resp = await(session.get(url))) {
                for (byte[] chunk : resp.body()) {
                    got += chunk.length;
                    chunks++;
                    if (got >= 1024 * 1024) {
                        break;
                    }
                }
                await(sleep(0.5)); // the server must be held back meanwhile
            }
        }
        return done(new long[] {got, chunks});
    }

    @Test
    void bodyChunksHaveBackPressure() throws InterruptedException {
        long[] r = Tulip.run(ClientSessionTestAsync.readSlowly(base + "/big"));
        assertTrue(r[0] >= 1024 * 1024 && r[1] > 1, r[0] + " bytes in " + r[1] + " chunks");
        // the client read 1 MiB and paused: the server is held back by TCP, far from its 64 MiB
        long written = bigWritten.get();
        assertTrue(written < 16L * 1024 * 1024, "the server wrote " + written + " bytes to a client that read 1 MiB");
        // closing the response aborted the exchange: the server's write failed instead of finishing
        assertTrue(bigDone.await(5, TimeUnit.SECONDS));
        assertTrue(bigWritten.get() < 64L * 1024 * 1024);
    }

    @Async
    static Coroutine<Integer> readAllBig(String url) {
        try (var session = new ClientSession()) {
            try (var resp = await(session.get(url))) {
                return done(await(resp.read()).length);
            }
        }
    }

    @Test
    void readsALargeBodyWhole() {
        assertEquals(64 * 1024 * 1024, Tulip.run(ClientSessionTestAsync.readAllBig(base + "/big")));
    }

    @Async
    static Coroutine<String> cancelWhileWaiting(String url) {
        try (var session = new ClientSession()) {
            Task<ClientResponse> t = createTask(getOne(session, url));
            await(sleep(0.3));
            t.cancel();
            try {
                await(t);
                return done("not cancelled");
            } catch (CancelledError e) {
                return done("cancelled");
            }
        }
    }

    @Async
    static Coroutine<ClientResponse> getOne(ClientSession session, String url) {
        return done(await(session.get(url)));
    }

    @Test
    void cancellingTheTaskAbortsTheRequest() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            CountDownLatch closedByClient = new CountDownLatch(1);
            Thread peer = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    InputStream in = s.getInputStream();
                    // read the request, never answer, and wait for the client to give up
                    byte[] buf = new byte[4096];
                    while (in.read(buf) >= 0) {
                        // keep reading until EOF or reset
                    }
                    closedByClient.countDown();
                } catch (IOException reset) {
                    closedByClient.countDown();
                }
            });
            peer.setDaemon(true);
            peer.start();
            String url = "http://127.0.0.1:" + listener.getLocalPort() + "/never";
            assertEquals("cancelled", Tulip.run(ClientSessionTestAsync.cancelWhileWaiting(url)));
            assertTrue(closedByClient.await(5, TimeUnit.SECONDS), "the connection was not closed by the cancel");
        }
    }

    @Async
    static Coroutine<byte[]> readBytes(String url) {
        try (var session = ClientSession.builder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()) {
            try (var resp = await(session.request("PUT", url, java.util.Map.of("X-Test", "p"), new byte[] {1, 2}))) {
                return done(await(resp.read()));
            }
        }
    }

    @Test
    void requestWithAnyMethod() {
        assertArrayEquals("PUT p \u0001\u0002".getBytes(StandardCharsets.UTF_8), Tulip.run(ClientSessionTestAsync.readBytes(base + "/echo")));
    }
}
