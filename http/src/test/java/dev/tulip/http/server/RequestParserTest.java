package dev.tulip.http.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request parser on bytes: every split, pipelining, and each error with its status. */
class RequestParserTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<Request> parseInPieces(String wire, int piece, Limits limits) {
        RequestParser p = new RequestParser(limits);
        byte[] all = b(wire);
        List<Request> out = new ArrayList<>();
        for (int i = 0; i < all.length; i += piece) {
            p.feed(all, i, Math.min(piece, all.length - i));
            Request r;
            while ((r = p.next()) != null) {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void parsesPipelinedRequestsInEverySplit() {
        String wire = "GET /a%20b?x=1 HTTP/1.1\r\nHost: h\r\nX-Two: 1\r\nx-two: 2\r\n\r\n"
                + "POST /post HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
                + "PUT /chunked HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nTrailer: t\r\n\r\n"
                + "GET /old HTTP/1.0\n\n";
        for (int piece = 1; piece <= wire.length(); piece += piece < 10 ? 1 : 17) {
            List<Request> rs = parseInPieces(wire, piece, Limits.DEFAULT);
            assertEquals(4, rs.size(), "piece " + piece);
            Request get = rs.get(0);
            assertEquals("GET", get.method());
            assertEquals("/a b", get.path());
            assertEquals("x=1", get.query());
            assertEquals(List.of("1", "2"), get.headers().all("X-TWO"));
            assertTrue(get.keepAlive());
            assertEquals("hello", rs.get(1).text());
            assertEquals("abcde", rs.get(2).text());
            assertEquals("/old", rs.get(3).path());
            assertFalse(rs.get(3).keepAlive());
        }
    }

    @Test
    void upgradeLeavesTheFollowingBytes() {
        RequestParser p = new RequestParser(Limits.DEFAULT);
        p.feed(b("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n\r\n\u0081\u0000"));
        Request r = p.next();
        assertTrue(r.isWebSocketUpgrade());
        assertArrayEquals(new byte[] {(byte) 0x81, 0}, p.takeRemaining());
    }

    private static int statusOf(String wire, Limits limits) {
        return assertThrows(HttpError.class, () -> parseInPieces(wire, 7, limits)).status();
    }

    private static int statusOf(String wire) {
        return statusOf(wire, Limits.DEFAULT);
    }

    @Test
    void errorsHaveTheirStatus() {
        assertEquals(400, statusOf("GARBAGE\r\n\r\n"));
        assertEquals(400, statusOf("GET / HTTP/1.1\r\n\r\n")); // no Host
        assertEquals(400, statusOf("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"));
        assertEquals(400, statusOf("GET / HTTP/1.1\r\nHost: h\r\nBad Name: x\r\n\r\n"));
        assertEquals(400, statusOf("GET / HTTP/1.1\r\nHost: h\r\nX: a\r\n folded\r\n\r\n"));
        assertEquals(400, statusOf("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"));
        assertEquals(400, statusOf("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"));
        assertEquals(400, statusOf("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: -1\r\n\r\n"));
        assertEquals(400, statusOf("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));
        assertEquals(400, statusOf("GET nopath HTTP/1.1\r\nHost: h\r\n\r\n"));
        assertEquals(400, statusOf("GET /%zz HTTP/1.1\r\nHost: h\r\n\r\n"));
        assertEquals(501, statusOf("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip\r\n\r\n"));
        assertEquals(505, statusOf("GET / HTTP/2.0\r\nHost: h\r\n\r\n"));
        assertEquals(414, statusOf("GET /" + "a".repeat(9000) + " HTTP/1.1\r\n"));
        assertEquals(431, statusOf("GET / HTTP/1.1\r\nHost: h\r\nX: " + "a".repeat(40000)));
        assertEquals(431, statusOf("GET / HTTP/1.1\r\nHost: h\r\n" + "X: 1\r\n".repeat(101) + "\r\n"));
        Limits small = Limits.DEFAULT.withMaxBodyBytes(10);
        assertEquals(413, statusOf("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n", small));
        assertEquals(413, statusOf("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n12345678\r\n8\r\n", small));
    }

    @Test
    void knowsWhetherARequestHasStarted() {
        RequestParser p = new RequestParser(Limits.DEFAULT);
        assertFalse(p.inRequest());
        p.feed(b("GET / HT"));
        assertNull(p.next());
        assertTrue(p.inRequest());
        p.feed(b("TP/1.1\r\nHost: h\r\n\r\n"));
        assertEquals("/", p.next().path());
        assertFalse(p.inRequest());
    }
}
