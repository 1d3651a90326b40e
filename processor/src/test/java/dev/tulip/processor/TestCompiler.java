package dev.tulip.processor;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Compiles sources with Tulip's processor in memory, and loads the result to run it. */
final class TestCompiler {
    private TestCompiler() {
    }

    static Compilation compile(JavaFileObject... sources) {
        return javac()
                .withProcessors(new TulipProcessor())
                .withOptions("-Xlint:all", "--release", "17")
                .compile(sources);
    }

    static JavaFileObject source(String qualifiedName, String... lines) {
        return JavaFileObjects.forSourceString(qualifiedName, String.join("\n", lines));
    }

    /** Compiles, fails with the diagnostics unless it succeeded without warnings, and loads the classes. */
    static ClassLoader compileAndLoad(JavaFileObject... sources) {
        Compilation c = compile(sources);
        List<Diagnostic<? extends JavaFileObject>> problems = new ArrayList<>(c.errors());
        // Warnings about the test's own sources are theirs; generated code must have none.
        for (Diagnostic<? extends JavaFileObject> w : c.warnings()) {
            if (w.getSource() == null || w.getSource().getName().contains("SOURCE_OUTPUT")) {
                problems.add(w);
            }
        }
        if (c.status() != Compilation.Status.SUCCESS || !problems.isEmpty()) {
            StringBuilder out = new StringBuilder("compilation problems:\n");
            for (Diagnostic<? extends JavaFileObject> d : problems) {
                out.append(d).append('\n');
            }
            for (JavaFileObject f : c.generatedSourceFiles()) {
                out.append("---- ").append(f.getName()).append('\n').append(contents(f));
            }
            throw new AssertionError(out.toString());
        }
        return load(classes(c));
    }

    /** The class files a compilation wrote, by binary name. */
    static Map<String, byte[]> classes(Compilation c) {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                String name = f.getName().replaceFirst("^/CLASS_OUTPUT/", "").replaceAll("\\.class$", "")
                        .replace('/', '.');
                classes.put(name, bytes(f));
            }
        }
        return classes;
    }

    /** A class loader defining these classes (by binary name). */
    static ClassLoader load(Map<String, byte[]> classes) {
        return new ClassLoader(TestCompiler.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
    }

    static String generated(Compilation c, String simpleName) {
        return c.generatedSourceFiles().stream()
                .filter(f -> f.getName().endsWith("/" + simpleName + ".java"))
                .map(TestCompiler::contents)
                .collect(Collectors.joining());
    }

    static String contents(JavaFileObject f) {
        try {
            return f.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JavaFileObject f) {
        try (InputStream in = f.openInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
