package dev.tulip.io;

import static dev.tulip.io.StreamsTest.b;
import static dev.tulip.io.StreamsTest.s;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.Tulip;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS streams: Tulip's client and server on the JDK's SSLEngine, with a certificate made by keytool. */
class TlsStreamsTest {
    private static TestCerts certs;
    private static SSLContext serverCtx;
    private static SSLContext clientCtx;

    @BeforeAll
    static void certificates() throws Exception {
        certs = TestCerts.get();
        serverCtx = certs.serverContext();
        clientCtx = certs.clientContext();
    }

    /** Echoes chunks until end of stream. */
    static Coroutine<Void> chunks(StreamReader r, StreamWriter w) {
        return Co.of((co, n, sent) -> {
            if (n % 2 == 0) {
                return r.read(1 << 16);
            }
            byte[] data = (byte[]) sent;
            if (data.length == 0) {
                return co.finish(null);
            }
            w.write(data);
            return w.drain();
        });
    }

    private static Throwable rootCause(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }

    static void awaitNoConnections(EventLoop loop, Server server) {
        for (int i = 0; i < 200 && server.connectionCount() > 0; i++) {
            loop.runUntilComplete(Tulip.sleep(0.01));
        }
        assertEquals(0, server.connectionCount(), "the server dropped the connection");
    }

