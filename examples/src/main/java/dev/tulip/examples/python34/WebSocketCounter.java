package dev.tulip.examples.python34;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.http.server.HttpServer;
import dev.tulip.http.server.Response;
import dev.tulip.http.websocket.CloseCodes;
import dev.tulip.http.websocket.ConnectionClosed;
import dev.tulip.http.websocket.WebSocket;
import dev.tulip.http.websocket.WebSocketClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Seed 003, "Exemple de communication avec des websockets": a server producing a count every second,
 * and a client printing what it receives. The same server also serves the seed's JavaScript client
 * ("le consommateur peut être un client Javascript"): open {@code http://localhost:8765/} in a browser.
 *
 * <pre>{@code
 * @asyncio.coroutine
 * def producer(websocket, uri):
 *     count = 0
 *     while websocket.open:
 *         yield from asyncio.sleep(1)
 *         count = count + 1
 *         yield from websocket.send(str(count))
 *
 * @asyncio.coroutine
 * def consumer():
 *     websocket = yield from websockets.connect('ws://localhost:8765/')
 *     while websocket.open:
 *         count = yield from websocket.recv()
 *         print("%s" % count)
 *
 * start_server = websockets.serve(producer, 'localhost', 8765)
 * asyncio.get_event_loop().run_until_complete(start_server)
 * asyncio.get_event_loop().run_until_complete(consumer())
 * asyncio.get_event_loop().run_forever()
 * }</pre>
 *
 * <p>The seed's consumer counts forever; this one closes the connection after {@value #COUNTS} counts, so
 * that the example ends (the page's counter goes on as long as the browser keeps it open). Real time
 * always: it is a network program.
 */
public final class WebSocketCounter {
    /** The seed's port. */
    public static final int PORT = 8765;
    /** The counts the example's consumer prints before it closes. */
    public static final int COUNTS = 5;

    private WebSocketCounter() {
    }

    @Async
    static Coroutine<Void> producer(WebSocket websocket, double period) {
        int count = 0;
        while (websocket.isOpen()) {
            await(sleep(period));
            count = count + 1;
            try {
                await(websocket.send(String.valueOf(count)));
            } catch (ConnectionClosed closed) {
                break; // the client left between the check and the send
            }
        }
        return done();
    }

    @Async
    static Coroutine<Void> consumer(String url, int counts) {
        WebSocket websocket = await(WebSocketClient.connect(url));
        int received = 0;
        while (websocket.isOpen()) {
            String count = await(websocket.receive()).text();
            System.out.println(count);
            received++;
            if (received == counts) {
                await(websocket.close(CloseCodes.NORMAL, "enough"));
            }
        }
        return done();
    }

    /**
     * The JavaScript client page.
     *
     * @return the page's HTML
     */
    public static String page() {
        try (InputStream in = WebSocketCounter.class.getResourceAsStream("counter.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The server: the producer on {@code ws://host:port/}, the page on {@code http://host:port/}.
     *
     * @param period seconds between two counts
     * @return the server, not started
     */
    public static HttpServer server(double period) {
        String page = page();
        return new HttpServer()
                .get("/", req -> HttpServer.respond(Response.html(page)))
                .websocket("/", ws -> WebSocketCounterAsync.producer(ws, period));
    }

    @Async
    static Coroutine<Void> main(int port, int counts, double period) {
        try (var server = await(server(period).start("localhost", port))) {
            int p = server.port();
            System.out.println("# counter on ws://localhost:" + p + "/, its JavaScript client on http://localhost:" + p + "/");
            await(consumer("ws://localhost:" + p + "/", counts));
        }
        return done();
    }

    /**
     * Runs the server and the consumer on the seed's port.
     *
     * @param virtual ignored: network programs run on real time
     */
    public static void main(boolean virtual) {
        run(port(), COUNTS, 1.0);
    }

    /**
     * Runs the server and the consumer.
     *
     * @param port the port (0 for any free one)
     * @param counts how many counts the consumer prints before closing
     * @param period seconds between two counts
     */
    public static void run(int port, int counts, double period) {
        dev.tulip.Tulip.run(WebSocketCounterAsync.main(port, counts, period));
    }

    /** The port: the seed's, unless {@code -Dtulip.counter.port} says otherwise. */
    private static int port() {
        return Integer.getInteger("tulip.counter.port", PORT);
    }

    /**
     * Serves the counter and its page until the process is stopped (for a browser).
     *
     * @param args ignored
     */
    public static void serveForever(String[] args) {
        dev.tulip.Tulip.run(WebSocketCounterAsync.forever(port()));
    }

    @Async
    static Coroutine<Void> forever(int port) {
        try (var server = await(server(1.0).start("localhost", port))) {
            System.out.println("open http://localhost:" + server.port() + "/ in a browser; Ctrl-C to stop");
            await(server.serveForever());
        }
        return done();
    }
}
