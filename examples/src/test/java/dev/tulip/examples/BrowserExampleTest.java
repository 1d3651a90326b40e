package dev.tulip.examples;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Tulip;
import dev.tulip.examples.python34.WebSocketCounter;
import dev.tulip.http.ClientSession;
import dev.tulip.http.websocket.Message;
import dev.tulip.http.websocket.WebSocket;
import dev.tulip.http.websocket.WebSocketClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A real browser on the page the websocket example serves: headless Chromium (Debian's {@code chromium},
 * which {@code .ci/run} installs when missing) loads {@code http://localhost:PORT/?n=3}, whose script
 * receives three counts over a WebSocket and closes with 1000. The test reads what the page received
 * through Chromium's DevTools protocol, itself a WebSocket, spoken by Tulip's own client
 * ({@code /json/list} fetched with Tulip's {@code ClientSession}). Skipped, loudly, without Chromium.
 */
class BrowserExampleTest {
    private static final String PAGE_STATE = "document.getElementById('status').textContent + '|' + "
            + "Array.from(document.querySelectorAll('#counts li')).map(li => li.textContent).join(',')";

    static String chromium() {
        for (String c : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (new File(dir, c).canExecute()) {
                    return new File(dir, c).getPath();
                }
            }
        }
        return null;
    }

    @Test
    void chromiumReceivesTheCounts() throws Exception {
        String chromium = chromium();
        if (chromium == null) {
            System.err.println("\n*** SKIPPED: no chromium on PATH; the browser test of the websocket example did not run"
                    + " (apt-get install chromium, which .ci/run does) ***\n");
        }
        assumeTrue(chromium != null, "chromium is not installed");
        Path profile = Files.createTempDirectory("tulip-chromium");
        try {
            assertEquals("closed 1000|1,2,3", Tulip.run(BrowserExampleTestAsync.session(chromium, profile)));
        } finally {
            deleteTree(profile);
        }
    }

    @Async
    static Coroutine<String> session(String chromium, Path profile) throws IOException, InterruptedException {
        try (var server = await(WebSocketCounter.server(0.2).start("localhost", 0))) {
            String page = "http://localhost:" + server.port() + "/?n=3";
            Process browser = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-first-run", "--disable-extensions", "--remote-debugging-address=127.0.0.1",
                    "--remote-debugging-port=0", "--user-data-dir=" + profile, page)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                int devtools = await(Tulip.toThread(() -> devToolsPort(browser)));
                String debugger = await(pageDebuggerUrl(devtools, page));
                return done(await(waitForClose(debugger)));
            } finally {
                browser.destroy();
                if (!browser.waitFor(5, TimeUnit.SECONDS)) {
                    browser.destroyForcibly();
                }
            }
        }
    }

    /** Reads Chromium's stderr until it says where DevTools listens; the rest is drained on a thread. */
    static int devToolsPort(Process browser) throws IOException {
        BufferedReader err = new BufferedReader(new InputStreamReader(browser.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            try {
                String line;
                StringBuilder seen = new StringBuilder();
                while ((line = err.readLine()) != null) {
                    Matcher m = Pattern.compile("DevTools listening on ws://[^:]+:(\\d+)/").matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    } else if (!port.isDone() && seen.length() < 4000) {
                        seen.append(line).append('\n');
                    }
                }
                port.completeExceptionally(new IOException("chromium ended without DevTools:\n" + seen));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        }, "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        try {
            return port.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("no DevTools port from chromium", e);
        }
    }

    @Async
    static Coroutine<String> pageDebuggerUrl(int devtools, String page) {
        try (var session = new ClientSession()) {
            for (int attempt = 0; attempt < 100; attempt++) {
                try (var resp = await(session.get("http://127.0.0.1:" + devtools + "/json/list"))) {
                    String json = await(resp.text());
                    // one object per target: {"description": ..., "url": ..., "webSocketDebuggerUrl": ...}
                    for (String target : json.split("\\}")) {
                        Matcher ws = Pattern.compile("\"webSocketDebuggerUrl\"\\s*:\\s*\"([^\"]+)\"").matcher(target);
                        if (target.contains("\"type\": \"page\"") && target.contains(page) && ws.find()) {
                            return done(ws.group(1));
                        }
                    }
                }
                await(Tulip.sleep(0.1));
            }
        }
        throw new AssertionError("chromium never listed the page " + page);
    }

    @Async
    static Coroutine<String> waitForClose(String debugger) {
        try (WebSocket cdp = await(WebSocketClient.connect(debugger))) {
            String state = "";
            for (int id = 1; id <= 200; id++) {
                await(cdp.send("{\"id\":" + id + ",\"method\":\"Runtime.evaluate\",\"params\":{\"expression\":\""
                        + PAGE_STATE.replace("\"", "\\\"") + "\",\"returnByValue\":true}}"));
                String reply = "";
                while (!reply.contains("\"id\":" + id + ",")) {
                    Message m = await(cdp.receive());
                    reply = m.text();
                }
                Matcher v = Pattern.compile("\"value\":\"([^\"]*)\"").matcher(reply);
                state = v.find() ? v.group(1) : reply;
                if (state.startsWith("closed")) {
                    return done(state);
                }
                await(Tulip.sleep(0.1));
            }
            return done("never closed: " + state);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
