package dev.tulip.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.tulip.Coroutine;
import dev.tulip.Tulip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Processing rounds and separate compilation. */
class RoundsTest {
    /** Generates {@code gen.Helper} in the first round, as another annotation processor would. */
    static final class GeneratingProcessor extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer w = processingEnv.getFiler().createSourceFile("gen.Helper").openWriter()) {
                    w.write("package gen; public class Helper { public static String hello() { return \"generated\"; } }");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    @Test
    void bodyUsingATypeGeneratedThisRoundIsDeferred() throws Exception {
        JavaFileObject source = TestCompiler.source("demo.UsesGenerated",
                "package demo;",
                "import dev.tulip.*;",
                "import static dev.tulip.Tulip.*;",
                "public class UsesGenerated {",
                "  @Async static Coroutine<String> m() {",
                "    await(sleep(0));",
                "    return done(gen.Helper.hello());",
                "  }",
                "  public static String main() { return runVirtual(UsesGeneratedAsync.m()); }",
                "}");
        Compilation c = javac().withProcessors(new GeneratingProcessor(), new TulipProcessor())
                .withOptions("-Xlint:all", "-Xlint:-processing", "--release", "17").compile(source);
        assertThat(c).succeededWithoutWarnings();
        assertThat(c).generatedSourceFile("demo.UsesGeneratedAsync");
    }

    @Test
    void callsAsyncMethodsOfSeparatelyCompiledClasses(@TempDir Path dir) throws Exception {
        JavaFileObject library = TestCompiler.source("lib.Library",
                "package lib;",
                "import dev.tulip.*;",
                "import static dev.tulip.Tulip.*;",
                "public class Library {",
                "  public static class Nested {",
                "    @Async public static Coroutine<String> greet(String who) {",
                "      await(sleep(0));",
                "      return done(\"hello \" + who);",
                "    }",
                "  }",
                "}");
        Compilation first = TestCompiler.compile(library);
        assertThat(first).succeeded();
        Path classes = dir.resolve("classes");
        for (JavaFileObject f : first.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                Path out = classes.resolve(f.getName().replaceFirst("^/CLASS_OUTPUT/", ""));
                Files.createDirectories(out.getParent());
                try (var in = f.openInputStream()) {
                    Files.copy(in, out);
                }
            }
        }
        JavaFileObject app = TestCompiler.source("app.App",
                "package app;",
                "import dev.tulip.*;",
                "import lib.Library;",
                "import static dev.tulip.Tulip.*;",
                "public class App {",
                "  @Async static Coroutine<String> m() {",
                "    return done(await(Library.Nested.greet(\"world\")) + \"!\");",
                "  }",
                "}");
        Compilation second = javac().withProcessors(new TulipProcessor())
                .withOptions("-Xlint:all", "--release", "17")
                .withClasspath(java.util.List.of(classes.toFile(),
                        new java.io.File(Tulip.class.getProtectionDomain().getCodeSource().getLocation().toURI())))
                .compile(app);
        assertThat(second).succeededWithoutWarnings();
        assertThat(second).generatedSourceFile("app.AppAsync").contentsAsUtf8String()
                .contains("Library_NestedAsync.greet(\"world\")");
        // Run it: the second compilation's classes plus the library's.
        Path appClasses = dir.resolve("app");
        for (JavaFileObject f : second.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                Path out = appClasses.resolve(f.getName().replaceFirst("^/CLASS_OUTPUT/", ""));
                Files.createDirectories(out.getParent());
                try (var in = f.openInputStream()) {
                    Files.copy(in, out);
                }
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL(), appClasses.toUri().toURL()},
                getClass().getClassLoader())) {
            Method factory = loader.loadClass("app.AppAsync").getDeclaredMethod("m");
            factory.setAccessible(true);
            assertEquals("hello world!", Tulip.runVirtual((Coroutine<?>) factory.invoke(null)));
        }
    }
}
