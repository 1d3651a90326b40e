package dev.tulip.http;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Tulip;
import dev.tulip.http.server.HttpServer;
import dev.tulip.http.server.Response;
import dev.tulip.http.websocket.Message;
import dev.tulip.http.websocket.WebSocket;
import dev.tulip.http.websocket.WebSocketClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tulip's server and client against CPython's asyncio streams (test resource interop/peer.py). */
class PythonInteropTest {
    private static Path script;

    @BeforeAll
    static void findPython() throws IOException {
        boolean python;
        try {
            python = new ProcessBuilder("python3", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            python = false;
        }
        if (!python) {
            System.err.println("\n*** SKIPPED: python3 is not installed; the CPython asyncio interop tests did not run ***\n");
        }
        assumeTrue(python, "python3 is not installed");
        script = Files.createTempFile("peer", ".py");
        try (var in = PythonInteropTest.class.getResourceAsStream("/interop/peer.py")) {
            Files.write(script, in.readAllBytes());
        }
        script.toFile().deleteOnExit();
    }

    static String python(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("python3", script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("python3 " + String.join(" ", args) + " failed:\n" + out);
        }
        return out.strip();
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

    @Async
    static Coroutine<String> serveForPython(String mode) {
        HttpServer server = new HttpServer()
                .get("/hello", req -> HttpServer.respond(Response.text("hello " + req.query())))
                .websocket("/echo", ws -> echo(ws));
        try (var running = await(server.start("127.0.0.1", 0))) {
            int port = running.port();
            return done(await(Tulip.toThread(() -> python(mode, String.valueOf(port)))));
        }
    }

    @Test
    void pythonWebSocketClientAgainstTulipServer() {
        assertEquals("""
                binary 200
                pong ping!
                text echo bonjour
                close 1000
                eof 0""", Tulip.run(PythonInteropTestAsync.serveForPython("ws-client")));
    }

    @Test
    void pythonHttpClientAgainstTulipServer() {
        assertEquals("HTTP/1.1 200 OK hello py\nHTTP/1.1 200 OK hello again",
                Tulip.run(PythonInteropTestAsync.serveForPython("http-client")));
    }

    @Async
    static Coroutine<List<String>> clientOfPython(int port) {
        List<String> got = new ArrayList<>();
        WebSocket ws = await(WebSocketClient.connect("ws://127.0.0.1:" + port + "/"));
        int n = 0;
        for (Message m : ws) {
            got.add(m.text());
            if (++n == 3) {
                await(ws.send("hello from tulip"));
            }
        }
        got.add(String.valueOf(ws.closeReason()));
        return done(got);
    }

    @Test
    void tulipClientAgainstPythonServer() throws Exception {
        Process p = new ProcessBuilder("python3", script.toString(), "ws-server").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            int port = Integer.parseInt(out.readLine().trim());
            assertEquals(List.of("from python 1", "from python 2", "from python 3", "python got hello from tulip",
                    "CloseReason[code=1000, reason=bye]"), Tulip.run(PythonInteropTestAsync.clientOfPython(port)));
            assertEquals("client closed 1000", out.readLine());
            p.waitFor(10, TimeUnit.SECONDS);
        } finally {
            p.destroy();
        }
    }
}
