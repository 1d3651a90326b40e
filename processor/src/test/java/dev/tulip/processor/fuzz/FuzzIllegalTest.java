package dev.tulip.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Deliberately illegal programs: a random legal body with one forbidden construct inserted at a
 * random reachable place (await in a lambda, in an anonymous class, in synchronized, in assert, await
 * as a method reference, a return without done). The processor must reject each with exactly one
 * error, at the line of the construct, with its documented message; and nothing else.
 */
class FuzzIllegalTest {
    static final int PER_KIND = Integer.getInteger("tulip.fuzz.illegal", 4);

    @Test
    void everyIllegalConstructIsRejectedWithItsOwnError() {
        long base = Long.getLong("tulip.fuzz.base", FuzzDifferentialTest.CI_BASE);
        List<ProgramGenerator.Program> programs = new ArrayList<>();
        int index = 0;
        for (ProgramGenerator.Illegal kind : ProgramGenerator.Illegal.values()) {
            int made = 0;
            for (int k = 0; made < PER_KIND; k++) {
                long seed = FuzzDifferentialTest.programSeed(base + 1_000_000 + kind.ordinal(), k);
                ProgramGenerator.Program p = ProgramGenerator.generate(seed, "p" + index,
                        FuzzDifferentialTest.features(), kind);
                if (p.illegal == null) {
                    continue; // the body ended before a place for it came up
                }
                programs.add(p);
                index++;
                made++;
            }
        }
        String source = FuzzHarness.coClass("CoIllegal", programs);
        Compilation c = FuzzHarness.javacWithProcessor(
                JavaFileObjects.forSourceString(FuzzHarness.PKG + ".CoIllegal", source));

        // expected: line -> message
        Map<Long, String> expected = new TreeMap<>();
        Map<Long, Long> seedOf = new TreeMap<>();
        String[] lines = source.split("\n", -1);
        int program = -1;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].trim().startsWith("// seed ")) {
                program++;
            }
            if (lines[i].contains("/*ILLEGAL*/")) {
                expected.put((long) (i + 1), programs.get(program).illegal.message(programs.get(program).id));
                seedOf.put((long) (i + 1), programs.get(program).seed);
            }
        }
        Map<Long, String> actual = new TreeMap<>();
        List<String> unexpected = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
            if (d.getKind() == Diagnostic.Kind.NOTE) {
                continue;
            }
            String msg = d.getMessage(Locale.ROOT);
            if (d.getKind() == Diagnostic.Kind.ERROR && expected.containsKey(d.getLineNumber())
                    && !actual.containsKey(d.getLineNumber())) {
                actual.put(d.getLineNumber(), msg);
            } else {
                unexpected.add(d.getKind() + " line " + d.getLineNumber() + ": " + msg);
            }
        }
        StringBuilder report = new StringBuilder();
        for (Map.Entry<Long, String> e : expected.entrySet()) {
            String got = actual.get(e.getKey());
            if (!e.getValue().equals(got)) {
                report.append("line ").append(e.getKey()).append(" (seed ").append(seedOf.get(e.getKey()))
                        .append("): expected\n    ").append(e.getValue()).append("\n  got\n    ").append(got)
                        .append('\n');
            }
        }
        for (String u : unexpected) {
            report.append("unexpected ").append(u).append('\n');
        }
        assertEquals(Compilation.Status.FAILURE, c.status());
        assertTrue(report.length() == 0, programs.size() + " illegal programs; problems:\n" + report);
        assertEquals(programs.size(), expected.size());
    }
}
