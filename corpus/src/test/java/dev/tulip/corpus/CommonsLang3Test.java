package dev.tulip.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * commons-lang3 3.17.0, asyncified: the chosen main classes rewritten by {@link Asyncifier}, compiled with
 * the Tulip processor, and commons-lang3's own tests for them run unchanged against the asyncified build
 * and against the original; both must give the same outcome for every test.
 *
 * <p>{@code -Dtulip.corpus=slice} (the default, for CI) takes a few classes; {@code full} all the classes
 * listed in {@link #FULL}. The report goes to {@code target/corpus/commons-lang3/report.md}.
 */
class CommonsLang3Test {
    private static final String PKG = "org/apache/commons/lang3/";

    /** The CI slice: main classes and the tests that exercise them (needing only JUnit Jupiter). */
    static final List<String> SLICE = List.of("CharUtils", "BooleanUtils");

    /** The full run. */
    static final List<String> FULL = List.of("CharUtils", "BooleanUtils", "CharSequenceUtils", "ArraySorter",
            "BitField", "CharRange", "CharSet", "CharSetUtils", "Conversion", "RegExUtils", "Validate",
            "ObjectUtils", "ArrayUtils", "StringUtils", "ClassUtils", "EnumUtils", "LocaleUtils", "RandomUtils",
            "SystemUtils", "ThreadUtils", "SerializationUtils", "StringEscapeUtils", "AnnotationUtils");

    @Test
    void ownTestsGiveTheSameResultsOnTheAsyncifiedBuild() throws Exception {
        boolean full = "full".equals(System.getProperty("tulip.corpus"));
        List<String> classes = full ? FULL : SLICE;
        Path work = Path.of(System.getProperty("corpus.work", "target/corpus")).resolve("commons-lang3");
        Corpus lib = new Corpus(work, "commons-lang3-3.17.0-sources.jar", "commons-lang3-3.17.0-test-sources.jar");

        Corpus.Asyncified async = lib.asyncify(classes.stream().map(c -> PKG + c + ".java").toList());
        String cp = System.getProperty("java.class.path");
        Path origClasses = work.resolve("orig-classes");
        Path asyncClasses = work.resolve("async-classes");
        // The chosen classes are the roots; javac compiles what they use from the source path.
        List<String> roots = classes.stream().map(c -> PKG + c + ".java").toList();
        String origErrors = Corpus.compile(roots.stream().map(lib.mainSrc::resolve).toList(), lib.mainSrc,
                origClasses, cp, false);
        assertEquals("", origErrors, "the original sources compile");
        // Finding F2: types javac compiles implicitly from the source path are printed unqualified in the
        // companions, so the asyncified build has every file as a root.
        String asyncErrors = Corpus.compile(Corpus.javaFiles(async.src()), null, asyncClasses, cp, true);

        List<String> tests = new ArrayList<>();
        List<Path> testFiles = new ArrayList<>();
        for (String c : classes) {
            // the class's tests: CTest and CSomethingTest (StringUtilsTrimStripTest, ...)
            try (var files = Files.list(lib.testSrc.resolve(PKG))) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.startsWith(c) && name.endsWith("Test.java") && !testFiles.contains(f)
                            && (name.equals(c + "Test.java") || Character.isUpperCase(name.charAt(c.length())))) {
                        testFiles.add(f);
                        tests.add("org.apache.commons.lang3." + name.substring(0, name.length() - 5));
                    }
                }
            }
        }
        Path origTests = work.resolve("orig-test-classes");
        Path asyncTests = work.resolve("async-test-classes");
        assertEquals("", Corpus.compile(testFiles, Path.of(lib.testSrc + File.pathSeparator + lib.mainSrc), origTests,
                cp + File.pathSeparator + origClasses, false));
        Map<String, String> before = Corpus.runTests(tests, origClasses, origTests);
        Map<String, String> after = Map.of();
        if (asyncErrors.isEmpty()) {
            assertEquals("", Corpus.compile(testFiles, Path.of(lib.testSrc + File.pathSeparator + async.src()), asyncTests,
                    cp + File.pathSeparator + asyncClasses, false));
            after = Corpus.runTests(tests, asyncClasses, asyncTests);
        }
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
        long asyncified = async.outcomes().stream().filter(Asyncifier.Outcome::asyncified).count();
        StringBuilder report = new StringBuilder("# commons-lang3 3.17.0, asyncified (" + (full ? "full" : "slice") + ")\n\n")
                .append("- classes: ").append(classes).append('\n')
                .append("- methods asyncified: ").append(asyncified).append('\n')
                .append("- methods not asyncified: ").append(async.outcomes().size() - asyncified).append('\n')
                .append("- tests run: ").append(before.size()).append(" (original), ").append(after.size())
                .append(" (asyncified)\n")
                .append("- divergences: ").append(divergences.size()).append("\n\n");
        if (!asyncErrors.isEmpty()) {
            report.append("## The asyncified build does not compile\n\n```\n").append(asyncErrors).append("```\n\n");
        }
        report.append("## Divergences\n\n");
        divergences.forEach(d -> report.append("- ").append(d).append('\n'));
        report.append("\n## Methods not asyncified\n\n");
        async.outcomes().stream().filter(o -> !o.asyncified())
                .forEach(o -> report.append("- ").append(o.method()).append(": ").append(o.reason()).append('\n'));
        Files.writeString(work.resolve("report.md"), report);
        System.out.println(report.substring(0, Math.min(report.length(), 4000)));

        assertEquals("", asyncErrors, "the asyncified sources compile with the Tulip processor; see " + work.resolve("report.md"));
        assertTrue(before.size() > 0, "the tests ran");
        assertEquals(List.of(), divergences, "same outcome for every test");
    }
}
