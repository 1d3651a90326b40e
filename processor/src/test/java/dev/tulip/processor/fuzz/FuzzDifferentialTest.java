package dev.tulip.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The differential fuzzer of the transform (issue 7). Every generated program runs three ways
 * (plain Java, suspending state machine, immediate state machine) and the traces must be identical.
 *
 * <ul>
 *   <li>CI: {@value #CI_COUNT} programs from a fixed base seed, in batches of {@value #BATCH}.</li>
 *   <li>Long mode: {@code -Dtulip.fuzz.count=10000} (and {@code -Dtulip.fuzz.base=<n>} for other
 *       programs, {@code -Dtulip.fuzz.seconds=<n>} to stop after a time budget).</li>
 *   <li>One program: {@code -Dtulip.fuzz.seed=<program seed>}, as printed with every failure; its
 *       sources, generated code and traces are written under {@code target/fuzz-failures/}.</li>
 * </ul>
 */
class FuzzDifferentialTest {
    static final int CI_COUNT = 300;
    static final int BATCH = 30;
    static final long CI_BASE = 7;

    /** The generator's configuration: constructs hitting open bugs are switched off here, by name. */
    static ProgramGenerator.Features features() {
        ProgramGenerator.Features f = ProgramGenerator.Features.all();
        // Constructs hitting an open processor bug are switched off here, by name, each pinned by a test
        // of regressions/TransformRegressionTest; none is open now.
        toggle(f, System.getProperty("tulip.fuzz.enable"), true);
        toggle(f, System.getProperty("tulip.fuzz.disable"), false);
        return f;
    }

    /** {@code -Dtulip.fuzz.enable=boxedCompound,patterns} (or disable): to check a fix, or hunt one bug. */
    private static void toggle(ProgramGenerator.Features f, String names, boolean value) {
        if (names == null || names.isBlank()) {
            return;
        }
        for (String name : names.split(",")) {
            try {
                ProgramGenerator.Features.class.getDeclaredField(name.trim()).setBoolean(f, value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("no generator feature named " + name, e);
            }
        }
    }

    static long programSeed(long base, int index) {
        long z = base * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }

    @Test
    void fuzzTheTransform() throws IOException {
        String single = System.getProperty("tulip.fuzz.seed");
        int count = Integer.getInteger("tulip.fuzz.count", CI_COUNT);
        long base = Long.getLong("tulip.fuzz.base", CI_BASE);
        Long seconds = Long.getLong("tulip.fuzz.seconds");
        int batch = Integer.getInteger("tulip.fuzz.batch", BATCH);
        long start = System.nanoTime();
        long deadline = seconds == null ? Long.MAX_VALUE : start + seconds * 1_000_000_000L;
        FuzzHarness h = new FuzzHarness(Path.of("target", "fuzz-failures"));
        List<FuzzHarness.Failure> failures = new ArrayList<>();
        try {
            if (single != null) {
                long seed = Long.parseLong(single);
                ProgramGenerator.Program p = ProgramGenerator.generate(seed, "p0", features());
                System.out.println(p.describe());
                failures.addAll(h.run("One", List.of(p)));
                boolean javacBug = failures.isEmpty() && !h.skipped.isEmpty();
                if ((!failures.isEmpty() || javacBug) && Boolean.getBoolean("tulip.fuzz.reduce")) {
                    FuzzHarness quiet = new FuzzHarness(null);
                    try {
                        FuzzHarness.Failure what = javacBug ? new FuzzHarness.Failure(p, "SKIPPED", "") : failures.get(0);
                        ProgramGenerator.Program small = Reducer.reduce(quiet, p, what);
                        Path out = Path.of("target", "fuzz-failures", "seed-" + seed, "reduced.java");
                        Files.createDirectories(out.getParent());
                        Files.writeString(out, small.describe());
                        System.out.println("---- reduced (" + out + ") ----\n" + small.describe());
                    } finally {
                        quiet.close();
                    }
                }
            } else {
                int b = 0;
                for (int i = 0; i < count && (seconds == null || System.nanoTime() < deadline); i += batch, b++) {
                    List<ProgramGenerator.Program> programs = new ArrayList<>();
                    for (int k = i; k < Math.min(count, i + batch); k++) {
                        programs.add(ProgramGenerator.generate(programSeed(base, k), "p" + (k - i), features()));
                    }
                    failures.addAll(h.run("B" + b, programs));
                    if (count > CI_COUNT) {
                        // long mode: a line per batch, so that a run stopped early still says how far it got
                        System.out.printf("tulip fuzz progress: %d programs generated, %d run, %d failures, %d"
                                + " skipped, %.0f s%n", Math.min(count, i + batch), h.programsRun, failures.size(),
                                h.skipped.size(), (System.nanoTime() - start) / 1e9);
                    }
                }
            }
        } finally {
            h.close();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf("tulip fuzz: %d programs run, %d compilations, %d failures, %d skipped (javac"
                + " miscompiles or crashes on the reference), %.1f s (base seed %d)%n", h.programsRun, h.compilations,
                failures.size(), h.skipped.size(), secs, base);
        for (String s : h.skipped) {
            System.out.println("  skipped " + s);
        }
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < failures.size(); i++) {
            if (i < 5) {
                report.append("\n==== failure ").append(i + 1).append(" ====\n").append(failures.get(i));
            } else {
                String d = failures.get(i).detail;
                int nl = d.indexOf('\n');
                report.append("\nalso: ").append(failures.get(i).kind).append(" seed=")
                        .append(failures.get(i).program.seed).append(": ")
                        .append(nl < 0 ? d : d.substring(0, nl));
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " failing programs" + report);
    }
}
