package dev.tulip.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * CPython as the oracle: {@code oracle.py} writes random asyncio programs twice, in Python and as
 * {@code @Async} Java, and runs the Python ones on a virtual-time loop; this test compiles the Java ones
 * in-process with Tulip's processor, runs each on Tulip's virtual-time loop and compares the traces line
 * for line. Programs where CPython's order is unspecified (two timers due at the same instant) are
 * marked AMBIGUOUS by the generator and skipped, counted in the summary.
 *
 * <p>{@code -Doracle.count=N -Doracle.seed=S} choose the programs (CI: 150 from seed 1; the long mode is
 * {@code -Doracle.count=10000}). Skipped when python3 is not installed. A divergence leaves both traces and
 * both programs under {@code oracle/target/oracle/diverged/}.
 */
class CPythonOracleTest {
    private static final int BATCH = 250;

    @Test
    void tulipTracesEqualCPythons() throws Exception {
        int count = Integer.getInteger("oracle.count", 150);
        int first = Integer.getInteger("oracle.seed", 1);
        Path script = Path.of(System.getProperty("oracle.script", "src/test/python/oracle.py"));
        Path work = Path.of(System.getProperty("oracle.work", "target/oracle"));
        Assumptions.assumeTrue(python3Works(), "python3 is not installed: the CPython oracle is skipped");

        int compared = 0;
        int ambiguous = 0;
        int deadlocks = 0;
        List<String> diverged = new ArrayList<>();
        for (int from = first; from < first + count; from += BATCH) {
            int n = Math.min(BATCH, first + count - from);
            Path dir = work.resolve("batch-" + from);
            generate(script, dir, from, n);
            Path classes = compile(dir);
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                    CPythonOracleTest.class.getClassLoader())) {
                for (int seed = from; seed < from + n; seed++) {
                    List<String> expected = Files.readAllLines(dir.resolve("expected/" + seed + ".txt"));
                    if (expected.equals(List.of("AMBIGUOUS"))) {
                        ambiguous++;
                        continue;
                    }
                    if (!expected.isEmpty() && expected.get(0).equals("PYTHON FAILED")) {
                        fail("CPython failed on program " + seed + ":\n" + String.join("\n", expected));
                    }
                    List<String> actual = runJava(loader, seed);
                    compared++;
                    if (expected.get(expected.size() - 1).equals("DEADLOCK")) {
                        deadlocks++;
                    }
                    if (!expected.equals(actual)) {
                        diverged.add(String.valueOf(seed));
                        keep(work, dir, seed, expected, actual);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "[oracle] seeds %d..%d done: %d compared, %d ambiguous, %d diverged so far%n",
                    first, from + n - 1, compared, ambiguous, diverged.size());
        }
        System.out.printf(Locale.ROOT, "[oracle] %d programs from seed %d: %d compared (%d end in a deadlock"
                + " on both sides), %d ambiguous skipped, %d diverged%n", count, first, compared, deadlocks,
                ambiguous, diverged.size());
        assertTrue(compared >= count * 0.6, "too few programs compared: " + compared + " of " + count);
        assertEquals(List.of(), diverged, "programs whose Tulip trace differs from CPython's (see "
                + work.resolve("diverged") + ")");
    }

    private static boolean python3Works() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import asyncio; asyncio.TaskGroup; asyncio.timeout")
                    .redirectErrorStream(true).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void generate(Path script, Path dir, int from, int n) throws Exception {
        Process p = new ProcessBuilder("python3", script.toString(), dir.toString(), String.valueOf(from),
                String.valueOf(n)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            fail("oracle.py failed:\n" + out);
        }
    }

    private static Path compile(Path dir) throws IOException {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<File> sources;
        try (Stream<Path> files = Files.walk(dir.resolve("java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toFile).toList();
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                    "-s", dir.resolve("generated").toString(), "-Xlint:none", "-nowarn");
            Files.createDirectories(dir.resolve("generated"));
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromFiles(sources));
            task.setProcessors(List.of(new dev.tulip.processor.TulipProcessor()));
            if (!task.call()) {
                StringBuilder sb = new StringBuilder("generated programs do not compile:\n");
                diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == javax.tools.Diagnostic.Kind.ERROR)
                        .limit(20).forEach(d -> sb.append(d).append('\n'));
                fail(sb.toString());
            }
        }
        return classes;
    }

    @SuppressWarnings("unchecked")
    private static List<String> runJava(ClassLoader loader, int seed) throws Exception {
        Trace.LINES.clear();
        Coroutine<Void> main = (Coroutine<Void>) loader.loadClass("dev.tulip.oracle.gen.P" + seed + "Async")
                .getMethod("main").invoke(null);
        EventLoop loop = EventLoop.virtualTime();
        loop.setExceptionHandler((l, message, exception) -> { });
        try {
            Task<Void> task = loop.createTask(main, "main");
            loop.runUntilComplete(task);
        } catch (IllegalStateException e) {
            if (e.getMessage() == null || !e.getMessage().contains("(deadlock)")) {
                Trace.LINES.add("JAVA FAILED " + e);
            } else {
                Trace.LINES.add("DEADLOCK");
                finishLeftovers(loop);
            }
        } catch (RuntimeException | Error e) {
            Trace.LINES.add("JAVA FAILED " + e);
        } finally {
            try {
                loop.close();
            } catch (RuntimeException ignored) {
                // a deadlocked loop still holds tasks
            }
        }
        return new ArrayList<>(Trace.LINES);
    }

    /** Cancels what a deadlocked program left and lets it finish, as the Python side does. */
    private static void finishLeftovers(EventLoop loop) {
        List<String> trace = new ArrayList<>(Trace.LINES);
        for (int round = 0; round < 3; round++) {
            List<Task<?>> left = new ArrayList<>(loop.allTasks());
            if (left.isEmpty()) {
                break;
            }
            for (Task<?> t : left) {
                t.cancel();
            }
            try {
                loop.runUntilComplete(dev.tulip.Tulip.gatherReturnExceptions(left));
            } catch (IllegalStateException again) {
                // still stuck (a task that swallows cancellation): try again
            }
        }
        Trace.LINES.clear();
        Trace.LINES.addAll(trace);
    }

    private static void keep(Path work, Path dir, int seed, List<String> expected, List<String> actual) throws IOException {
        Path out = work.resolve("diverged");
        Files.createDirectories(out);
        StringBuilder sb = new StringBuilder();
        int n = Math.max(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            String e = i < expected.size() ? expected.get(i) : "";
            String a = i < actual.size() ? actual.get(i) : "";
            sb.append(e.equals(a) ? "  " : "! ").append(String.format("%-50s | %s%n", e, a));
        }
        Files.writeString(out.resolve(seed + ".txt"), "CPython | Tulip\n" + sb);
        Files.copy(dir.resolve("py/p" + seed + ".py"), out.resolve("p" + seed + ".py"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(dir.resolve("java/dev/tulip/oracle/gen/P" + seed + ".java"), out.resolve("P" + seed + ".java"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
