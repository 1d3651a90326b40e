package dev.tulip.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what an example prints. */
public final class Output {
    private Output() {
    }

    /**
     * Runs code with {@code System.out} captured.
     *
     * @param code what to run
     * @return everything it printed, with {@code \n} line ends
     */
    public static String of(Runnable code) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            code.run();
        } finally {
            System.out.flush();
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    /**
     * Runs an example by name through {@link Examples#main}, on virtual time, and captures its output.
     *
     * @param args the example's name, and possibly {@code --real-time}
     * @return everything it printed
     */
    public static String ofExample(String... args) {
        return of(() -> Examples.main(args));
    }

    /**
     * Asserts the whole output of an example run on virtual time.
     *
     * @param expected the expected output
     * @param name the example
     */
    public static void assertPrints(String expected, String name) {
        assertEquals(expected, ofExample(name), name);
    }
}
