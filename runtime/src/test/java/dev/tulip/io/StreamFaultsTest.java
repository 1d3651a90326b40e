package dev.tulip.io;

import static dev.tulip.io.StreamsTest.b;
import static dev.tulip.io.StreamsTest.s;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.AsyncFuture;
import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.Tulip;
import java.io.File;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StreamFaultsTest {
    static java.util.Set<String> fdNames() {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (File f : new File("/proc/self/fd").listFiles()) {
            try {
                out.add(f.getName() + "->" + java.nio.file.Files.readSymbolicLink(f.toPath()));
            } catch (java.io.IOException e) {
                // closed while listing
            }
        }
        return out;
    }

    static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    @Test
    void halfCloseLetsThePeerAnswerAfterOurEof() {
        try (EventLoop loop = new EventLoop()) {
            // The server reads everything to EOF, then answers with the byte count.
            Server server = loop.runUntilComplete(Streams.startServer((r, w) -> Co.of((co, n, sent) -> {
                if (n == 0) {
                    return r.read(-1);
                }
                if (n == 1) {
                    w.write("got " + ((byte[]) sent).length + "\n");
                    return w.drain();
                }
                return co.finish(null);
            }), "127.0.0.1", 0));
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port()));
            c.writer().write(b("12345"));
            c.writer().writeEof();
            assertThrows(IllegalStateException.class, () -> c.writer().write(b("x")));
            assertEquals("got 5\n", s(loop.runUntilComplete(c.reader().readLine())));
            assertEquals(0, loop.runUntilComplete(c.reader().read(10)).length);
            loop.runUntilComplete(c.writer().waitClosed()); // both directions done: the socket closes
            server.close();
            loop.runUntilComplete(server.waitClosed());
        }
    }

    @Test
    void peerResetFailsThePendingRead() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            List<StreamReader> readers = new ArrayList<>();
            AsyncFuture<Void> accepted = loop.createFuture();
            Server server = loop.runUntilComplete(Streams.startServer((r, w) -> {
                readers.add(r);
                accepted.setResult(null);
                return Co.of((co, n, sent) -> n == 0 ? r.readExactly(100) : co.finish(null));
            }, "127.0.0.1", 0));
            SocketChannel raw = SocketChannel.open(new InetSocketAddress("127.0.0.1", server.port()));
            loop.runUntilComplete(accepted);
            raw.write(java.nio.ByteBuffer.wrap(b("partial")));
            raw.setOption(StandardSocketOptions.SO_LINGER, 0);
            raw.close(); // RST
            loop.runUntilComplete(closeAndWait(loop, server));
            Throwable e = readers.get(0).exception();
            assertTrue(e instanceof SocketException, String.valueOf(e));
        }
    }

    /** Closes the server and waits until its connections are gone. */
    private static Coroutine<Void> closeAndWait(EventLoop loop, Server server) {
        server.close();
        return server.waitClosed();
    }

    @Test
    void closingAServerLeavesLiveConnectionsUntilCloseClients() {
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer(Echo::lines, "127.0.0.1", 0));
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port()));
            c.writer().write("a\n");
            assertEquals("a\n", s(loop.runUntilComplete(c.reader().readLine())));
            server.close();
            assertFalse(server.isServing());
            Task<Void> waiting = loop.createTask(server.waitClosed());
            c.writer().write("b\n");
            assertEquals("b\n", s(loop.runUntilComplete(c.reader().readLine())), "the live connection still works");
            assertFalse(waiting.done());
            assertEquals(1, server.connectionCount());
            server.closeClients();
            loop.runUntilComplete(waiting);
            assertEquals(0, loop.runUntilComplete(c.reader().read(1)).length, "the client sees EOF");
            c.close();
        }
    }

    @Test
    void serveForeverEndsByCancellationAndClosesTheServer() {
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer(Echo::lines, "127.0.0.1", 0));
            Task<Void> serving = loop.createTask(server.serveForever());
            loop.runUntilComplete(Tulip.sleep(0.001));
            serving.cancel();
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(serving));
            assertFalse(server.isServing());
        }
    }

    @Test
    void slowReaderMakesDrainWaitAndMemoryStaysBounded() {
        try (EventLoop loop = new EventLoop()) {
            AtomicLong written = new AtomicLong();
            AtomicLong maxQueued = new AtomicLong();
            byte[] chunk = new byte[16 * 1024];
            Server server = loop.runUntilComplete(Streams.startServer((r, w) -> Co.of((co, n, sent) -> {
                // write + drain forever; the client never reads
                maxQueued.accumulateAndGet(w.writeBufferSize(), Math::max);
                if (w.isClosing()) {
                    return co.finish(null);
                }
                w.write(chunk);
                written.addAndGet(chunk.length);
                return w.drain();
            }), "127.0.0.1", 0));
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port()));
            loop.runUntilComplete(Tulip.sleep(0.3));
            long after = written.get();
            loop.runUntilComplete(Tulip.sleep(0.2));
            assertEquals(after, written.get(), "the writer is parked in drain()");
            assertTrue(maxQueued.get() <= 64 * 1024 + chunk.length, "queued " + maxQueued.get());
            // what the client's side buffered is bounded by its limit too (reading paused at 2*limit)
            assertTrue(c.reader().buffered() <= 2 * StreamReader.DEFAULT_LIMIT + (1 << 16), "" + c.reader().buffered());
            // the client reads it all: the writer resumes
            for (int i = 0; i < 2000 && written.get() == after; i++) {
                loop.runUntilComplete(c.reader().read(1 << 20));
            }
            assertTrue(written.get() > after, "drain resumed");
            c.writer().abort();
            server.close();
            server.abortClients();
            loop.runUntilComplete(server.waitClosed());
        }
    }

    @Test
    void cancellingConnectReadAndDrainLeaksNoDescriptor() throws Exception {
        cancelEverything(2); // warm up: the JDK opens some descriptors once, on first use of a feature
        int before = openFds();
        java.util.Set<String> names = fdNames();
        cancelEverything(20);
        java.util.Set<String> after = fdNames();
        after.removeAll(names);
        assertEquals(before, openFds(), "descriptors before and after; new: " + after);
    }

    private void cancelEverything(int rounds) throws java.io.IOException {
        try (EventLoop loop = new EventLoop()) {
            // A listener whose accept queue is full drops SYNs: a connect to it stays pending.
            try (ServerSocketChannel full = ServerSocketChannel.open()) {
                full.bind(new InetSocketAddress("127.0.0.1", 0), 1);
                List<SocketChannel> fillers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    SocketChannel f = SocketChannel.open();
                    f.configureBlocking(false);
                    f.connect(full.getLocalAddress());
                    fillers.add(f);
                }
                Task<Connection> connecting = loop.createTask(Streams.openConnection("127.0.0.1",
                        ((InetSocketAddress) full.getLocalAddress()).getPort()));
                loop.runUntilComplete(Tulip.sleep(0.05));
                assertFalse(connecting.done(), "the connect is pending");
                connecting.cancel();
                assertThrows(CancelledError.class, () -> loop.runUntilComplete(connecting));
                for (SocketChannel f : fillers) {
                    f.close();
                }
            }
            Server server = loop.runUntilComplete(Streams.startServer(Echo::lines, "127.0.0.1", 0));
            // a server that never reads: what the client writes piles up and drain() waits
            Server silent = loop.runUntilComplete(Streams.startServer(
                    (r, w) -> Co.of((co, n, sent) -> n == 0 ? w.waitClosed() : co.finish(null)), "127.0.0.1", 0));
            for (int i = 0; i < rounds; i++) {
                Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port()));
                Task<byte[]> read = loop.createTask(c.reader().readLine());
                loop.runUntilComplete(Tulip.sleep(0));
                read.cancel();
                assertThrows(CancelledError.class, () -> loop.runUntilComplete(read));
                c.writer().write("again\n");
                assertEquals("again\n", s(loop.runUntilComplete(c.reader().readLine())), "usable after a cancelled read");
                c.close();
                loop.runUntilComplete(c.writer().waitClosed());

                Connection d = loop.runUntilComplete(Streams.openConnection("127.0.0.1", silent.port()));
                d.writer().write(new byte[8 << 20]);
                Task<Void> drain = loop.createTask(d.writer().drain());
                loop.runUntilComplete(Tulip.sleep(0));
                assertFalse(drain.done(), "drain waits: the peer does not read");
                drain.cancel();
                assertThrows(CancelledError.class, () -> loop.runUntilComplete(drain));
                assertFalse(d.writer().isClosing(), "a cancelled drain leaves the writer usable");
                d.writer().abort();
                loop.runUntilComplete(d.writer().waitClosed());
            }
            silent.close();
            silent.abortClients();
            loop.runUntilComplete(silent.waitClosed());
            server.close();
            loop.runUntilComplete(server.waitClosed());
            loop.runUntilComplete(Tulip.sleep(0.01)); // let the selector deregister closed channels
        }
    }

    @Test
    void aThousandConcurrentConnections() {
        int n = 1000;
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer(Echo::lines, "127.0.0.1", 0, 1 << 16, 1024));
            List<Task<String>> clients = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String msg = "client " + i + "\n";
                clients.add(loop.createTask(Co.<String>of((co, step, sent) -> {
                    switch (step) {
                        case 0:
                            return Streams.openConnection("127.0.0.1", server.port());
                        case 1: {
                            Connection c = (Connection) sent;
                            held.add(c);
                            c.writer().write(msg);
                            return c.reader().readLine();
                        }
                        default:
                            return co.finish(s((byte[]) sent));
                    }
                })));
            }
            List<String> got = loop.runUntilComplete(Tulip.gather(clients));
            for (int i = 0; i < n; i++) {
                assertEquals("client " + i + "\n", got.get(i));
            }
            assertEquals(n, server.connectionCount());
            for (Connection c : held) {
                c.close();
            }
            server.close();
            loop.runUntilComplete(server.waitClosed());
            held.clear();
        }
    }

    private final List<Connection> held = new ArrayList<>();

    @Test
    void virtualTimeRunsLoopbackDeterministically() {
        try (EventLoop loop = EventLoop.virtualTime()) {
            Server server = loop.runUntilComplete(Streams.startServer((r, w) -> Co.of((co, n, sent) -> {
                switch (n) {
                    case 0:
                        return Tulip.sleep(60); // a minute of virtual time, no real waiting
                    case 1:
                        w.write("late\n");
                        return w.drain();
                    default:
                        return co.finish(null);
                }
            }), "127.0.0.1", 0));
            long start = System.nanoTime();
            Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port()));
            double t0 = loop.time();
            assertEquals("late\n", s(loop.runUntilComplete(c.reader().readLine())));
            assertEquals(60.0, loop.time() - t0, 1e-9);
            assertTrue(System.nanoTime() - start < 5_000_000_000L);
            c.close();
            server.close();
            loop.runUntilComplete(server.waitClosed());
        }
    }
}
