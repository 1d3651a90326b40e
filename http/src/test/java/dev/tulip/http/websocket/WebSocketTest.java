package dev.tulip.http.websocket;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Tulip;
import dev.tulip.http.server.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * WebSocket: Tulip's server against the JDK's {@code java.net.http.WebSocket} client (nobody here wrote
 * it), Tulip's client against Tulip's server, and malformed frames from a raw socket.
 */
class WebSocketTest {
    /** Echoes every message; records how the connection closed. */
    @Async
    static Coroutine<Void> echo(WebSocket ws, List<String> log) {
        try {
            for (Message m : ws) {
                if (m.isText()) {
                    await(ws.send("echo: " + m.text()));
                } else {
                    await(ws.send(m.bytes()));
                }
            }
        } catch (ConnectionClosed e) {
            log.add("closed with error " + e.reason().code());
        }
        log.add("closed " + ws.closeReason().code() + " " + ws.closeReason().reason());
        return done();
    }

    static HttpServer echoServer(List<String> log) {
        return new HttpServer()
                .websocket("/echo", ws -> WebSocketTestAsync.echo(ws, log))
                .webSocketOptions(WebSocketOptions.DEFAULT.withMaxMessageSize(1000));
    }

    @Async
    static <T> Coroutine<T> withServer(HttpServer server, java.util.function.Function<Integer, Callable<T>> client) {
        try (var running = await(server.start("127.0.0.1", 0))) {
            return done(await(Tulip.toThread(client.apply(running.port()))));
        }
    }

    /** A JDK WebSocket listener that records what it receives. */
    static final class Recorder implements java.net.http.WebSocket.Listener {
        final List<String> got = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<String> closed = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                got.add("text " + text);
                text.setLength(0);
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
        public CompletionStage<?> onPong(java.net.http.WebSocket ws, ByteBuffer message) {
            got.add("pong " + StandardCharsets.UTF_8.decode(message));
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(java.net.http.WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(java.net.http.WebSocket ws, Throwable error) {
            closed.complete("error " + error);
        }
    }

    @Test
    void jdkClientAgainstTulipServer() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<String> got = Tulip.run(WebSocketTestAsync.withServer(echoServer(log), port -> () -> {
            Recorder r = new Recorder();
            java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/echo"), r).get(5, TimeUnit.SECONDS);
            ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
            ws.sendText("frag", false).get(5, TimeUnit.SECONDS);
            ws.sendText("mented", true).get(5, TimeUnit.SECONDS);
            ws.sendBinary(ByteBuffer.wrap(new byte[300]), true).get(5, TimeUnit.SECONDS);
            ws.sendPing(ByteBuffer.wrap("p1".getBytes(StandardCharsets.UTF_8))).get(5, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (r.got.size() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            ws.sendClose(4000, "bye").get(5, TimeUnit.SECONDS);
            List<String> out = new ArrayList<>(r.got);
            out.add("onClose " + r.closed.get(5, TimeUnit.SECONDS));
            return out;
        }));
        // the reader task answers the ping at once, so the pong may overtake the echoes
        assertTrue(got.remove("pong p1"), got.toString());
        assertEquals(List.of("text echo: hello", "text echo: fragmented", "binary 300", "onClose 4000 "), got);
        // 4000 is not a normal closure: the for-each raises ConnectionClosed, as websockets raises ConnectionClosedError
        assertEquals(List.of("closed with error 4000", "closed 4000 bye"), log);
    }

    @Test
    void jdkClientOverTheMessageLimitGets1009() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        String closed = Tulip.run(WebSocketTestAsync.withServer(echoServer(log), port -> () -> {
            Recorder r = new Recorder();
            java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + "/echo"), r).get(5, TimeUnit.SECONDS);
            ws.sendText("x".repeat(1001), true).get(5, TimeUnit.SECONDS);
            return r.closed.get(5, TimeUnit.SECONDS);
        }));
        assertTrue(closed.startsWith("1009"), closed);
        assertEquals(List.of("closed with error 1009", "closed 1009 a frame of 1001 bytes, over the limit of 1000"), log);
    }

    @Async
    static Coroutine<List<String>> tulipClient(HttpServer server) {
        List<String> got = new ArrayList<>();
        try (var running = await(server.start("127.0.0.1", 0))) {
            try (WebSocket ws = await(WebSocketClient.connect("ws://127.0.0.1:" + running.port() + "/echo"))) {
                await(ws.send("one"));
                got.add(await(ws.receive()).text());
                await(ws.send(Message.text("in three parts"), 5)); // fragments of 5 bytes
                got.add(await(ws.receive()).text());
                await(ws.send(new byte[] {1, 2, 3}));
                got.add("binary " + await(ws.receive()).bytes().length);
                await(ws.ping("hi".getBytes(StandardCharsets.UTF_8)));
                got.add("pong");
                await(ws.close(CloseCodes.GOING_AWAY, "done"));
                got.add(ws.state() + " " + ws.closeReason());
                try {
                    await(ws.send("late"));
                } catch (ConnectionClosed e) {
                    got.add("send after close: " + e.isOk());
                }
            }
            await(Tulip.sleep(0.05));
        }
        return done(got);
    }

