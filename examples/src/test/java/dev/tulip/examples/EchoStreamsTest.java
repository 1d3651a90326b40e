package dev.tulip.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tulip.Tulip;
import dev.tulip.examples.io.EchoStreamsAsync;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streams used from {@code @Async} code compiled by the processor, on real and on virtual time. */
class EchoStreamsTest {
    static final String OUTPUT = """
            server received 'Hello World!'
            client received 'Hello World!'
            server received 'Bye'
            client received 'Bye'
            client: eof after 0 more bytes, closing
            replies: [Hello World!, Bye, eof after 0 more bytes]
            """;

    @Test
    void exampleOutputOnVirtualTime() {
        Output.assertPrints(OUTPUT, "echo_streams");
    }

    @Test
    void exampleOutputOnRealTime() {
        assertEquals(OUTPUT, Output.ofExample("echo_streams", "--real-time"));
    }

    @Test
    void echoesLinesThenEof() {
        List<String> want = List.of("hello", "world", "eof after 0 more bytes");
        String printed = Output.of(() -> {
            assertEquals(want, Tulip.run(EchoStreamsAsync.roundTrip(List.of("hello", "world"))));
            assertEquals(want, Tulip.runVirtual(EchoStreamsAsync.roundTrip(List.of("hello", "world"))));
        });
        assertEquals(2 * 5, printed.split("\n").length, printed);
    }
}
