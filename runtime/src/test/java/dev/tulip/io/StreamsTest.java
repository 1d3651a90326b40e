package dev.tulip.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.EventLoop;
import dev.tulip.Task;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamsTest {
    private EventLoop loop;

    @BeforeEach
    void open() {
        loop = new EventLoop();
    }

    @AfterEach
    void close() {
        loop.close();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void echoRoundTrip() {
        Server server = loop.runUntilComplete(Streams.startServer(Echo::lines, "127.0.0.1", 0));
        assertTrue(server.port() > 0);
        Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port()));
        assertEquals(server.port(), c.peerAddress().getPort());
        c.writer().write(b("hello\nworld\n"));
        assertEquals("hello\n", s(loop.runUntilComplete(c.reader().readLine())));
        assertEquals("world\n", s(loop.runUntilComplete(c.reader().readLine())));
        c.writer().writeEof();
        assertEquals("", s(loop.runUntilComplete(c.reader().readLine())));
        assertTrue(c.reader().atEof());
        c.close();
        loop.runUntilComplete(c.writer().waitClosed());
        server.close();
        loop.runUntilComplete(server.waitClosed());
        assertEquals(0, server.connectionCount());
    }

    @Test
    void localhostByName() {
        try (Server server = loop.runUntilComplete(Streams.startServer(Echo::lines, "localhost", 0))) {
            Connection c = loop.runUntilComplete(Streams.openConnection("localhost", server.port()));
            c.writer().write("x\n");
            assertEquals("x\n", s(loop.runUntilComplete(c.reader().readLine())));
            c.close();
        }
    }

    @Test
    void connectionRefusedNamesTheTarget() throws Exception {
        int port;
        try (ServerSocketChannel s = ServerSocketChannel.open()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            port = ((InetSocketAddress) s.getLocalAddress()).getPort();
        }
        int p = port;
        ConnectException e = assertThrows(ConnectException.class,
                () -> loop.runUntilComplete(Streams.openConnection("127.0.0.1", p)));
        assertTrue(e.getMessage().contains("127.0.0.1:" + p), e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
    }

    @Test
    void unknownHost() {
        UnknownHostException e = assertThrows(UnknownHostException.class,
                () -> loop.runUntilComplete(Streams.openConnection("no-such-host.invalid", 80)));
        assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
    }

    /** The server writes what the test says, then half-closes; the client sees the data, then EOF. */
    private Connection serverSends(String data) {
        Server server = loop.runUntilComplete(Streams.startServer((r, w) -> Co.of((co, n, sent) -> {
            w.write(data);
            w.writeEof();
            return co.finish(null);
        }), "127.0.0.1", 0));
        Connection c = loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port()));
        server.close();
        return c;
    }

    @Test
    void readExactlyAtEofGivesThePartialData() {
        Connection c = serverSends("abcde");
        assertEquals("abc", s(loop.runUntilComplete(c.reader().readExactly(3))));
        IncompleteReadError e = assertThrows(IncompleteReadError.class,
                () -> loop.runUntilComplete(c.reader().readExactly(10)));
        assertEquals("de", s(e.partial()));
        assertEquals(10, e.expected());
        assertTrue(c.reader().atEof());
        c.close();
    }

    @Test
    void readUntilAtEofAndOverLimit() {
        Connection c = serverSends("one||two");
        assertEquals("one||", s(loop.runUntilComplete(c.reader().readUntil(b("||")))));
        IncompleteReadError e = assertThrows(IncompleteReadError.class,
                () -> loop.runUntilComplete(c.reader().readUntil(b("||"))));
        assertEquals("two", s(e.partial()));
        c.close();

        StreamReader r = new StreamReader(loop, 4);
        r.feedData(b("abcdefgh\nrest"));
        LimitOverrunError over = assertThrows(LimitOverrunError.class, () -> loop.runUntilComplete(r.readUntil(b("\n"))));
        assertEquals(8, over.consumed());
        assertEquals(13, r.buffered(), "readUntil leaves the data");
        assertThrows(LimitOverrunError.class, () -> loop.runUntilComplete(r.readLine()));
        assertEquals("rest", s(loop.runUntilComplete(r.read(100))), "readLine dropped the long line with its newline");
    }

    @Test
    void readVariants() {
        StreamReader r = new StreamReader(loop, 16);
        r.feedData(b("hello"));
        assertEquals("he", s(loop.runUntilComplete(r.read(2))));
        assertEquals("llo", s(loop.runUntilComplete(r.read(100))));
        r.feedData(b("a\nb"));
        r.feedEof();
        assertEquals("a\nb", s(loop.runUntilComplete(r.read(-1))));
        assertEquals(0, loop.runUntilComplete(r.read(5)).length);
        assertTrue(r.atEof());
    }

    @Test
    void cancellingAPendingReadKeepsTheStreamUsable() {
        StreamReader r = new StreamReader(loop, 16);
        Task<byte[]> t = loop.runUntilComplete(Co.<Task<byte[]>>of((co, n, sent) -> {
            if (n == 0) {
                return dev.tulip.Tulip.sleep(0);
            }
            return co.finish(loop.createTask(r.readExactly(4)));
        }));
        loop.runUntilComplete(dev.tulip.Tulip.sleep(0.001));
        assertFalse(t.done());
        r.feedData(b("ab"));
        t.cancel();
        assertThrows(dev.tulip.CancelledError.class, () -> loop.runUntilComplete(t));
        r.feedData(b("cd"));
        assertEquals("abcd", s(loop.runUntilComplete(r.readExactly(4))), "nothing consumed by the cancelled read");
    }

    @Test
    void twoWaitingReadsAreRefused() {
        StreamReader r = new StreamReader(loop, 16);
        Task<byte[]> first = loop.runUntilComplete(Co.<Task<byte[]>>of((co, n, sent) -> co.finish(loop.createTask(r.read(1)))));
        loop.runUntilComplete(dev.tulip.Tulip.sleep(0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(r.read(1)));
        assertTrue(e.getMessage().contains("already waiting"), e.getMessage());
        r.feedData(b("x"));
        assertEquals("x", s(loop.runUntilComplete(first)));
    }
}
