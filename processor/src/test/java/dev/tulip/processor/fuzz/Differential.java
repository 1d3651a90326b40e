package dev.tulip.processor.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A hand-written program for the fuzzer's oracle: the minimized regression tests use it. The body
 * is that of {@code static Coroutine<Integer> m(Trace t) throws CheckedBoom} (or {@code String}); it
 * may await {@code ready(v)}, {@code later(v)}, {@code soon(v)}, {@code viaTask(v)}, {@code timer(v)},
 * {@code now(v)}, {@code pause()}, {@code fail(v, cond, msg)}, {@code failC(v, cond, msg)}, the
 * sub-coroutines {@code q0(t, a, arr)}, {@code q1(...)} given with {@link #sub}, the generators
 * {@code y0(t, a)}, {@code y1(...)} given with {@link #generator} and {@link #asyncGenerator} (and drive
 * plain ones with {@code next}, {@code send}, {@code hasNext}, {@code throwInto}, {@code close},
 * {@code returnValue}; their bodies may use {@code nz(Integer)}, -1 for null), use {@code res(t, name,
 * failOnClose)} and {@code ares(...)} resources, {@code aiter(t, n)}, the static int field {@code mg},
 * and log through {@code t}.
 *
 * <pre>{@code
 * Differential.program("""
 *         int x = 0;
 *         x += await(later(1));
 *         return done(x);
 *         """).assertSameTraces();
 * }</pre>
 */
public final class Differential {
    private final String body;
    private final List<String> subs = new ArrayList<>();
    private final List<String> gens = new ArrayList<>();
    private final List<ProgramGenerator.GenKind> genKinds = new ArrayList<>();
    private final Set<String> suppress = new TreeSet<>();
    private String resultType = "Integer";
    private boolean instance;
    private String members = "";
    private String release = "17";

    private Differential(String body) {
        this.body = body;
    }

    public static Differential program(String body) {
        return new Differential(body);
    }

    /** Adds {@code @Async static Coroutine<Integer> q<i>(Trace t, int a, int[] arr) throws CheckedBoom}. */
    public Differential sub(String subBody) {
        subs.add(subBody);
        return this;
    }

    /**
     * Adds {@code @Async static AsyncGenerator<Integer> y<i>(Trace t, int a) throws CheckedBoom} (await
     * and {@code Tulip.yield}); the reference runs its body on a thread of its own.
     */
    public Differential asyncGenerator(String body) {
        gens.add(body);
        genKinds.add(ProgramGenerator.GenKind.ASYNC);
        return this;
    }

    /** Adds {@code @Generator.Method static Generator<Integer> y<i>(Trace t, int a) throws CheckedBoom}. */
    public Differential generator(String body) {
        gens.add(body);
        genKinds.add(ProgramGenerator.GenKind.SYNC);
        return this;
    }

    /**
     * Makes {@code m} an instance method (of a fresh object per run), which may use the private field
     * {@code mf}, {@code this.mf} and the private method {@code mh(int)}.
     */
    public Differential instance() {
        instance = true;
        return this;
    }

    /**
     * Declares members (for instance private nested classes, records, enums and interfaces) in both
     * the reference class and the Tulip class, so that the bodies can use them.
     */
    public Differential members(String declarations) {
        StringBuilder b = new StringBuilder();
        for (String line : declarations.split("\n", -1)) {
            b.append(line.isEmpty() ? "" : "    " + line).append('\n');
        }
        this.members = b.toString();
        return this;
    }

    /**
     * Compiles both versions for {@code --release 21} (pattern switches, record patterns): for tests
     * that run on JDK 21 or newer.
     */
    public Differential release21() {
        this.release = "21";
        return this;
    }

    public Differential returns(String type) {
        this.resultType = type;
        return this;
    }

    /**
     * Warnings the program suppresses, as a user would ({@code "finally"}, {@code "fallthrough"}...): on
     * {@code m} and the generator methods.
     */
    public Differential suppress(String... warnings) {
        suppress.addAll(Arrays.asList(warnings));
        return this;
    }

    ProgramGenerator.Program build() {
        List<ProgramGenerator.Method> ms = new ArrayList<>();
        for (int i = 0; i < subs.size(); i++) {
            ms.add(new ProgramGenerator.Method("q" + i, true, "Integer", indent(subs.get(i)), new TreeSet<>()));
        }
        for (int i = 0; i < gens.size(); i++) {
            ms.add(new ProgramGenerator.Method("y" + i, true, "Integer", indent(gens.get(i)), new TreeSet<>(suppress),
                    false, genKinds.get(i)));
        }
        ProgramGenerator.Method main = new ProgramGenerator.Method("m", false, resultType, indent(body), suppress,
                instance);
        ProgramGenerator.Program p = new ProgramGenerator.Program(0, "m", main, ms, null);
        p.members = members;
        p.release = release;
        return p;
    }

    private static String indent(String s) {
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (!line.isEmpty()) {
                b.append("        ").append(line).append('\n');
            }
        }
        return b.toString();
    }

    /** Compiles the program both ways and runs it three ways; null if all agree, else what went wrong. */
    public String check() {
        FuzzHarness h = new FuzzHarness(null);
        try {
            List<FuzzHarness.Failure> failures = h.run("Reg", List.of(build()));
            if (failures.isEmpty()) {
                return null;
            }
            StringBuilder b = new StringBuilder();
            for (FuzzHarness.Failure f : failures) {
                b.append(f.kind).append('\n').append(f.detail).append('\n');
            }
            return b.toString();
        } finally {
            h.close();
        }
    }

    /**
     * Fails unless the program compiles cleanly and the three executions produce the same trace
     * ({@code -Dtulip.fuzz.showTraces=true} prints them).
     */
    public void assertSameTraces() {
        if (Boolean.getBoolean("tulip.fuzz.showTraces")) {
            System.out.println("---- program ----\n" + build().describe() + traces());
        }
        String problem = check();
        if (problem != null) {
            fail(problem + "\n---- program ----\n" + build().describe());
        }
    }

    /**
     * Fails unless the processor rejects the {@code @Async} version with exactly these errors (their
     * messages, in order); the method is named {@code m}.
     */
    public void assertRejectedWith(String... messages) {
        com.google.testing.compile.Compilation c = FuzzHarness.javacWithProcessor(release,
                FuzzHarness.source(build().pkg, "CoReg", FuzzHarness.coClass("CoReg", List.of(build()))));
        List<String> errors = new ArrayList<>();
        for (javax.tools.Diagnostic<? extends javax.tools.JavaFileObject> d : c.errors()) {
            errors.add(d.getMessage(java.util.Locale.ROOT));
        }
        org.junit.jupiter.api.Assertions.assertEquals(Arrays.asList(messages), errors);
    }

    /** The generated companion source (for debugging a regression). */
    public String generatedSource() {
        FuzzHarness h = new FuzzHarness(null);
        try {
            FuzzHarness.Compiled c = h.compile("Reg", List.of(build()));
            return c.describeProblems() + c.generated();
        } finally {
            h.close();
        }
    }

    /** The three traces, side by side in one string (for debugging). */
    public String traces() {
        FuzzHarness h = new FuzzHarness(null);
        try {
            FuzzHarness.Compiled c = h.compile("Reg", List.of(build()));
            if (!c.ok()) {
                return c.describeProblems();
            }
            ProgramGenerator.Program p = build();
            Class<?> ref = c.loader.loadClass(FuzzHarness.qualified(c.pkg, c.refName));
            Class<?> companion = c.loader.loadClass(FuzzHarness.qualified(c.pkg, c.coName + "Async"));
            return "reference:\n" + String.join("\n", FuzzHarness.runReference(ref, p).lines())
                    + "\nsuspending:\n" + String.join("\n",
                            FuzzHarness.runAsync(companion, p, FuzzAsync.Mode.SUSPEND).lines())
                    + "\nimmediate:\n" + String.join("\n",
                            FuzzHarness.runAsync(companion, p, FuzzAsync.Mode.IMMEDIATE).lines());
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            h.close();
        }
    }
}
