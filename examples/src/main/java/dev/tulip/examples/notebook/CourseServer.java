package dev.tulip.examples.notebook;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Tulip;
import dev.tulip.http.server.HttpServer;
import dev.tulip.http.server.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The web server the download examples fetch from, so that they run offline: the ten course files of
 * seed 002's {@code links} list, with generated content, served by Tulip's {@link HttpServer} on a loop
 * of its own, in a background thread (the seed's programs are clients; the server is not part of them).
 *
 * <p>Each file is answered at a time of its own, as a real server's varied response times would make
 * it, so that the downloads finish in the order the seed's output shows (§3.1: C02 first, C08-1 last):
 * file k of that order is answered {@code LEAD + k * STEP} seconds after the first request arrived, a
 * schedule that does not depend on when each client got its request out (the first HTTP client of a
 * process takes a while to start).
 */
final class CourseServer implements AutoCloseable {
    /** The files of the seed's {@code links}, in the list's order. */
    static final List<String> FILES = List.of(
            "C01-Objects.pdf", "C02-Shared_References.pdf", "C03-Input-Output.pdf", "C04-Compound_Instructions.pdf",
            "C05-Scientific.pdf", "C06-Script.pdf", "C07-1-Functions.pdf", "C07-2-Classes.pdf",
            "C08-1-Std_Library.pdf", "C08-2-UI.pdf");
    /** The order in which the seed's §3.1 output saw them finish. */
    static final List<String> FINISH_ORDER = List.of(
            "C02-Shared_References.pdf", "C03-Input-Output.pdf", "C07-1-Functions.pdf", "C04-Compound_Instructions.pdf",
            "C06-Script.pdf", "C05-Scientific.pdf", "C08-2-UI.pdf", "C01-Objects.pdf", "C07-2-Classes.pdf",
            "C08-1-Std_Library.pdf");
    /** Seconds between two files' answers: wide enough for their order to be certain on a busy machine. */
    static final double STEP = 0.15;
    /** Seconds from the first request to the first answer, for every request to have arrived. */
    static final double LEAD = 0.3;

    private final EventLoop loop = new EventLoop();
    private final Thread thread;
    private final CompletableFuture<Integer> port = new CompletableFuture<>();
    private final CompletableFuture<Void> stop = new CompletableFuture<>();
    /** The loop time of the first request, or NaN; read and written on the server's loop only. */
    private double firstRequest = Double.NaN;

    private CourseServer() {
        thread = new Thread(() -> Tulip.run(CourseServerAsync.serve(this), loop), "course-server");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts the server and waits until it listens.
     *
     * @return the running server
     */
    static CourseServer start() {
        CourseServer s = new CourseServer();
        s.port.join();
        return s;
    }

    /** The generated content of a file: a PDF header, then deterministic filler, 200 KB or so. */
    static byte[] content(String file) {
        StringBuilder sb = new StringBuilder("%PDF-1.4\n% ").append(file).append('\n');
        int lines = 2000 + FILES.indexOf(file) * 100;
        for (int i = 0; i < lines; i++) {
            sb.append(file, 0, 3).append(" line ").append(i).append(" of the course, generated for Tulip\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Async
    static Coroutine<Void> serve(CourseServer s) {
        HttpServer server = new HttpServer();
        for (String file : FILES) {
            double slot = LEAD + STEP * FINISH_ORDER.indexOf(file);
            byte[] body = content(file);
            server.get("/courses/" + file, req -> answer(s, slot, body));
        }
        try (var running = await(server.start("127.0.0.1", 0))) {
            s.port.complete(running.port());
            await(s.stop);
        }
        return done();
    }

    @Async
    static Coroutine<Response> answer(CourseServer s, double slot, byte[] body) {
        double now = Tulip.getRunningLoop().time();
        if (Double.isNaN(s.firstRequest)) {
            s.firstRequest = now;
        }
        await(Tulip.sleep(Math.max(0, s.firstRequest + slot - now)));
        return done(Response.bytes(200, body, "application/pdf"));
    }

    /**
     * The seed's {@code links} file's lines, pointing at this server.
     *
     * @return one URL per file
     */
    List<String> links() {
        List<String> urls = new ArrayList<>();
        for (String f : FILES) {
            urls.add("http://127.0.0.1:" + port.join() + "/courses/" + f);
        }
        return urls;
    }

    @Override
    public void close() {
        loop.callSoonThreadsafe(() -> stop.complete(null));
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
