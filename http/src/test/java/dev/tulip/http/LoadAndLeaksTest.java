package dev.tulip.http;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Tulip;
import dev.tulip.http.server.HttpServer;
import dev.tulip.http.websocket.ConnectionClosed;
import dev.tulip.http.websocket.Message;
import dev.tulip.http.websocket.WebSocket;
import dev.tulip.http.websocket.WebSocketClient;
import java.io.File;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Many connections at once, descriptors after them, and a WebSocket peer that never reads. */
class LoadAndLeaksTest {
    static int openDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    @Async
    static Coroutine<Void> echo(WebSocket ws) {
        for (Message m : ws) {
            await(ws.send(m.text()));
        }
        return done();
    }

    @Async
    static Coroutine<String> oneClient(int port, int i) {
        try (WebSocket ws = await(WebSocketClient.connect("ws://127.0.0.1:" + port + "/echo"))) {
            await(ws.send("client " + i));
            return done(await(ws.receive()).text());
        }
    }

    @Async
    static Coroutine<Integer> manyClients(int n) {
        HttpServer server = new HttpServer().websocket("/echo", ws -> echo(ws));
        int ok = 0;
        try (var running = await(server.start("127.0.0.1", 0))) {
            List<Coroutine<String>> clients = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                clients.add(oneClient(running.port(), i));
            }
            List<String> got = await(Tulip.gather(clients));
            for (int i = 0; i < n; i++) {
                if (got.get(i).equals("client " + i)) {
                    ok++;
                }
            }
        }
        return done(ok);
    }

    @Test
    void fiveHundredWebSocketsAtOnceLeakNoDescriptor() throws Exception {
        Tulip.run(LoadAndLeaksTestAsync.manyClients(2)); // warm up: NIO.2's thread pool and epoll descriptor
        Thread.sleep(100);
        int before = openDescriptors();
        assertEquals(500, Tulip.run(LoadAndLeaksTestAsync.manyClients(500)));
        int after = -1;
        for (int i = 0; i < 50; i++) { // closes complete on NIO.2's threads: give them a moment
            after = openDescriptors();
            if (after <= before + 5) {
                break;
            }
            Thread.sleep(50);
        }
        assertTrue(before > 0, "no /proc/self/fd");
        // a little slack for descriptors other threads of this JVM open or close meanwhile; a leak of the
        // 500 connections would show as hundreds
        assertTrue(after <= before + 5, "descriptors before " + before + ", after " + after);
    }

    @Async
    static Coroutine<Integer> floodANonReader(int seconds) {
        int[] sent = {0};
        HttpServer server = new HttpServer().websocket("/flood", ws -> flood(ws, sent));
        try (var running = await(server.start("127.0.0.1", 0))) {
            int port = running.port();
            await(Tulip.toThread(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setReceiveBufferSize(32 * 1024);
                    OutputStream out = s.getOutputStream();
                    out.write(("GET /flood HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    Thread.sleep(seconds * 1000L); // and never read
                }
                return null;
            }));
        }
        return done(sent[0]);
    }

    @Async
    static Coroutine<Void> flood(WebSocket ws, int[] sent) {
        byte[] message = new byte[64 * 1024];
        try {
            while (ws.isOpen()) {
                await(ws.send(message)); // waits once the peer's buffers and the water mark are full
                sent[0]++;
            }
        } catch (ConnectionClosed e) {
            // the peer went away
        }
        return done();
    }

    @Test
    void aPeerThatNeverReadsHoldsTheSenderBack() {
        int sent = Tulip.run(LoadAndLeaksTestAsync.floodANonReader(1));
        // unbounded, a second of loopback would queue thousands of 64 KiB messages (gigabytes); here the
        // sender stops once the kernel's socket buffers and the 64 KiB high-water mark are full
        assertTrue(sent > 0 && sent < 400, sent + " messages of 64 KiB sent to a peer that reads nothing");
    }
}