    @Test
    void tulipClientAgainstTulipServer() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        assertEquals(List.of("echo: one", "echo: in three parts", "binary 3", "pong",
                        "CLOSED CloseReason[code=1001, reason=done]", "send after close: true"),
                Tulip.run(WebSocketTestAsync.tulipClient(echoServer(log))));
        assertEquals(List.of("closed 1001 done"), log);
    }

    @Async
    static Coroutine<List<String>> iterateUntilServerCloses(HttpServer server) {
        List<String> got = new ArrayList<>();
        try (var running = await(server.start("127.0.0.1", 0))) {
            WebSocket ws = await(WebSocketClient.connect("ws://127.0.0.1:" + running.port() + "/count"));
            for (Message m : ws) {
                got.add(m.text());
            }
            got.add(String.valueOf(ws.closeReason()));
        }
        return done(got);
    }

    @Async
    static Coroutine<Void> countThree(WebSocket ws) {
        for (int i = 1; i <= 3; i++) {
            await(ws.send(String.valueOf(i)));
        }
        await(ws.close(CloseCodes.NORMAL, "that is all"));
        return done();
    }

    @Test
    void forEachEndsWhenTheServerClosesNormally() {
        HttpServer server = new HttpServer().websocket("/count", WebSocketTestAsync::countThree);
        assertEquals(List.of("1", "2", "3", "CloseReason[code=1000, reason=that is all]"),
                Tulip.run(WebSocketTestAsync.iterateUntilServerCloses(server)));
    }

    @Async
    static Coroutine<Void> burst(WebSocket ws) {
        for (int i = 0; i < 40; i++) { // more than the client's queue of 16 holds
            await(ws.send("m" + i));
        }
        await(ws.waitClosed());
        return done();
    }

    @Async
    static Coroutine<String> closeWithAFullQueue(HttpServer server) {
        try (var running = await(server.start("127.0.0.1", 0))) {
            WebSocket ws = await(WebSocketClient.connect("ws://127.0.0.1:" + running.port() + "/burst"));
            await(Tulip.sleep(0.3)); // read nothing: the reader fills the queue and stops reading
            double start = Tulip.getRunningLoop().time();
            await(ws.close(CloseCodes.NORMAL, "bye"));
            double took = Tulip.getRunningLoop().time() - start;
            return done(ws.state() + " " + (took < 2 ? "promptly" : "after " + took + " s"));
        }
    }

    @Test
    void closingWithAFullQueueDoesNotWaitOutTheCloseTimeout() {
        HttpServer server = new HttpServer().websocket("/burst", WebSocketTestAsync::burst);
        assertEquals("CLOSED promptly", Tulip.run(WebSocketTestAsync.closeWithAFullQueue(server)));
    }

    @Async
    static Coroutine<String> cancelledReceiveLeavesItUsable(HttpServer server) {
        try (var running = await(server.start("127.0.0.1", 0))) {
            try (WebSocket ws = await(WebSocketClient.connect("ws://127.0.0.1:" + running.port() + "/echo"))) {
                String first;
                try {
                    await(Tulip.waitFor(ws.receive(), 0.1)); // nothing comes: cancelled by the timeout
                    first = "received?";
                } catch (dev.tulip.TimeoutError e) {
                    first = "timed out";
                }
                await(ws.send("after"));
                return done(first + ", then " + await(ws.receive()).text() + ", " + ws.state());
            }
        }
    }

    @Test
    void aCancelledReceiveLeavesTheWebSocketUsable() {
        assertEquals("timed out, then echo: after, OPEN",
                Tulip.run(WebSocketTestAsync.cancelledReceiveLeavesItUsable(echoServer(new ArrayList<>()))));
    }

    @Async
    static Coroutine<String> refused(HttpServer server, String path) {
        try (var running = await(server.start("127.0.0.1", 0))) {
            try {
                await(WebSocketClient.connect("ws://127.0.0.1:" + running.port() + path));
                return done("connected");
            } catch (WebSocketClient.HandshakeError e) {
                return done("refused " + e.status());
            }
        }
    }

    @Test
    void unknownPathRefusesTheHandshake() {
        assertEquals("refused 404", Tulip.run(WebSocketTestAsync.refused(echoServer(new ArrayList<>()), "/nope")));
    }

    /** Raw bytes to the server after a valid handshake; returns the close frame's code and whether it closed. */
    static String rawFrames(int port, byte[] frames) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /echo HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(frames);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int body = text.indexOf("\r\n\r\n") + 4;
            if (!text.startsWith("HTTP/1.1 101") || !text.contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")) {
                return "bad handshake: " + text;
            }
            List<Frame> fs = new FrameDecoder(false, 1 << 20).feed(java.util.Arrays.copyOfRange(all, body, all.length));
            Frame last = fs.get(fs.size() - 1);
            return last.opcode() == Opcode.CLOSE ? "close " + CloseReason.parse(last.payload()).code() : "no close";
        }
    }

    @Test
    void malformedFramesGetTheirCloseCode() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<String> got = Tulip.run(WebSocketTestAsync.withServer(echoServer(log), port -> () -> List.of(
                rawFrames(port, new byte[] {(byte) 0x81, 0x01, 'a'}),              // unmasked from a client
                rawFrames(port, new byte[] {(byte) 0x83, (byte) 0x80, 0, 0, 0, 0}), // opcode 3
                rawFrames(port, new FrameEncoder(true).encode(true, Opcode.TEXT, new byte[] {(byte) 0xff})), // not UTF-8
                rawFrames(port, new FrameEncoder(true).encode(true, Opcode.CONTINUATION, new byte[1])),
                rawFrames(port, new FrameEncoder(true).close(1000, "ok")))));
        assertEquals(List.of("close 1002", "close 1002", "close 1007", "close 1002", "close 1000"), got);
    }

    @Test
    void clientRejectsABadUrl() {
        assertThrows(IllegalArgumentException.class, () -> WebSocketClient.connect("http://x/"));
    }
}
