package dev.tulip.processor.fuzz;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.processor.TulipProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * Compiles generated programs twice (plain Java and {@code @Async}), runs each three ways and
 * compares the traces:
 * <ol>
 *   <li><b>reference</b>: the body in a plain class where {@code await(x)} is a local static method
 *       returning the value at once (it shadows the static import of {@code Tulip.await});</li>
 *   <li><b>suspending</b>: the state machine on a virtual-time loop, where awaits really suspend
 *       (sleep(0), futures completed by callbacks, other tasks, timers, nested coroutines);</li>
 *   <li><b>immediate</b>: the same state machine with every awaitable already done: the task must
 *       finish in its first step.</li>
 * </ol>
 * Many programs share one compilation (javac's start-up dominates otherwise); when a batch does not
 * compile, it is bisected down to the programs that do not.
 */
final class FuzzHarness {
    /**
     * javac options for every compilation: all lints, release 17. On javac 20+, whose
     * {@code lossy-conversions} lint flags the generated programs' own narrowing compound
     * assignments (user code that the state machine mirrors as written), that one lint is off.
     */
    static java.util.List<String> lintOptions() {
        return lintOptions("17");
    }

    /** {@link #lintOptions()} for another release. */
    static java.util.List<String> lintOptions(String release) {
        java.util.List<String> options = new java.util.ArrayList<>(java.util.List.of("-Xlint:all", "--release", release));
        if (Runtime.version().feature() >= 20) {
            options.add("-Xlint:-lossy-conversions");
        }
        return options;
    }

    static final String PKG = "fuzz";

    /** The binary name of a class of a package ({@code ""}: the default package). */
    static String qualified(String pkg, String name) {
        return pkg.isEmpty() ? name : pkg + "." + name;
    }

    /** A source file of the compilation. */
    static JavaFileObject source(String pkg, String name, String text) {
        return JavaFileObjects.forSourceString(qualified(pkg, name), text);
    }

    /** The given sources and the {@link Catalogue#LIBRARY} (another package, the same in both worlds). */
    static JavaFileObject[] withLibrary(JavaFileObject... sources) {
        List<JavaFileObject> all = new ArrayList<>(List.of(sources));
        for (Map.Entry<String, String> e : Catalogue.LIBRARY.entrySet()) {
            all.add(JavaFileObjects.forSourceString(e.getKey(), e.getValue()));
        }
        return all.toArray(new JavaFileObject[0]);
    }

    /** The package line of a batch's classes. */
    private static String packageLine(List<ProgramGenerator.Program> programs) {
        String pkg = programs.isEmpty() ? PKG : programs.get(0).pkg;
        return pkg.isEmpty() ? "// the default package\n\n" : "package " + pkg + ";\n\n";
    }
    private static final long RUN_TIMEOUT_SECONDS = 30;

    /** One execution: the trace, how it ended, and anything else observed (loop reports, leaks). */
    static final class Outcome {
        final List<String> trace;
        final String end;
        final List<String> notes;

        Outcome(List<String> trace, String end, List<String> notes) {
            this.trace = trace;
            this.end = end;
            this.notes = notes;
        }

        List<String> lines() {
            List<String> all = new ArrayList<>(trace);
            all.add("=> " + end);
            for (String n : notes) {
                all.add("!! " + n);
            }
            return all;
        }
    }

    /** A program that did not compile or whose executions disagree. */
    static final class Failure {
        final ProgramGenerator.Program program;
        final String kind;
        final String detail;

        Failure(ProgramGenerator.Program program, String kind, String detail) {
            this.program = program;
            this.kind = kind;
            this.detail = detail;
        }

        @Override
        public String toString() {
            return kind + " in program seed=" + program.seed + " (rerun with -Dtulip.fuzz.seed=" + program.seed
                    + ")\n" + detail + "\n---- program ----\n" + program.describe();
        }
    }

    /** Counters for the summary line. */
    int compilations;
    /** Programs that javac itself miscompiles (the reference class fails verification): not Tulip's bugs. */
    final List<String> skipped = new ArrayList<>();
    int programsRun;
    long awaitsSeen;
    private ExecutorService worker = newWorker();
    private final Path dumpDir;

    FuzzHarness(Path dumpDir) {
        this.dumpDir = dumpDir;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-runner");
            t.setDaemon(true);
            return t;
        });
    }

    void close() {
        worker.shutdownNow();
    }

    // ---------------------------------------------------------------- sources

    static String refClass(String name, List<ProgramGenerator.Program> programs) {
        StringBuilder b = new StringBuilder();
        b.append(packageLine(programs))
                .append("import dev.tulip.processor.fuzz.*;\n")
                .append("import dev.tulip.processor.fuzz.RefSupport.ARes;\n")
                .append("import dev.tulip.GeneratorExit;\n")
                .append("import dev.tulip.StopIteration;\n")
                .append("import java.util.*;\n")
                .append("import java.util.function.*;\n\n")
                .append("/** Reference: every await returns at once. */\n")
                .append("public class ").append(name).append(" {\n")
                .append("    static <T> T await(Sync<T> s) { return s.get(); }\n")
                .append("    static <T> Sync<T> done(T v) { return Sync.of(v); }\n")
                .append("    static <T> Sync<T> ready(T v) { return Sync.of(v); }\n")
                .append("    static <T> Sync<T> now(T v) { return Sync.of(v); }\n")
                .append("    static <T> Sync<T> later(T v) { return Sync.of(v); }\n")
                .append("    static <T> Sync<T> soon(T v) { return Sync.of(v); }\n")
                .append("    static <T> Sync<T> viaTask(T v) { return Sync.of(v); }\n")
                .append("    static <T> Sync<T> timer(T v) { return Sync.of(v); }\n")
                .append("    static Sync<Void> pause() { return Sync.of(null); }\n")
                .append("    static <T> Sync<T> fail(T v, boolean c, String m) { return RefSupport.fail(v, c, m); }\n")
                .append("    static <T> Sync<T> failC(T v, boolean c, String m) { return RefSupport.failC(v, c, m); }\n")
                .append("    static Res res(Trace t, String n, boolean f) { return new Res(t, n, f); }\n")
                .append("    static ARes ares(Trace t, String n, boolean f) { return new ARes(t, n, f); }\n")
                .append("    static <T> Sync<T> stage(T v) { return Sync.of(v); }\n")
                .append("    static <T> Sync<T> failS(T v, boolean c, String m) { return RefSupport.fail(v, c, m); }\n")
                .append("    static <T> Sync<T> gid(T v) { return Sync.of(v); }\n")
                .append("    static Sync<Integer> vsum(Trace t, int... xs) {\n")
                .append("        return Sync.lazy(() -> { int s = 0; for (int x : xs) { s += x; } t.log(\"vsum\", s); return s; });\n")
                .append("    }\n")
                .append("    Sync<Integer> bump(Trace t, int v) { return Sync.lazy(() -> { t.log(\"bump\", v); return v + 1; }); }\n")
                .append("    static Iterable<Integer> aiter(Trace t, int n) { return RefSupport.iter(t, n); }\n")
                .append("    static <T> Sync<List<T>> collect(Iterable<T> source) { return RefSupport.collect(source); }\n")
                .append("    /** Tulip.yield(v) and friends, for reference generators. */\n")
                .append("    @SuppressWarnings(\"unchecked\")\n")
                .append("    static final class Tulip {\n")
                .append("        static <S> S yield(Object v) { return (S) RefGen.yield(v); }\n")
                .append("        static <S> S yield() { return (S) RefGen.yield(null); }\n")
                .append("        static <R> R yieldFrom(RefGen<?> source) { return (R) RefGen.yieldFrom(source); }\n")
                .append("        static void yieldFrom(Iterable<?> source) { RefGen.yieldFrom(source); }\n")
                .append("        static <G extends Iterable<?>> G doneYielding() { return null; }\n")
                .append("        static <G extends Iterable<?>> G doneYielding(Object v) { return (G) RefGen.done(v); }\n")
                .append("    }\n")
                .append("    static int nz(Integer v) { return v == null ? -1 : v; }\n\n");
        for (ProgramGenerator.Program p : programs) {
            b.append(p.refMembers(name));
        }
        return b.append("}\n").toString();
    }

    static String coClass(String name, List<ProgramGenerator.Program> programs) {
        StringBuilder b = new StringBuilder();
        b.append(packageLine(programs))
                .append("import dev.tulip.*;\n")
                .append("import dev.tulip.processor.fuzz.*;\n")
                .append("import dev.tulip.processor.fuzz.FuzzAsync.ARes;\n")
                .append("import java.util.*;\n")
                .append("import java.util.function.*;\n\n")
                .append("import static dev.tulip.Tulip.*;\n\n")
                .append("/** The same bodies as @Async methods. */\n")
                .append("public class ").append(name).append(" {\n")
                .append("    static <T> Awaitable<T> ready(T v) { return FuzzAsync.ready(v); }\n")
                .append("    static <T> Awaitable<T> now(T v) { return FuzzAsync.now(v); }\n")
                .append("    static <T> Awaitable<T> later(T v) { return FuzzAsync.later(v); }\n")
                .append("    static <T> Awaitable<T> soon(T v) { return FuzzAsync.soon(v); }\n")
                .append("    static <T> Awaitable<T> viaTask(T v) { return FuzzAsync.viaTask(v); }\n")
                .append("    static <T> Awaitable<T> timer(T v) { return FuzzAsync.timer(v); }\n")
                .append("    static Awaitable<Void> pause() { return FuzzAsync.pause(); }\n")
                .append("    static <T> Awaitable<T> fail(T v, boolean c, String m) { return FuzzAsync.fail(v, c, m); }\n")
                .append("    static <T> Awaitable<T> failC(T v, boolean c, String m) { return FuzzAsync.failC(v, c, m); }\n")
                .append("    static Res res(Trace t, String n, boolean f) { return new Res(t, n, f); }\n")
                .append("    static ARes ares(Trace t, String n, boolean f) { return FuzzAsync.ares(t, n, f); }\n")
                .append("    static <T> java.util.concurrent.CompletionStage<T> stage(T v) { return FuzzAsync.stage(v); }\n")
                .append("    static <T> java.util.concurrent.CompletionStage<T> failS(T v, boolean c, String m) {\n")
                .append("        return FuzzAsync.failS(v, c, m);\n")
                .append("    }\n")
                .append("    @Async static <T> Coroutine<T> gid(T v) { await(pause()); return done(v); }\n")
                .append("    @Async static Coroutine<Integer> vsum(Trace t, int... xs) {\n")
                .append("        int s = 0;\n")
                .append("        for (int x : xs) {\n")
                .append("            s += await(later(x));\n")
                .append("        }\n")
                .append("        t.log(\"vsum\", s);\n")
                .append("        return done(s);\n")
                .append("    }\n")
                .append("    @Async Coroutine<Integer> bump(Trace t, int v) { t.log(\"bump\", v); await(pause()); return done(v + 1); }\n")
                .append("    static AsyncIterable<Integer> aiter(Trace t, int n) { return FuzzAsync.aiter(t, n); }\n")
                .append("    static int nz(Integer v) { return v == null ? -1 : v; }\n\n");
        for (ProgramGenerator.Program p : programs) {
            b.append(p.coMembers(name));
        }
        return b.append("}\n").toString();
    }

    // ---------------------------------------------------------------- compiling

    /** The result of compiling a batch: loaded classes, or the problems. */
    static final class Compiled {
        final Compilation compilation;
        final String refName;
        final String coName;
        final String refSource;
        final String coSource;
        /** The {@code --release} it was compiled for. */
        String release = "17";
        /** The package of its classes (empty: the default package). */
        String pkg = PKG;
        ClassLoader loader;
        /** The stack trace when javac (the processor, outside its own error handling) crashed. */
        String crash;
        final List<Diagnostic<? extends JavaFileObject>> problems = new ArrayList<>();

        Compiled(Compilation compilation, String refName, String coName, String refSource, String coSource) {
            this.compilation = compilation;
            this.refName = refName;
            this.coName = coName;
            this.refSource = refSource;
            this.coSource = coSource;
        }

        /** A class javac produced that the JVM rejects (a javac bug, seen on JDK 17). */
        String verifyError;
        boolean verifyErrorInReference;

        boolean ok() {
            return crash == null && problems.isEmpty() && verifyError == null;
        }

        String generated() {
            StringBuilder b = new StringBuilder();
            Compilation c = compilation;
            if (c == null || c.status() != Compilation.Status.SUCCESS) {
                // The generated code does not compile (or javac crashed): run the processor alone to see it.
                try {
                    c = javac().withProcessors(new TulipProcessor()).withOptions("-proc:only", "--release", release)
                            .compile(withLibrary(source(pkg, refName, refSource), source(pkg, coName, coSource)));
                } catch (RuntimeException e) {
                    return "(the processor crashed: " + e + ")\n";
                }
                if (c.status() != Compilation.Status.SUCCESS) {
                    return "(the processor reported errors: nothing generated)\n";
                }
            }
            for (JavaFileObject f : c.generatedSourceFiles()) {
                b.append(contents(f));
            }
            return b.toString();
        }

        /** Classifies the problems: the reference class is the generator's fault, the rest the processor's. */
        String describeProblems() {
            StringBuilder b = new StringBuilder();
            if (crash != null) {
                b.append("javac crashed: ").append(crash).append('\n');
            }
            for (Diagnostic<? extends JavaFileObject> d : problems) {
                b.append(d.getKind()).append(' ').append(d.getSource() == null ? "" : d.getSource().getName())
                        .append(':').append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n');
            }
            return b.toString();
        }

        boolean referenceRejected() {
            for (Diagnostic<? extends JavaFileObject> d : problems) {
                if (d.getSource() != null && d.getSource().getName().endsWith("/" + refName + ".java")) {
                    return true;
                }
            }
            return false;
        }
    }

    static Compilation javacWithProcessor(JavaFileObject... sources) {
        return javacWithProcessor("17", sources);
    }

    static Compilation javacWithProcessor(String release, JavaFileObject... sources) {
        return javac()
                .withProcessors(new TulipProcessor())
                .withOptions(FuzzHarness.lintOptions(release))
                .compile(withLibrary(sources));
    }

    Compiled compile(String batch, List<ProgramGenerator.Program> programs) {
        compilations++;
        String refName = "Ref" + batch;
        String coName = "Co" + batch;
        String ref = refClass(refName, programs);
        String co = coClass(coName, programs);
        String pkg = programs.get(0).pkg;
        Compilation c;
        try {
            c = javacWithProcessor(programs.get(0).release, source(pkg, refName, ref), source(pkg, coName, co));
        } catch (RuntimeException crash) {
            Compiled result = new Compiled(null, refName, coName, ref, co);
            result.release = programs.get(0).release;
            result.pkg = pkg;
            java.io.StringWriter w = new java.io.StringWriter();
            crash.printStackTrace(new java.io.PrintWriter(w));
            result.crash = w.toString();
            return result;
        }
        Compiled result = new Compiled(c, refName, coName, ref, co);
        result.release = programs.get(0).release;
        result.pkg = pkg;
        result.problems.addAll(c.errors());
        result.problems.addAll(c.warnings());
        if (c.status() != Compilation.Status.SUCCESS && result.problems.isEmpty()) {
            throw new AssertionError("compilation failed without diagnostics");
        }
        if (result.ok()) {
            result.loader = load(c);
            // link (verify) every class now: one bad method makes its whole class unusable
            for (String name : new String[] {refName, coName, coName + "Async"}) {
                try {
                    Class.forName(qualified(pkg, name), true, result.loader);
                } catch (LinkageError | ClassNotFoundException e) {
                    result.verifyError = name + ": " + e;
                    result.verifyErrorInReference = name.equals(refName);
                    break;
                }
            }
        }
        return result;
    }

    /**
     * javac 17 has crashes of its own (in Gen and Attr, with switch expressions and patterns): not
     * Tulip's. Checked by compiling the sources without the processor (the @Async methods then compile
     * as plain methods calling the markers).
     */
    static boolean javacCrashesOnReference(ProgramGenerator.Program p) {
        try {
            javac().withOptions("--release", p.release)
                    .compile(withLibrary(source(p.pkg, "RefAlone", refClass("RefAlone", List.of(p))),
                            source(p.pkg, "CoAlone", coClass("CoAlone", List.of(p)))));
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    static ClassLoader load(Compilation c) {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                String name = f.getName().replaceFirst("^/CLASS_OUTPUT/", "").replaceAll("\\.class$", "")
                        .replace('/', '.');
                classes.put(name, bytes(f));
            }
        }
        return new ClassLoader(FuzzHarness.class.getClassLoader()) {
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

    // ---------------------------------------------------------------- running

    /** Compiles and runs the programs; returns the failures. Bisects batches that do not compile. */
    List<Failure> run(String batch, List<ProgramGenerator.Program> programs) {
        List<Failure> failures = new ArrayList<>();
        List<ProgramGenerator.Program> elsewhere = new ArrayList<>();
        for (ProgramGenerator.Program p : programs) {
            if (!p.pkg.equals(programs.get(0).pkg)) {
                elsewhere.add(p);
            }
        }
        if (!elsewhere.isEmpty()) {
            // one compilation per package (the default package's programs are compiled apart)
            List<ProgramGenerator.Program> here = new ArrayList<>(programs);
            here.removeAll(elsewhere);
            failures.addAll(run(batch, here));
            failures.addAll(run(batch + "d", elsewhere));
            return failures;
        }
        Compiled c = compile(batch, programs);
        if (!c.ok()) {
            if (programs.size() == 1) {
                ProgramGenerator.Program p = programs.get(0);
                if (c.verifyError != null && c.verifyErrorInReference) {
                    skipped.add("seed=" + p.seed + ": " + c.verifyError.lines().findFirst().orElse(""));
                    return failures;
                }
                if (c.crash != null && javacCrashesOnReference(p)) {
                    skipped.add("seed=" + p.seed + ": javac crashes on the program itself (without Tulip)");
                    return failures;
                }
                String kind = c.crash != null ? "PROCESSOR CRASH (javac aborted)"
                        : c.verifyError != null ? (c.verifyErrorInReference
                                ? "JAVAC BUG (the reference class fails verification)"
                                : "VERIFY ERROR (the @Async version fails verification)")
                        : c.referenceRejected() ? "GENERATOR BUG (javac rejects the reference program)"
                        : "COMPILE FAILURE (the @Async version does not compile cleanly)";
                Path dir = dump(p, c, null);
                failures.add(new Failure(p, kind, c.describeProblems()
                        + (c.verifyError == null ? "" : c.verifyError + "\n") + "files: " + dir));
                return failures;
            }
            ProgramGenerator.Program culprit = verifyCulprit(c, programs);
            if (culprit != null) {
                // javac miscompiled one program of the reference class: skip it, without bisecting
                skipped.add("seed=" + culprit.seed + ": " + c.verifyError.lines().findFirst().orElse(""));
                List<ProgramGenerator.Program> rest = new ArrayList<>(programs);
                rest.remove(culprit);
                failures.addAll(run(batch + "v", rest));
                return failures;
            }
            int half = programs.size() / 2;
            failures.addAll(run(batch + "a", programs.subList(0, half)));
            failures.addAll(run(batch + "b", programs.subList(half, programs.size())));
            return failures;
        }
        for (ProgramGenerator.Program p : programs) {
            Failure f = runOne(c, p);
            if (f != null) {
                failures.add(f);
            }
        }
        return failures;
    }

    private static final java.util.regex.Pattern VERIFY_LOCATION =
            java.util.regex.Pattern.compile("Location:\\s+\\S*?Ref\\w*\\.(p\\d+)");

    /** The program whose reference method the JVM rejected, when the VerifyError names it. */
    private static ProgramGenerator.Program verifyCulprit(Compiled c, List<ProgramGenerator.Program> programs) {
        if (c.verifyError == null || !c.verifyErrorInReference || c.crash != null || !c.problems.isEmpty()) {
            return null;
        }
        java.util.regex.Matcher m = VERIFY_LOCATION.matcher(c.verifyError);
        if (!m.find()) {
            return null;
        }
        for (ProgramGenerator.Program p : programs) {
            if (p.id.equals(m.group(1))) {
                return p;
            }
        }
        return null;
    }

    private Failure runOne(Compiled c, ProgramGenerator.Program p) {
        programsRun++;
        Future<Outcome[]> future = worker.submit(() -> {
            Class<?> ref = c.loader.loadClass(qualified(c.pkg, c.refName));
            Class<?> companion = c.loader.loadClass(qualified(c.pkg, c.coName + "Async"));
            Outcome reference = runReference(ref, p);
            Outcome suspending = runAsync(companion, p, FuzzAsync.Mode.SUSPEND);
            Outcome immediate = runAsync(companion, p, FuzzAsync.Mode.IMMEDIATE);
            return new Outcome[] {reference, suspending, immediate};
        });
        Outcome[] o;
        try {
            o = future.get(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            StringBuilder stacks = new StringBuilder();
            for (Map.Entry<Thread, StackTraceElement[]> th : Thread.getAllStackTraces().entrySet()) {
                String name = th.getKey().getName();
                if (name.startsWith("fuzz-") || name.startsWith("ref-generator")) {
                    stacks.append("thread ").append(name).append(":\n");
                    for (StackTraceElement el : th.getValue()) {
                        stacks.append("    at ").append(el).append('\n');
                    }
                }
            }
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return new Failure(p, "HANG (no result after " + RUN_TIMEOUT_SECONDS + "s)", stacks + "files: "
                    + dump(p, c, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            java.io.StringWriter w = new java.io.StringWriter();
            e.getCause().printStackTrace(new java.io.PrintWriter(w));
            return new Failure(p, "HARNESS ERROR", w.toString());
        }
        if (o[0].end.startsWith("throw VerifyError")) {
            return new Failure(p, "JAVAC BUG (the reference class fails verification)", o[0].end);
        }
        String a = compare("reference", o[0], "suspending", o[1]);
        String b = compare("reference", o[0], "immediate", o[2]);
        if (a == null && b == null) {
            return null;
        }
        Path dir = null;
        if (dumpDir != null) {
            Compiled solo = compile("Solo", List.of(p));
            dir = dump(p, solo.ok() ? solo : c, o);
        }
        return new Failure(p, "DIVERGENCE", (a == null ? "" : a) + (b == null ? "" : b) + "files: " + dir);
    }

    /** Every run starts from the same static state (the programs' int fields), whatever the body resets. */
    static void resetStatics(Class<?> c) throws IllegalAccessException {
        for (java.lang.reflect.Field f : c.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                f.setAccessible(true);
                f.setInt(null, 0);
            }
        }
    }

    static Outcome runReference(Class<?> ref, ProgramGenerator.Program p) {
        Trace t = new Trace();
        try {
            resetStatics(ref);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
        String end;
        try {
            Method m = ref.getDeclaredMethod(p.id, Trace.class);
            m.setAccessible(true);
            Object receiver = null;
            if (p.main.instance) {
                java.lang.reflect.Constructor<?> c = ref.getDeclaredConstructor();
                c.setAccessible(true);
                receiver = c.newInstance();
            }
            Object sync = m.invoke(receiver, t);
            end = "return " + Trace.fmt(((Sync<?>) sync).get());
        } catch (InvocationTargetException e) {
            end = "throw " + Trace.describe(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        } catch (Throwable e) {
            end = "throw " + Trace.describe(e);
        }
        // generators left suspended by their consumers: Tulip never closes them, so their finally blocks
        // must not show in the trace; end their threads quietly
        List<String> lines = new ArrayList<>(t.lines());
        t.seal();
        RefGen.abandonAll();
        return new Outcome(lines, end, List.of());
    }

    static Outcome runAsync(Class<?> companion, ProgramGenerator.Program p, FuzzAsync.Mode mode) throws Exception {
        FuzzAsync.reset(mode);
        Trace t = new Trace();
        String ownerName = companion.getName().substring(0, companion.getName().length() - "Async".length());
        resetStatics(Class.forName(ownerName, true, companion.getClassLoader()));
        Coroutine<?> coroutine;
        if (p.main.instance) {
            String owner = companion.getName().substring(0, companion.getName().length() - "Async".length());
            Class<?> co = Class.forName(owner, true, companion.getClassLoader());
            java.lang.reflect.Constructor<?> c = co.getDeclaredConstructor();
            c.setAccessible(true);
            Method factory = companion.getDeclaredMethod(p.id, co, Trace.class);
            factory.setAccessible(true);
            coroutine = (Coroutine<?>) factory.invoke(null, c.newInstance(), t);
        } else {
            Method factory = companion.getDeclaredMethod(p.id, Trace.class);
            factory.setAccessible(true);
            coroutine = (Coroutine<?>) factory.invoke(null, t);
        }
        List<String> notes = new ArrayList<>();
        EventLoop loop = EventLoop.virtualTime();
        loop.setExceptionHandler((l, message, e) -> notes.add("loop reported: " + message
                + (e == null ? "" : " " + Trace.describe(e))));
        String end;
        try {
            Task<?> task = loop.createTask(coroutine);
            boolean[] doneAfterFirstStep = {false};
            if (mode == FuzzAsync.Mode.IMMEDIATE) {
                loop.callSoon(() -> doneAfterFirstStep[0] = task.done());
            }
            try {
                end = "return " + Trace.fmt(loop.runUntilComplete(task));
            } catch (Throwable e) {
                end = "throw " + Trace.describe(e);
            }
            if (mode == FuzzAsync.Mode.IMMEDIATE && !doneAfterFirstStep[0]) {
                notes.add("suspended although every awaitable was already done");
            }
            List<Task<?>> left = loop.allTasks();
            if (!left.isEmpty()) {
                notes.add("tasks still pending after the program: " + left);
            }
        } finally {
            try {
                loop.close();
            } catch (RuntimeException e) {
                notes.add("closing the loop: " + Trace.describe(e));
            }
        }
        return new Outcome(t.lines(), end, notes);
    }

    /** Null if equal, else the first difference with some context. */
    static String compare(String an, Outcome a, String bn, Outcome b) {
        List<String> x = a.lines();
        List<String> y = b.lines();
        if (x.equals(y)) {
            return null;
        }
        int i = 0;
        while (i < x.size() && i < y.size() && Objects.equals(x.get(i), y.get(i))) {
            i++;
        }
        StringBuilder s = new StringBuilder(an + " and " + bn + " differ at trace line " + i + ":\n");
        for (int k = Math.max(0, i - 4); k < i; k++) {
            s.append("      ").append(x.get(k)).append('\n');
        }
        s.append("  ").append(an).append(": ").append(i < x.size() ? x.get(i) : "<end>").append('\n');
        s.append("  ").append(bn).append(": ").append(i < y.size() ? y.get(i) : "<end>").append('\n');
        return s.toString();
    }

    /** Writes the program alone (sources, generated code, traces) where a human can look at it. */
    private Path dump(ProgramGenerator.Program p, Compiled c, Outcome[] outcomes) {
        if (dumpDir == null) {
            return null;
        }
        try {
            Path dir = dumpDir.resolve("seed-" + p.seed);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("program.java"), p.describe());
            Files.writeString(dir.resolve(c.refName + ".java"), c.refSource);
            Files.writeString(dir.resolve(c.coName + ".java"), c.coSource);
            Files.writeString(dir.resolve(c.coName + "Async.java"), c.generated());
            Files.writeString(dir.resolve("diagnostics.txt"), c.describeProblems());
            if (outcomes != null) {
                String[] names = {"reference", "suspending", "immediate"};
                for (int i = 0; i < outcomes.length; i++) {
                    Files.write(dir.resolve(names[i] + ".trace"), outcomes[i].lines());
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
