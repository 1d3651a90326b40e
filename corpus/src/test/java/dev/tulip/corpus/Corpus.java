package dev.tulip.corpus;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One library of the corpus: its sources unpacked from the {@code sources} jar, built twice (as published,
 * and with the chosen classes asyncified and compiled through the Tulip processor), and its own tests run
 * against both builds.
 */
final class Corpus {
    final Path work;
    final Path mainSrc;
    final Path testSrc;

    Corpus(Path work, String sourcesJar, String testSourcesJar) {
        this.work = work;
        this.mainSrc = work.resolve("main-src");
        this.testSrc = work.resolve("test-src");
        unpack(jarOnClassPath(sourcesJar), mainSrc);
        unpack(jarOnClassPath(testSourcesJar), testSrc);
    }

    static Path jarOnClassPath(String fileName) {
        for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (e.endsWith(fileName)) {
                return Path.of(e);
            }
        }
        throw new IllegalStateException(fileName + " is not on the test class path (a dependency of corpus/pom.xml)");
    }

    private static void unpack(Path jar, Path into) {
        try {
            if (Files.isDirectory(into)) {
                return;
            }
            Path tmp = into.resolveSibling(into.getFileName() + ".tmp");
            try (ZipInputStream z = new ZipInputStream(Files.newInputStream(jar))) {
                for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                    Path to = tmp.resolve(e.getName()).normalize();
                    if (!to.startsWith(tmp) || e.isDirectory()) {
                        continue;
                    }
                    Files.createDirectories(to.getParent());
                    Files.copy(z, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(tmp, into);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> javaFiles(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".java") && !p.endsWith("module-info.java")
                    && !p.endsWith("package-info.java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The main classes of one package (not of its subpackages), as paths relative to the source root.
     *
     * @param pkg the package's directory, {@code org/x/y}
     */
    List<String> classesOf(String pkg) throws IOException {
        try (Stream<Path> s = Files.list(mainSrc.resolve(pkg))) {
            return s.map(p -> mainSrc.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                    .filter(p -> p.endsWith(".java") && !p.endsWith("package-info.java")).sorted().toList();
        }
    }

    /** The result of asyncifying. */
    record Asyncified(Path src, List<Asyncifier.Outcome> outcomes) {}

    /**
     * Copies the main sources to {@code async-src}, the given classes rewritten.
     *
     * @param classes paths of the classes' files, relative to the source root
     */
    Asyncified asyncify(List<String> classes) throws IOException {
        Path out = work.resolve("async-src");
        deleteTree(out);
        for (Path p : javaFiles(mainSrc)) {
            Path to = out.resolve(mainSrc.relativize(p).toString());
            Files.createDirectories(to.getParent());
            Files.copy(p, to);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null);
        List<Path> files = classes.stream().map(mainSrc::resolve).toList();
        JavacTask task = (JavacTask) javac.getTask(null, fm, null,
                List.of("-proc:none", "--release", "17", "-sourcepath", mainSrc.toString(), "-Xlint:none", "-nowarn"),
                null, fm.getJavaFileObjectsFromPaths(files));
        List<CompilationUnitTree> units = new ArrayList<>();
        task.parse().forEach(units::add);
        task.analyze();
        Asyncifier tool = new Asyncifier(task);
        for (CompilationUnitTree unit : units) {
            Path src = Path.of(unit.getSourceFile().toUri());
            String text = Files.readString(src);
            Files.writeString(out.resolve(mainSrc.relativize(src).toString()), tool.rewrite(unit, text));
        }
        return new Asyncified(out, tool.outcomes());
    }

    /**
     * Compiles a source tree; with the Tulip processor when {@code tulip}.
     *
     * @return javac's diagnostics; empty when it compiled
     */
    static String compile(List<Path> files, Path sourcepath, Path out, String classPath, boolean tulip) throws IOException {
        deleteTree(out);
        Files.createDirectories(out);
        List<String> options = new ArrayList<>(List.of("--release", "17", "-nowarn", "-Xlint:none", "-encoding", "UTF-8",
                "-d", out.toString(), "-cp", classPath, "-Xmaxerrs", "10000"));
        if (sourcepath != null) {
            options.addAll(List.of("-sourcepath", sourcepath.toString()));
        }
        if (tulip) {
            options.addAll(List.of("-processorpath", System.getProperty("java.class.path")));
        } else {
            options.add("-proc:none");
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StandardJavaFileManager fm = javac.getStandardFileManager(null, null, java.nio.charset.StandardCharsets.UTF_8);
        StringWriter errors = new StringWriter();
        Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(files);
        boolean ok = javac.getTask(errors, fm, null, options, null, units).call();
        return ok ? "" : errors.toString().isEmpty() ? "javac failed" : errors.toString();
    }

    /** Runs test classes against a build; returns each test's outcome by unique id. */
    static Map<String, String> runTests(List<String> testClasses, Path... classes) throws IOException {
        URL[] urls = new URL[classes.length];
        for (int i = 0; i < classes.length; i++) {
            urls[i] = classes[i].toUri().toURL();
        }
        Map<String, String> results = new TreeMap<>();
        Thread t = Thread.currentThread();
        ClassLoader saved = t.getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(urls, Corpus.class.getClassLoader())) {
            t.setContextClassLoader(loader);
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(testClasses.stream().map(c -> DiscoverySelectors.selectClass(c)).toList())
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .build();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    if (id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        String outcome = result.getStatus().toString();
                        if (result.getThrowable().isPresent()) {
                            Throwable e = result.getThrowable().get();
                            outcome += " " + e.getClass().getName();
                        }
                        results.put(id.getUniqueId(), outcome);
                    }
                }

                @Override
                public void executionSkipped(TestIdentifier id, String reason) {
                    results.put(id.getUniqueId(), "SKIPPED");
                }
            });
        } finally {
            t.setContextClassLoader(saved);
        }
        return results;
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
