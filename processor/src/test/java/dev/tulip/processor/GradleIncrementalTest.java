package dev.tulip.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * The processor is declared isolating for Gradle: run it as Gradle runs an incremental processor
 * (behind a decorated environment whose Filer records originating elements and forbids resources, and
 * which javac's Trees API does not accept), and check what Gradle checks: every generated file has
 * exactly one originating top-level type, the one whose methods it compiles.
 */
class GradleIncrementalTest {
    /** Shaped like Gradle's IncrementalProcessingEnvironment: a {@code delegate} field and its getter. */
    static final class DecoratedEnvironment implements ProcessingEnvironment {
        private final ProcessingEnvironment delegate;
        private final Filer filer;

        DecoratedEnvironment(ProcessingEnvironment delegate, Filer filer) {
            this.delegate = delegate;
            this.filer = filer;
        }

        @Override public Map<String, String> getOptions() { return delegate.getOptions(); }
        @Override public Messager getMessager() { return delegate.getMessager(); }
        @Override public Filer getFiler() { return filer; }
        @Override public Elements getElementUtils() { return delegate.getElementUtils(); }
        @Override public Types getTypeUtils() { return delegate.getTypeUtils(); }
        @Override public SourceVersion getSourceVersion() { return delegate.getSourceVersion(); }
        @Override public Locale getLocale() { return delegate.getLocale(); }

        public ProcessingEnvironment getDelegateProcessingEnvironment() {
            return delegate;
        }
    }

    /** Records each generated file's originating elements; resources are refused, as Gradle does. */
    static final class RecordingFiler implements Filer {
        final Filer delegate;
        final Map<String, List<Element>> origins = new LinkedHashMap<>();
        final List<String> refused = new ArrayList<>();

        RecordingFiler(Filer delegate) {
            this.delegate = delegate;
        }

        @Override
        public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements) throws IOException {
            origins.put(name.toString(), List.of(originatingElements));
            return delegate.createSourceFile(name, originatingElements);
        }

        @Override
        public JavaFileObject createClassFile(CharSequence name, Element... originatingElements) throws IOException {
            origins.put(name.toString(), List.of(originatingElements));
            return delegate.createClassFile(name, originatingElements);
        }

        @Override
        public FileObject createResource(JavaFileManager.Location location, CharSequence pkg, CharSequence relativeName,
                Element... originatingElements) throws IOException {
            refused.add("createResource " + relativeName);
            throw new IOException("Incremental annotation processors are not allowed to create resources.");
        }

        @Override
        public FileObject getResource(JavaFileManager.Location location, CharSequence pkg, CharSequence relativeName)
                throws IOException {
            refused.add("getResource " + pkg + "/" + relativeName);
            throw new IOException("Incremental annotation processors are not allowed to read resources.");
        }
    }

    /** Runs Tulip's processor behind the decorator, as Gradle's IsolatingProcessor does. */
    static final class AsGradleRunsIt extends AbstractProcessor {
        final TulipProcessor tulip = new TulipProcessor();
        RecordingFiler filer;

        @Override
        public synchronized void init(ProcessingEnvironment env) {
            super.init(env);
            filer = new RecordingFiler(env.getFiler());
            tulip.init(new DecoratedEnvironment(env, filer));
        }

        @Override public Set<String> getSupportedAnnotationTypes() { return tulip.getSupportedAnnotationTypes(); }
        @Override public Set<String> getSupportedOptions() { return tulip.getSupportedOptions(); }
        @Override public SourceVersion getSupportedSourceVersion() { return tulip.getSupportedSourceVersion(); }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return tulip.process(annotations, round);
        }
    }

    private static String topLevel(Element e) {
        Element t = e;
        while (!(t.getEnclosingElement() instanceof PackageElement)) {
            t = t.getEnclosingElement();
        }
        return ((TypeElement) t).getQualifiedName().toString();
    }

    @Test
    void everyGeneratedFileHasExactlyOneOriginatingTopLevelType() {
        AsGradleRunsIt processor = new AsGradleRunsIt();
        Compilation c = javac().withProcessors(processor).withOptions("--release", "17").compile(
                TestCompiler.source("demo.Kitchen",
                        "package demo;",
                        "import static dev.tulip.Tulip.*;",
                        "import dev.tulip.*;",
                        "public class Kitchen {",
                        "    private int served;",
                        "    @Async Coroutine<String> cook(String dish) { await(sleep(1)); served++; return done(dish); }",
                        "    static class Oven {",
                        "        @Async static Coroutine<Integer> bake() { await(sleep(2)); return done(2); }",
                        "    }",
                        "}"),
                TestCompiler.source("demo.Talk",
                        "package demo;",
                        "import dev.tulip.*;",
                        "public class Talk {",
                        "    @Generator.Method static Generator<String> words() {",
                        "        Tulip.yield(\"a\");",
                        "        Tulip.yield(\"b\");",
                        "        return Tulip.doneYielding();",
                        "    }",
                        "    @Async static Coroutine<String> first() { Tulip.await(Tulip.sleep(0)); return Tulip.done(\"a\"); }",
                        "}"),
                TestCompiler.source("demo.Plain",
                        "package demo;",
                        "public class Plain { static Object kitchen() { return KitchenAsync.class; } }"));
        assertEquals(Compilation.Status.SUCCESS, c.status(), () -> c.diagnostics().toString());
        assertEquals(List.of(), processor.filer.refused, "Gradle's Filer refuses resources: the shadow must not use it");
        Map<String, Set<String>> originsByFile = new LinkedHashMap<>();
        processor.filer.origins.forEach((file, elements) -> {
            Set<String> tops = new TreeSet<>();
            elements.forEach(e -> tops.add(topLevel(e)));
            originsByFile.put(file, tops);
        });
        assertEquals(Map.of(
                "demo.KitchenAsync", Set.of("demo.Kitchen"),
                "demo.Kitchen_OvenAsync", Set.of("demo.Kitchen"),
                "demo.TalkAsync", Set.of("demo.Talk")), originsByFile);
        processor.filer.origins.forEach((file, elements) ->
                assertEquals(1, elements.size(), () -> file + " has originating elements " + elements));
    }

    @Test
    void theMetadataDeclaresTheRegisteredProcessorIsolating() throws IOException {
        String metadata = resource("META-INF/gradle/incremental.annotation.processors");
        assertEquals(TulipProcessor.class.getName() + ",isolating", metadata.strip());
        String services = resource("META-INF/services/javax.annotation.processing.Processor");
        assertTrue(services.lines().anyMatch(l -> l.strip().equals(TulipProcessor.class.getName())), services);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TulipProcessor.class.getClassLoader().getResourceAsStream(name)) {
            assertTrue(in != null, name + " is missing");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
