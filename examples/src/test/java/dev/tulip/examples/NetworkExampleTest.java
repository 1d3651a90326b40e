package dev.tulip.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.examples.python34.WebSocketCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The network examples of seeds 002 and 003, on real time (they run a local server): their whole output,
 * the elapsed time checked against the serial time it beats.
 */
class NetworkExampleTest {
    static final List<String> FINISH_ORDER = List.of(
            "C02-Shared_References.pdf", "C03-Input-Output.pdf", "C07-1-Functions.pdf", "C04-Compound_Instructions.pdf",
            "C06-Script.pdf", "C05-Scientific.pdf", "C08-2-UI.pdf", "C01-Objects.pdf", "C07-2-Classes.pdf",
            "C08-1-Std_Library.pdf");

    /** The elapsed seconds of the last line, which must be the seed's {@code Elapsed :  ...}. */
    static double elapsed(List<String> lines) {
        String last = lines.get(lines.size() - 1);
        assertTrue(last.matches("Elapsed :  \\d+\\.\\d+(E-\\d+)?"), last);
        return Double.parseDouble(last.substring("Elapsed :  ".length()));
    }

    @Test
    void downloads() {
        List<String> lines = new ArrayList<>(Arrays.asList(Output.ofExample("downloads").split("\n")));
        List<String> expected = new ArrayList<>();
        for (String f : FINISH_ORDER) {
            expected.add(f + " downloaded and saved");
        }
        double s = elapsed(lines);
        assertEquals(expected, lines.subList(0, lines.size() - 1));
        // the server answers the files 0.3, 0.45, ... 1.65 s after the first request: at once they take about
        // 1.65 s, in turn 9.75 s (the bound leaves room for a busy machine)
        assertTrue(s >= 1.5 && s < 6, "elapsed " + s);
    }

    @Test
    void downloadsAiohttp() {
        List<String> lines = new ArrayList<>(Arrays.asList(Output.ofExample("downloads_aiohttp").split("\n")));
        double s = elapsed(lines);
        lines.remove(lines.size() - 1);
        // each file: "downloaded" then, once written, "saved"; the downloads finish in the server's order
        List<String> downloaded = new ArrayList<>();
        List<String> saved = new ArrayList<>();
        for (String line : lines) {
            if (line.endsWith(" downloaded")) {
                downloaded.add(line.substring(0, line.length() - " downloaded".length()));
            } else {
                assertTrue(line.endsWith(" saved"), line);
                String f = line.substring(0, line.length() - " saved".length());
                assertTrue(downloaded.contains(f) && !saved.contains(f), line + " in\n" + lines);
                saved.add(f);
            }
        }
        assertEquals(FINISH_ORDER, downloaded);
        assertEquals(new java.util.HashSet<>(FINISH_ORDER), new java.util.HashSet<>(saved));
        assertEquals(20, lines.size());
        assertTrue(s >= 1.5 && s < 6, "elapsed " + s);
    }

    @Test
    void websocketCounter() {
        String out = Output.of(() -> WebSocketCounter.run(0, 5, 0.1));
        assertEquals("""
                # counter on ws://localhost:PORT/, its JavaScript client on http://localhost:PORT/
                1
                2
                3
                4
                5
                """, out.replaceAll("localhost:\\d+/", "localhost:PORT/"));
    }
}
