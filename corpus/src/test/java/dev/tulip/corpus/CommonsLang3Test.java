package dev.tulip.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * commons-lang3 3.17.0, asyncified: the chosen main classes rewritten by {@link Asyncifier}, compiled with
 * the Tulip processor, and commons-lang3's own tests for them run unchanged against the asyncified build
 * and against the original; both must give the same outcome for every test.
 *
 * <p>{@code -Dtulip.corpus=slice} (the default, for CI) takes a few classes; {@code full} the classes in
 * {@link #FULL} and every class of the packages in {@link #FULL_PACKAGES}. The report goes to
 * {@code target/corpus/commons-lang3/report.md}.
 */
class CommonsLang3Test {
    private static final String PKG = "org/apache/commons/lang3/";

    /** The CI slice: main classes and the tests that exercise them (needing only JUnit Jupiter). */
    static final List<String> SLICE = List.of("CharUtils", "BooleanUtils");

    /** The full run: these classes of {@code org.apache.commons.lang3}... */
    static final List<String> FULL = List.of("CharUtils", "BooleanUtils", "CharSequenceUtils", "ArraySorter",
            "BitField", "CharRange", "CharSet", "CharSetUtils", "Conversion", "RegExUtils", "Validate",
            "ObjectUtils", "ArrayUtils", "StringUtils", "ClassUtils", "EnumUtils", "LocaleUtils", "RandomUtils",
            "SystemUtils", "ThreadUtils", "SerializationUtils", "StringEscapeUtils", "AnnotationUtils");

    /** ...and every class of these subpackages. */
    static final List<String> FULL_PACKAGES = List.of("math", "tuple", "builder", "text", "time");

    /** Classes that do not compile asyncified yet, with the finding (notes/asyncify-findings.md). */
    static final Map<String, String> HELD_BACK = Map.of(
            // a private constructor of the generic class, private generic nested classes
            PKG + "builder/DiffBuilder.java", "F4, F5",
            PKG + "builder/ReflectionDiffBuilder.java", "F5",
            // a call in the asyncified body the processor's shadow cannot resolve
            PKG + "time/DurationUtils.java", "F6",
            // private constants as case labels
            PKG + "text/ExtendedMessageFormat.java", "F7");

    /** The library's sources, unpacked (also the source of a test dependency of other libraries). */
    static Corpus library() {
        Path work = Path.of(System.getProperty("corpus.work", "target/corpus")).resolve("commons-lang3");
        return new Corpus(work, "commons-lang3-3.17.0-sources.jar", "commons-lang3-3.17.0-test-sources.jar");
    }

    @Test
    void ownTestsGiveTheSameResultsOnTheAsyncifiedBuild() throws Exception {
        boolean full = "full".equals(System.getProperty("tulip.corpus"));
        Corpus lib = library();
        List<String> classes = new ArrayList<>();
        (full ? FULL : SLICE).forEach(c -> classes.add(PKG + c + ".java"));
        if (full) {
            for (String p : FULL_PACKAGES) {
                classes.addAll(lib.classesOf(PKG + p));
            }
        }
        new CorpusRun("commons-lang3 3.17.0", lib, classes, full ? "full" : "slice", List.of(), HELD_BACK).check();
    }
}