    @Test
    void echoRoundTripByAddressAndByName() {
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer(Echo::lines, "127.0.0.1", 0, serverCtx));
            for (String host : new String[] {"127.0.0.1", "localhost"}) {
                Connection c = loop.runUntilComplete(Streams.openConnection(host, server.port(), clientCtx));
                assertEquals("TLSv1.3", c.writer().sslSession().getProtocol());
                c.writer().write(b("hello\nworld\n"));
                assertEquals("hello\n", s(loop.runUntilComplete(c.reader().readLine())));
                assertEquals("world\n", s(loop.runUntilComplete(c.reader().readLine())));
                c.writer().writeEof(); // close_notify: the echo handler ends, the server closes
                assertEquals("", s(loop.runUntilComplete(c.reader().readLine())));
                assertTrue(c.reader().atEof());
                assertNull(c.reader().exception());
                c.close();
                loop.runUntilComplete(c.writer().waitClosed());
            }
            awaitNoConnections(loop, server);
            server.close();
            loop.runUntilComplete(server.waitClosed());
        }
    }

    @Test
    void tls12EchoAndClose() throws Exception {
        SSLContext tls12 = certs.clientContext("TLSv1.2");
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer(Echo::lines, "127.0.0.1", 0, serverCtx));
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port(), tls12));
            assertEquals("TLSv1.2", c.writer().sslSession().getProtocol());
            c.writer().write(b("one\n"));
            assertEquals("one\n", s(loop.runUntilComplete(c.reader().readLine())));
            c.writer().writeEof();
            assertEquals("", s(loop.runUntilComplete(c.reader().readLine())));
            assertNull(c.reader().exception());
            loop.runUntilComplete(c.writer().waitClosed());
            awaitNoConnections(loop, server);
            server.close();
        }
    }

    @Test
    void severalMegabytesBothWaysWithBackPressure() {
        int total = 8 << 20;
        byte[] data = new byte[total];
        new Random(42).nextBytes(data);
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer(TlsStreamsTest::chunks, "127.0.0.1", 0, serverCtx));
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port(), clientCtx));
            AtomicLong maxQueued = new AtomicLong();
            int chunk = 64 * 1024;
            Task<Void> writer = loop.createTask(Co.<Void>of((co, n, sent) -> {
                maxQueued.accumulateAndGet(c.writer().writeBufferSize(), Math::max);
                int off = n * chunk;
                if (off >= total) {
                    c.writer().writeEof();
                    return co.finish(null);
                }
                c.writer().write(data, off, Math.min(chunk, total - off));
                return c.writer().drain();
            }));
            CRC32 crc = new CRC32();
            AtomicLong got = new AtomicLong();
            Task<Void> reader = loop.createTask(Co.<Void>of((co, n, sent) -> {
                if (n > 0) {
                    byte[] b = (byte[]) sent;
                    if (b.length == 0) {
                        return co.finish(null);
                    }
                    crc.update(b);
                    got.addAndGet(b.length);
                }
                return c.reader().read(1 << 20);
            }));
            loop.runUntilComplete(writer);
            loop.runUntilComplete(reader);
            assertEquals(total, got.get());
            CRC32 expected = new CRC32();
            expected.update(data);
            assertEquals(expected.getValue(), crc.getValue(), "the echo is the data");
            // write + drain keeps what is queued (ciphertext and backlog) near the high-water mark
            assertTrue(maxQueued.get() <= 64 * 1024 + 2 * chunk, "queued " + maxQueued.get());
            c.close();
            loop.runUntilComplete(c.writer().waitClosed());
            awaitNoConnections(loop, server);
            server.close();
        }
    }

    @Test
    void aSlowReaderParksTheWriterAndBoundsMemory() {
        try (EventLoop loop = new EventLoop()) {
            AtomicLong written = new AtomicLong();
            AtomicLong maxQueued = new AtomicLong();
            byte[] chunk = new byte[16 * 1024];
            Server server = loop.runUntilComplete(Streams.startServer((r, w) -> Co.of((co, n, sent) -> {
                maxQueued.accumulateAndGet(w.writeBufferSize(), Math::max);
                if (w.isClosing()) {
                    return co.finish(null);
                }
                w.write(chunk);
                written.addAndGet(chunk.length);
                return w.drain();
            }), "127.0.0.1", 0, serverCtx));
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port(), clientCtx));
            loop.runUntilComplete(Tulip.sleep(0.3));
            long after = written.get();
            loop.runUntilComplete(Tulip.sleep(0.2));
            assertEquals(after, written.get(), "the writer is parked in drain()");
            assertTrue(maxQueued.get() <= 64 * 1024 + chunk.length + 1024, "queued " + maxQueued.get());
            // the client stopped unwrapping once its reader held more than twice its limit
            assertTrue(c.reader().buffered() <= 2 * StreamReader.DEFAULT_LIMIT + (1 << 16) + (1 << 15),
                    "" + c.reader().buffered());
            for (int i = 0; i < 2000 && written.get() == after; i++) {
                loop.runUntilComplete(c.reader().read(1 << 20));
            }
            assertTrue(written.get() > after, "drain resumed once the client read");
            // aborting the server's side fails its handler's pending drain: "Connection lost"
            java.util.List<Throwable> reported = new java.util.ArrayList<>();
            loop.setExceptionHandler((l, message, e) -> reported.add(e));
            c.writer().abort();
            server.close();
            server.abortClients();
            loop.runUntilComplete(server.waitClosed());
            loop.runUntilComplete(Tulip.sleep(0.01));
            assertEquals(1, reported.size(), reported.toString());
            assertTrue(reported.get(0) instanceof java.io.IOException, reported.toString());
        }
    }

    @Test
    void readExactlyReadLineAndReadUntilAcrossRecords() {
        byte[] payload = new byte[100_000];
        new Random(7).nextBytes(payload);
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer((r, w) -> Co.of((co, n, sent) -> {
                if (n > 0) {
                    return co.finish(null);
                }
                for (byte x : b("HEAD")) {
                    w.write(new byte[] {x}); // one record per byte
                }
                w.write(ByteBuffer.allocate(4).putInt(payload.length).flip());
                w.write(payload);
                w.write(b("line one\nta"));
                w.write(b("il!"));
                return w.drain();
            }), "127.0.0.1", 0, serverCtx));
            Connection c = loop.runUntilComplete(Streams.openConnection("localhost", server.port(), clientCtx));
            assertEquals("HEAD", s(loop.runUntilComplete(c.reader().readExactly(4))));
            int len = ByteBuffer.wrap(loop.runUntilComplete(c.reader().readExactly(4))).getInt();
            assertArrayEquals(payload, loop.runUntilComplete(c.reader().readExactly(len)));
            assertEquals("line one\n", s(loop.runUntilComplete(c.reader().readLine())));
            assertEquals("tail!", s(loop.runUntilComplete(c.reader().readUntil(b("!")))));
            IncompleteReadError e = assertThrows(IncompleteReadError.class,
                    () -> loop.runUntilComplete(c.reader().readExactly(1)));
            assertEquals(0, e.partial().length, "a clean end of stream after the server's close_notify");
            c.close();
            server.close();
            loop.runUntilComplete(server.waitClosed());
        }
    }

    @Test
    void untrustedCertificateFailsTheHandshakeClearly() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer(Echo::lines, "127.0.0.1", 0, serverCtx));
            int port = server.port();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> loop.runUntilComplete(Streams.openConnection("127.0.0.1", port, SSLContext.getDefault())));
            assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
            assertTrue(e.getCause() instanceof SSLHandshakeException, "the engine's exception is the cause");
            assertTrue(e.getMessage().contains("PKIX") || rootCause(e).toString().contains("certification path"),
                    e.toString());
            awaitNoConnections(loop, server);
            // the server is fine afterwards
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", port, clientCtx));
            c.writer().write("ok\n");
            assertEquals("ok\n", s(loop.runUntilComplete(c.reader().readLine())));
            c.close();
            server.close();
            loop.runUntilComplete(server.waitClosed());
        }
    }

    @Test
    void wrongHostnameFailsUnlessTheCheckIsOff() {
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer(Echo::lines, "127.0.0.1", 0, serverCtx));
            int port = server.port();
            TlsOptions wrong = TlsOptions.of(clientCtx).serverHostname("wrong.example");
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> loop.runUntilComplete(Streams.openConnection("127.0.0.1", port, wrong)));
            assertTrue(e.getMessage().contains("wrong.example"), e.getMessage());
            assertTrue(rootCause(e) instanceof java.security.cert.CertificateException, rootCause(e).toString());
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", port, wrong.checkHostname(false)));
            c.writer().write("ok\n");
            assertEquals("ok\n", s(loop.runUntilComplete(c.reader().readLine())));
            c.close();
            awaitNoConnections(loop, server);
            server.close();
        }
    }

    @Test
    void closeNotifyEndsTheStreamAndWriteEofHalfCloses() {
        try (EventLoop loop = new EventLoop()) {
            // the handler reads a question until EOF (the client's close_notify), then answers
            Server server = loop.runUntilComplete(Streams.startServer((r, w) -> Co.of((co, n, sent) -> {
                if (n == 0) {
                    return r.read(-1);
                }
                w.write(b("answer to " + s((byte[]) sent)));
                return co.finish(null); // the server closes: close_notify
            }), "127.0.0.1", 0, serverCtx));
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port(), clientCtx));
            c.writer().write("question");
            c.writer().writeEof();
            assertTrue(c.writer().canWriteEof());
            assertThrows(IllegalStateException.class, () -> c.writer().write("more"));
            assertEquals("answer to question", s(loop.runUntilComplete(c.reader().read(-1))));
            assertTrue(c.reader().atEof());
            assertNull(c.reader().exception());
            loop.runUntilComplete(c.writer().waitClosed());
            awaitNoConnections(loop, server);
            server.close();
        }
    }

    @Test
    void peerClosingTcpWithoutCloseNotifyIsAPlainEof() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 5, java.net.InetAddress.getByName("127.0.0.1"));
                EventLoop loop = new EventLoop()) {
            Thread peer = new Thread(() -> {
                try (Socket plain = listener.accept()) {
                    SSLSocket tls = (SSLSocket) serverCtx.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
                    tls.setUseClientMode(false);
                    tls.startHandshake();
                    OutputStream out = tls.getOutputStream();
                    out.write(b("truncated"));
                    out.flush();
                    // closing the TCP socket under the TLS one: a FIN, no close_notify
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            peer.start();
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", listener.getLocalPort(), clientCtx));
            assertEquals("truncated", s(loop.runUntilComplete(c.reader().read(-1))), "asyncio: EOF, no error");
            assertNull(c.reader().exception());
            c.close();
            loop.runUntilComplete(c.writer().waitClosed());
            peer.join(5000);
        }
    }

    @Test
    void peerClosingDuringTheHandshakeFailsIt() {
        try (EventLoop loop = new EventLoop()) {
            Server plain = loop.runUntilComplete(Streams.startServer((r, w) -> Co.of((co, n, sent) -> co.finish(null)),
                    "127.0.0.1", 0));
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> loop.runUntilComplete(Streams.openConnection("127.0.0.1", plain.port(), clientCtx)));
            assertTrue(e.getMessage().contains("closed the connection during the TLS handshake")
                    || e.getMessage().contains("lost during the TLS handshake"), e.getMessage());
            plain.close();
        }
    }

    @Test
    void handshakeTimeoutOnBothSides() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            // a server that never answers the ClientHello
            Server silent = loop.runUntilComplete(Streams.startServer(
                    (r, w) -> Co.of((co, n, sent) -> n == 0 ? w.waitClosed() : co.finish(null)), "127.0.0.1", 0));
            TlsOptions quick = TlsOptions.of(clientCtx).handshakeTimeout(0.2);
            double t0 = loop.time();
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                    () -> loop.runUntilComplete(Streams.openConnection("127.0.0.1", silent.port(), quick)));
            assertTrue(e.getMessage().contains("taking longer than 0.2 seconds"), e.getMessage());
            assertTrue(loop.time() - t0 >= 0.19);
            // (a plain server's connection stays half-open after the client's abort: drop it)
            silent.close();
            silent.abortClients();
            loop.runUntilComplete(silent.waitClosed());
            // a TLS server and a client that never says hello
            Server tls = loop.runUntilComplete(Streams.startServer(Echo::lines, "127.0.0.1", 0,
                    TlsOptions.of(serverCtx).handshakeTimeout(0.2)));
            Connection mute = loop.runUntilComplete(Streams.openConnection("127.0.0.1", tls.port()));
            loop.runUntilComplete(Tulip.sleep(0.05));
            assertEquals(1, tls.connectionCount());
            byte[] rest = loop.runUntilComplete(mute.reader().read(-1)); // read(-1): up to the EOF
            assertTrue(rest.length == 0 || rest[0] == 21, "the server gave up: an alert record at most, then EOF");
            awaitNoConnections(loop, tls);
            mute.close();
            tls.close();
        }
    }

    @Test
    void cancellingReadsAndHandshakesLeaksNoDescriptor() throws Exception {
        cancelEverything(2); // warm up
        int before = StreamFaultsTest.openFds();
        java.util.Set<String> names = StreamFaultsTest.fdNames();
        cancelEverything(10);
        java.util.Set<String> after = StreamFaultsTest.fdNames();
        after.removeAll(names);
        assertEquals(before, StreamFaultsTest.openFds(), "descriptors before and after; new: " + after);
    }

    private void cancelEverything(int rounds) {
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer(Echo::lines, "127.0.0.1", 0, serverCtx));
            Server silent = loop.runUntilComplete(Streams.startServer(
                    (r, w) -> Co.of((co, n, sent) -> n == 0 ? w.waitClosed() : co.finish(null)), "127.0.0.1", 0));
            for (int i = 0; i < rounds; i++) {
                Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port(), clientCtx));
                Task<byte[]> read = loop.createTask(c.reader().readLine());
                loop.runUntilComplete(Tulip.sleep(0));
                read.cancel();
                assertThrows(CancelledError.class, () -> loop.runUntilComplete(read));
                c.writer().write("again\n");
                assertEquals("again\n", s(loop.runUntilComplete(c.reader().readLine())), "usable after a cancelled read");
                c.close();
                loop.runUntilComplete(c.writer().waitClosed());

                // cancelled in the middle of the handshake (the silent server never answers)
                Task<Connection> connecting = loop.createTask(Streams.openConnection("127.0.0.1", silent.port(), clientCtx));
                loop.runUntilComplete(Tulip.sleep(0.02));
                assertFalse(connecting.done(), "the handshake is pending");
                connecting.cancel();
                assertThrows(CancelledError.class, () -> loop.runUntilComplete(connecting));
            }
            awaitNoConnections(loop, server);
            silent.close();
            silent.abortClients();
            loop.runUntilComplete(silent.waitClosed());
            server.close();
            loop.runUntilComplete(server.waitClosed());
            loop.runUntilComplete(Tulip.sleep(0.01));
        }
    }

    @Test
    void tlsConnectionsOnALoopGroup() throws Exception {
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try (LoopGroup group = new LoopGroup(2); EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer(group, (r, w) -> {
                threads.add(Thread.currentThread().getName());
                return Echo.lines(r, w);
            }, "127.0.0.1", 0, TlsOptions.of(serverCtx)));
            java.util.List<Connection> cs = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port(), clientCtx));
                c.writer().write("m" + i + "\n");
                assertEquals("m" + i + "\n", s(loop.runUntilComplete(c.reader().readLine())));
                cs.add(c);
            }
            assertEquals(java.util.Set.of("tulip-loop-0", "tulip-loop-1"), threads);
            server.close();
            server.closeClients(); // close_notify from each worker loop
            loop.runUntilComplete(server.waitClosed());
            for (Connection c : cs) {
                assertEquals(0, loop.runUntilComplete(c.reader().read(1)).length, "closed by the worker loop");
                assertNull(c.reader().exception(), "a clean close_notify, not a truncation");
                c.close();
            }
        }
    }

    @Test
    void startTlsUpgradesAPlainConnectionOnBothSides() {
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer((r, w) -> Co.of((co, n, sent) -> {
                switch (n) {
                    case 0:
                        return r.readLine();
                    case 1:
                        if (!"STARTTLS\n".equals(s((byte[]) sent))) {
                            return co.finish(null);
                        }
                        w.write("GO\n");
                        return w.startTls(TlsOptions.of(serverCtx)); // the server's side: accepted here
                    case 2:
                        return Echo.lines(r, w);
                    default:
                        return co.finish(null);
                }
            }), "127.0.0.1", 0));
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port()));
            c.writer().write("STARTTLS\n");
            assertEquals("GO\n", s(loop.runUntilComplete(c.reader().readLine())));
            assertNull(c.writer().sslSession());
            loop.runUntilComplete(c.writer().startTls(TlsOptions.of(clientCtx).serverHostname("localhost")));
            assertEquals("TLSv1.3", c.writer().sslSession().getProtocol());
            c.writer().write("secret\n");
            assertEquals("secret\n", s(loop.runUntilComplete(c.reader().readLine())));
            assertThrows(IllegalStateException.class,
                    () -> loop.runUntilComplete(c.writer().startTls(TlsOptions.of(clientCtx))));
            c.writer().writeEof();
            assertEquals("", s(loop.runUntilComplete(c.reader().readLine())));
            assertNull(c.reader().exception());
            c.close();
            awaitNoConnections(loop, server);
            server.close();
            loop.runUntilComplete(server.waitClosed());
        }
    }

    @Test
    void startTlsWithAWrongNameFailsAndCloses() {
        try (EventLoop loop = new EventLoop()) {
            java.util.List<Throwable> reported = new java.util.ArrayList<>();
            loop.setExceptionHandler((l, message, x) -> reported.add(x));
            Server server = loop.runUntilComplete(Streams.startServer((r, w) -> Co.of((co, n, sent) ->
                    n == 0 ? w.startTls(TlsOptions.of(serverCtx)) : co.finish(null)), "127.0.0.1", 0));
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port()));
            SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> loop.runUntilComplete(
                    c.writer().startTls(TlsOptions.of(clientCtx).serverHostname("wrong.example"))));
            assertTrue(e.getMessage().contains("wrong.example"), e.getMessage());
            // waitClosed raises what the connection was lost with, as asyncio's wait_closed
            assertEquals(e, assertThrows(SSLHandshakeException.class, () -> loop.runUntilComplete(c.writer().waitClosed())));
            // the server's handler awaited its own startTls: it failed with the client's alert
            awaitNoConnections(loop, server);
            loop.runUntilComplete(Tulip.sleep(0.01));
            assertEquals(1, reported.size(), reported.toString());
            assertTrue(reported.get(0) instanceof javax.net.ssl.SSLException, reported.toString());
            server.close();
        }
    }

    @Test
    void plainServerStillPlain() {
        // the hooks TLS added to the socket transport leave a plain stream as it was
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer(Echo::lines, "127.0.0.1", 0));
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port()));
            assertNull(c.writer().sslSession());
            c.writer().write("x\n");
            assertEquals("x\n", s(loop.runUntilComplete(c.reader().readLine())));
            c.close();
            server.close();
            loop.runUntilComplete(server.waitClosed());
        }
    }
}
