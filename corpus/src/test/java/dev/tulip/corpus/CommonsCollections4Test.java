package dev.tulip.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * commons-collections4 4.5.0, asyncified, its own tests run on both builds (as {@link CommonsLang3Test}).
 * Its generic decorators over package-private bases ({@code AbstractInputCheckedMapDecorator},
 * {@code AbstractHashedMap}'s nested entry and iterator classes) are what breaks annotation processors.
 *
 * <p>Its tests use commons-lang3, which they compile from commons-lang3's unpacked sources (a jar of it on
 * the class path would shadow the commons-lang3 build under test in {@link CommonsLang3Test}).
 */
class CommonsCollections4Test {
    private static final String PKG = "org/apache/commons/collections4/";

    /** The CI slice: generic key-value classes over an abstract base (their tests are quick). */
    static final List<String> SLICE = List.of("keyvalue/AbstractKeyValue", "keyvalue/DefaultKeyValue",
            "keyvalue/AbstractMapEntry", "keyvalue/DefaultMapEntry");

    /** Classes that do not compile asyncified yet, with the finding (notes/asyncify-findings.md). */
    static final Map<String, String> HELD_BACK = heldBack(Map.of(
            // private (inner or static) generic nested classes created in asyncified methods
            "F4", List.of("map/AbstractInputCheckedMapDecorator",
                    "map/ConcurrentReferenceHashMap",
                    "map/MultiValueMap",
                    "map/StaticBucketMap",
                    "list/FixedSizeList",
                    "map/UnmodifiableEntrySet"),
            // private constructors of generic classes called from asyncified methods
            "F5", List.of("bag/UnmodifiableBag",
                    "bag/UnmodifiableSortedBag",
                    "collection/UnmodifiableBoundedCollection",
                    "collection/UnmodifiableCollection",
                    "list/TreeList",
                    "map/UnmodifiableMap",
                    "map/UnmodifiableOrderedMap",
                    "map/UnmodifiableSortedMap",
                    "set/ListOrderedSet",
                    "set/MapBackedSet",
                    "set/UnmodifiableNavigableSet",
                    "set/UnmodifiableSet",
                    "set/UnmodifiableSortedSet")));

    private static Map<String, String> heldBack(Map<String, List<String>> byFinding) {
        Map<String, String> m = new java.util.TreeMap<>();
        byFinding.forEach((finding, classes) -> classes.forEach(c -> m.put(PKG + c + ".java", finding)));
        return m;
    }

    /** The full run: every class of these packages. */
    static final List<String> FULL_PACKAGES = List.of("map", "keyvalue", "list", "set", "bag", "collection");

    @Test
    void ownTestsGiveTheSameResultsOnTheAsyncifiedBuild() throws Exception {
        boolean full = "full".equals(System.getProperty("tulip.corpus"));
        Path work = Path.of(System.getProperty("corpus.work", "target/corpus")).resolve("commons-collections4");
        Corpus lib = new Corpus(work, "commons-collections4-4.5.0-sources.jar",
                "commons-collections4-4.5.0-test-sources.jar");
        List<String> classes = new ArrayList<>();
        if (full) {
            for (String p : FULL_PACKAGES) {
                classes.addAll(lib.classesOf(PKG + p));
            }
        } else {
            SLICE.forEach(c -> classes.add(PKG + c + ".java"));
        }
        new CorpusRun("commons-collections4 4.5.0", lib, classes, full ? "full" : "slice",
                List.of(CommonsLang3Test.library().mainSrc), HELD_BACK).check();
    }
}
