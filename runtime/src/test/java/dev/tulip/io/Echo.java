package dev.tulip.io;

import dev.tulip.Coroutine;

/** The echo handler of the tests: {@code for (line : reader) { write(line); await drain(); }}. */
final class Echo {
    private Echo() {
    }

    static Coroutine<Void> lines(StreamReader reader, StreamWriter writer) {
        return Co.of((co, n, sent) -> {
            if (n % 2 == 0) {
                return reader.readLine();
            }
            byte[] line = (byte[]) sent;
            if (line.length == 0) {
                return co.finish(null);
            }
            writer.write(line);
            return writer.drain();
        });
    }
}
