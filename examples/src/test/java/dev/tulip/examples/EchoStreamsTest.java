package dev.tulip.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tulip.Tulip;
import dev.tulip.examples.io.EchoStreamsAsync;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Streams used from {@code @Async} code compiled by the processor, on real and on virtual time. */
class EchoStreamsTest {
    @Test
    void echoesLinesThenEof() {
        List<String> want = List.of("hello", "world", "eof after 0 more bytes");
        assertEquals(want, Tulip.run(EchoStreamsAsync.roundTrip(List.of("hello", "world"))));
        assertEquals(want, Tulip.runVirtual(EchoStreamsAsync.roundTrip(List.of("hello", "world"))));
    }
}
