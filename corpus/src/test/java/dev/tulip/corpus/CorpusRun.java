package dev.tulip.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One run of the corpus on one library: the chosen main classes asyncified and compiled with the Tulip
 * processor, the library's own tests for them compiled against both builds, run on each, and compared.
 * Writes {@code report.md} in the library's work directory, then fails on any compile error or divergence.
 *
 * @param title the library and version, for the report
 * @param lib the library's unpacked sources
 * @param classes the classes to asyncify, as paths relative to the source root ({@code org/x/Util.java})
 * @param mode {@code slice} or {@code full}, for the report
 * @param testSourcePath more source roots the tests compile against (the sources of a test dependency)
 * @param heldBack classes of {@code classes} left as published, with the finding that keeps them from
 *     compiling asyncified; {@code -Dtulip.corpus.heldBack=include} asyncifies them too (to check a fix)
 */
record CorpusRun(String title, Corpus lib, List<String> classes, String mode, List<Path> testSourcePath,
        Map<String, String> heldBack) {

    CorpusRun {
        if (!"include".equals(System.getProperty("tulip.corpus.heldBack"))) {
            List<String> all = classes;
            Map<String, String> skip = new TreeMap<>(heldBack);
            skip.keySet().retainAll(all);
            classes = all.stream().filter(c -> !skip.containsKey(c)).toList();
            heldBack = skip;
        } else {
            heldBack = Map.of();
        }
    }

    /**
     * The test files of the classes: for {@code p/C.java}, {@code p/CTest.java} and {@code p/CSomethingTest.java}
     * ({@code StringUtilsTrimStripTest}) of the test sources.
     */
    List<Path> testFiles() throws IOException {
        List<Path> found = new ArrayList<>();
        for (String cls : classes) {
            Path dir = lib.testSrc.resolve(cls).getParent();
            String c = Path.of(cls).getFileName().toString().replace(".java", "");
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (var files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(c) && name.endsWith("Test.java") && !found.contains(f)
                            && (name.equals(c + "Test.java") || Character.isUpperCase(name.charAt(c.length())))) {
                        found.add(f);
                    }
                }
            }
        }
        return found;
    }

    /** Runs it: both builds, both test runs, the report; then the assertions. */
    void check() throws Exception {
        long t0 = System.nanoTime();
        Corpus.Asyncified async = lib.asyncify(classes);
        long tAsyncify = System.nanoTime();
        String cp = System.getProperty("java.class.path");
        Path work = lib.work;
        Path origClasses = work.resolve("orig-classes");
        Path asyncClasses = work.resolve("async-classes");
        // The chosen classes are the roots; javac compiles what they use from the source path.
        String origErrors = Corpus.compile(classes.stream().map(lib.mainSrc::resolve).toList(), lib.mainSrc,
                origClasses, cp, false);
        assertEquals("", origErrors, "the original sources compile");
        String asyncErrors = Corpus.compile(classes.stream().map(async.src()::resolve).toList(), async.src(),
                asyncClasses, cp, true);
        long tCompile = System.nanoTime();

        List<Path> testFiles = testFiles();
        List<String> tests = testFiles.stream().map(f -> lib.testSrc.relativize(f).toString()
                .replace(".java", "").replace(File.separatorChar, '.')).toList();
        StringBuilder extra = new StringBuilder();
        testSourcePath.forEach(p -> extra.append(File.pathSeparator).append(p));
        Path origTests = work.resolve("orig-test-classes");
        Path asyncTests = work.resolve("async-test-classes");
        assertEquals("", Corpus.compile(testFiles, Path.of(lib.testSrc + File.pathSeparator + lib.mainSrc + extra),
                origTests, cp + File.pathSeparator + origClasses, false));
        Map<String, String> before = Corpus.runTests(tests, origClasses, origTests);
        long tOrig = System.nanoTime();
        Map<String, String> after = Map.of();
        if (asyncErrors.isEmpty()) {
            assertEquals("", Corpus.compile(testFiles, Path.of(lib.testSrc + File.pathSeparator + async.src() + extra),
                    asyncTests, cp + File.pathSeparator + asyncClasses, false));
            after = Corpus.runTests(tests, asyncClasses, asyncTests);
        }
        long tAsync = System.nanoTime();
        List<String> divergences = new ArrayList<>();
        for (String id : new TreeSet<>(before.keySet())) {
            if (!before.get(id).equals(after.get(id))) {
                divergences.add(id + ": original " + before.get(id) + ", asyncified " + after.get(id));
            }
        }
        for (String id : after.keySet()) {
            if (!before.containsKey(id)) {
                divergences.add(id + ": only in the asyncified run, " + after.get(id));
            }
        }
        List<Asyncifier.Outcome> outcomes = async.outcomes();
        long asyncified = outcomes.stream().filter(Asyncifier.Outcome::asyncified).count();
        Map<String, Integer> why = new TreeMap<>();
        outcomes.stream().filter(o -> !o.asyncified()).forEach(o -> why.merge(o.reason(), 1, Integer::sum));
        StringBuilder report = new StringBuilder("# " + title + ", asyncified (" + mode + ")\n\n")
                .append("- classes (").append(classes.size()).append("): ")
                .append(classes.stream().map(c -> c.replace(".java", "").replace('/', '.')).toList()).append('\n')
                .append("- held back (left as published; the finding that fails them): ").append(heldBack).append('\n')
                .append("- methods asyncified: ").append(asyncified).append('\n')
                .append("- methods not asyncified: ").append(outcomes.size() - asyncified).append(' ').append(why)
                .append('\n')
                .append("- test classes: ").append(tests.size()).append('\n')
                .append("- tests run: ").append(before.size()).append(" (original), ").append(after.size())
                .append(" (asyncified)\n")
                .append("- divergences: ").append(divergences.size()).append('\n')
                .append(String.format("- time: %.0f s (asyncify %.0f s, compile both %.0f s, original tests %.0f s,"
                        + " asyncified tests %.0f s)%n%n", (tAsync - t0) / 1e9, (tAsyncify - t0) / 1e9,
                        (tCompile - tAsyncify) / 1e9, (tOrig - tCompile) / 1e9, (tAsync - tOrig) / 1e9));
        if (!asyncErrors.isEmpty()) {
            report.append("## The asyncified build does not compile\n\n```\n").append(asyncErrors).append("```\n\n");
        }
        report.append("## Divergences\n\n");
        divergences.forEach(d -> report.append("- ").append(d).append('\n'));
        report.append("\n## Methods not asyncified\n\n");
        outcomes.stream().filter(o -> !o.asyncified())
                .forEach(o -> report.append("- ").append(o.method()).append(": ").append(o.reason()).append('\n'));
        Files.writeString(work.resolve("report.md"), report);
        System.out.println(report.substring(0, Math.min(report.length(), 4000)));

        assertEquals("", asyncErrors, "the asyncified sources compile with the Tulip processor; see " + work.resolve("report.md"));
        assertTrue(before.size() > 0, "the tests ran");
        assertEquals(List.of(), divergences, "same outcome for every test");
    }
}
