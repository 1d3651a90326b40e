package dev.tulip.examples.io;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.examples.Examples;
import dev.tulip.io.Connection;
import dev.tulip.io.Server;
import dev.tulip.io.StreamReader;
import dev.tulip.io.StreamWriter;
import dev.tulip.io.Streams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A line echo server and a client on Tulip streams, written as {@code @Async} methods (call them through
 * the generated {@code EchoStreamsAsync}): asyncio's
 * "TCP echo client and server using streams" from its documentation. Run it with
 * {@code -Dexample=echo_streams}: server and client print what they receive, as in asyncio's version.
 */
public final class EchoStreams {
    private EchoStreams() {
    }

    /**
     * Serves one client: echoes each line back until the client half-closes.
     *
     * @param reader what the client sends
     * @param writer what goes back
     * @return the handler's coroutine
     */
    @Async
    public static Coroutine<Void> echo(StreamReader reader, StreamWriter writer) {
        for (byte[] line : reader) {
            System.out.println("server received " + text(line));
            writer.write(line);
            await(writer.drain());
        }
        return done();
    }

    /**
     * Starts a server on a free port, sends it {@code messages} one per line, and returns the replies.
     *
     * @param messages the lines to send
     * @return the echoed lines
     */
    @Async
    public static Coroutine<List<String>> roundTrip(List<String> messages) {
        List<String> replies = new ArrayList<>();
        try (Server server = await(Streams.startServer(EchoStreams::echo, "127.0.0.1", 0))) {
            Connection c = await(Streams.openConnection("127.0.0.1", server.port()));
            for (String m : messages) {
                c.writer().write(m + "\n");
                await(c.writer().drain());
                byte[] line = await(c.reader().readLine());
                System.out.println("client received " + text(line));
                replies.add(new String(line, StandardCharsets.UTF_8).strip());
            }
            c.writer().writeEof();
            byte[] rest = await(c.reader().read(-1));
            replies.add("eof after " + rest.length + " more bytes");
            System.out.println("client: " + replies.get(replies.size() - 1) + ", closing");
            c.close();
            await(c.writer().waitClosed());
        }
        return done(replies);
    }

    private static String text(byte[] line) {
        return "'" + new String(line, StandardCharsets.UTF_8).strip() + "'";
    }

    /**
     * The example: a server on a free port of 127.0.0.1 and a client sending two lines, then end of file.
     *
     * @param virtual true for a virtual-time loop (the sockets are real either way)
     */
    public static void main(boolean virtual) {
        List<String> replies = Examples.run(EchoStreamsAsync.roundTrip(List.of("Hello World!", "Bye")), virtual);
        System.out.println("replies: " + replies);
    }
}
