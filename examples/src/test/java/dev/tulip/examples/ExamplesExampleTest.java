package dev.tulip.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The registry: {@code list}, unknown names, and the demo default. */
class ExamplesExampleTest {
    @Test
    void listNamesEveryExampleWithItsSeed() {
        String output = Output.ofExample("list");
        int count = 0;
        for (String name : Examples.names()) {
            assertTrue(output.matches("(?s).*\\n  (00\\d|doc)  " + name + " +\\S.*"), name + " in\n" + output);
            count++;
        }
        assertEquals(39, count);
        assertEquals(count + 1, output.split("\n").length);
    }

    @Test
    void unknownNameListsTheExamples() {
        String output = Output.ofExample("no_such_example");
        assertTrue(output.startsWith("unknown example: no_such_example\nexamples (seed, name, what it shows)"), output);
    }

    @Test
    void noArgumentListsTheExamples() {
        assertEquals(Output.ofExample("list"), Output.ofExample());
    }
}
