package dev.tulip.processor.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Generates random, well-typed, terminating and deterministic Java method bodies that mix awaits
 * with Java's control flow. The same body text is compiled twice: in a reference class, where
 * {@code await}, {@code ready}, {@code later}... are plain static methods that run synchronously, and
 * in a class where the method is {@code @Async} and they suspend for real (see {@link FuzzHarness}).
 *
 * <p>Java's static rules are tracked exactly rather than hoped for: reachability (JLS 14.22: a block
 * stops at its first statement that cannot complete normally, breaks are counted per target, jumps
 * out of a try whose finally cannot complete normally are discarded as javac does), effectively final
 * captures, checked exceptions (a {@code catch (CheckedBoom e)} only where the try block can throw
 * it), jump targets (no jumps out of switch expressions or lambdas), definite assignment (every local
 * is initialized) and the lint warnings the constructs imply (suppressed on the method, as a user
 * would). Every loop is bounded by a counter the body never writes.
 */
final class ProgramGenerator {

    /**
     * Constructs the generator may use. A construct that triggers an open processor bug can be turned
     * off here (with a comment naming the regression test) until the fix lands.
     */
    static final class Features {
        boolean subCoroutines = true;
        boolean asyncResources = true;
        boolean asyncIterables = true;
        boolean switchExpressions = true;
        boolean lambdas = true;
        boolean narrowCompound = true;
        boolean finallyJumps = true;
        boolean assignmentExpressions = true;
        boolean tryWithResources = true;
        boolean awaitInConditions = true;
        /** Anonymous classes in @Async bodies. */
        boolean anonymousClasses = true;
        /** {@code var} resources in try-with-resources (else {@code Res} / {@code ARes}). */
        boolean varResources = true;
        /** {@code break;} and {@code continue;} without a label (else every jump is labeled). */
        boolean unlabeledJumps = true;
        /**
         * Expressions whose temporaries live across an await: several awaits in one expression, or an
         * operand evaluated before an await that Tulip must spill. When off, an expression holds at most
         * one await, and nothing but literals and effectively final locals is evaluated before it.
         */
        boolean tempsAcrossAwaits = true;
        /**
         * Reference-typed locals read only by an await's operand (and dead afterwards). When off: no
         * reference local in await operands, returns and throws keep {@code t} alive after their awaits.
         */
        boolean clearedOperands = true;
        /** {@code catch (Throwable e)} around awaits. */
        boolean catchThrowable = true;
        /** A conditional expression {@code a ? b : c} as the whole condition of an if or a loop. */
        boolean conditionalConditions = true;
        /** Labeled blocks left by {@code break}. */
        boolean labeledBlocks = true;
        /**
         * try and synchronized statements inside switch-expression arms. Off for good: javac 17 itself
         * miscompiles them when the switch expression is an operand (a method argument...): the class
         * fails verification, "Stack map does not match the one at exception handler".
         */
        boolean handlersInSwitchExpressions = false;
        /**
         * A statement printed as is (no await inside) that cannot complete normally, other than a
         * single jump: {@code if (c) { throw ...; } else { return ...; }}, a block ending with a throw...
         */
        boolean abruptPlainStatements = true;
        /** {@code continue} (labeled or not) to a for or for-each loop. */
        boolean continueInForLoops = true;
        /**
         * break and continue inside code printed as written (an if without await) that target an
         * exploded construct. When off, the if around such a jump awaits its condition.
         */
        boolean jumpsInPlainCode = true;
        /** Compound assignment to a boxed {@code Integer} local ({@code bx0 *= await(...)}). */
        boolean boxedCompound = true;
        /**
         * Patterns inside a branch of {@code ?:} or an arm of a switch expression (whose sibling may suspend).
         */
        boolean patternsInBranches = true;
        /** Patterns in the initializer of a resource ({@code try (Res r = res(t, "r", x instanceof Integer p))}). */
        boolean patternsInResources = true;
        /** {@code x instanceof Integer p && p > ...}. */
        boolean patterns = true;
        /** {@code if (!(x instanceof Integer p)) throw ...;} followed by statements using {@code p}. */
        boolean flowScopedPatterns = true;
        /** Such a pattern as (part of) the condition of an if, a loop or a ?: (the variable used there only). */
        boolean patternsInConditions = true;
        /** Illegal programs with a local record (the test expects the processor's dedicated message). */
        boolean localRecordMessage = true;
        /** A compound assignment inside a larger expression whose right side awaits. */
        boolean compoundOperandsAwait = true;
        /**
         * Generator methods ({@code @Async AsyncGenerator}, {@code @Generator.Method}) with yields everywhere,
         * consumed by for-each (async for), {@code collect} and try-with-resources that closes them early.
         */
        boolean generators = true;
        /** {@code Tulip.yield(c ? await(x) : y)}: a yield whose value is a conditional expression. */
        boolean yieldOfConditionals = true;
        /** Yields inside switch-expression arms. */
        boolean yieldInSwitchExpressions = true;
        /** CompletionStage awaits, a generic, a varargs and an instance {@code @Async} helper. */
        boolean moreAwaitables = true;
        /** Instance @Async methods using private fields ({@code this.f}, {@code f += ...}) and methods. */
        boolean instanceMethods = true;
        /**
         * Consumers that drive plain generators by hand: {@code next()}, {@code send(v)},
         * {@code hasNext()}, {@code throwInto(new Boom(..))} / checked ones, {@code close()} mid-iteration,
         * {@code returnValue()}, each in its own try/catch or bare.
         */
        boolean generatorDrivers = true;
        /**
         * A call of a plain generator method (which declares {@code throws CheckedBoom}) counts as a source of
         * CheckedBoom for the catch clauses around it, even in a try that does not suspend.
         */
        boolean checkedGeneratorCalls = true;
        /**
         * Plain generator bodies use what is sent in: {@code int s = nz(Tulip.yield(v));},
         * {@code t.log("s", Tulip.<Integer>yield(v))}, and yields inside expressions.
         */
        boolean yieldValues = true;
        /** Yields inside expressions ({@code x + nz(Tulip.yield(v))}), in every operand position. */
        boolean yieldExpressions = true;
        /** {@code Tulip.yield()} (yields null) in plain generators. */
        boolean bareYields = true;
        /** {@code return Tulip.doneYielding(v);} in plain generators (return values). */
        boolean generatorReturnValues = true;
        /** {@code Tulip.yieldFrom(otherGenerator(..))} delegation (its value: the delegate's return value). */
        boolean generatorDelegation = true;
        /** {@code catch (GeneratorExit e)} in plain generator bodies (yielding there: "ignored GeneratorExit"). */
        boolean catchGeneratorExit = true;

        // ---- the catalogue of everyday API use (issue 13, see Catalogue); on by default
        /** {@code StringBuilder}/{@code StringBuffer} members declared in the non-public AbstractStringBuilder. */
        boolean jdkBuilders = true;
        /** {@code ConcurrentHashMap} and its {@code keySet()}/{@code values()} views. */
        boolean concurrentMaps = true;
        /**
         * User classes extending ByteArrayOutputStream, AbstractList, FilterInputStream and Writer whose
         * {@code @Async} methods use {@code buf}, {@code count}, {@code modCount}, {@code in}, {@code lock},
         * {@code clone()}.
         */
        boolean protectedJdkMembers = true;
        /** Inner classes with {@code @Async} methods reading the enclosing instance ({@code Outer.this.x}, shadowing). */
        boolean innerClasses = true;
        /** Member records (private or not) with compact constructors, used in {@code @Async} bodies. */
        boolean records = true;
        /** The {@code fuzzlib} package: a package-private base under a public final class, a generic base. */
        boolean libraryHierarchy = true;
        /**
         * Some programs (about one in six) in the default package. Off: FZ1, javac aborts when two sources
         * of the default package end alike (regressions/CatalogueRegressionTest).
         */
        boolean defaultPackage = false;
        // ---- forms the processor rejects today: off until the lead's fixes land
        /** Local records, enums and interfaces in {@code @Async} bodies (bug 6). */
        boolean localTypes = false;
        /** Bound method references to {@code @Async} methods, {@code this::fetch} (bug 7). */
        boolean boundMethodRefs = false;
        // ---- accepted today (bug 4's capture does not show): on
        /** A nested {@code enum P0size} beside {@code @Async p0size()}, whose state machine is named P0size (bug 4). */
        boolean nameCapture = true;
        /** {@code @Async} methods (instance and static) declared in a member record. */
        boolean asyncRecordMethods = true;

        static Features all() {
            return new Features();
        }
    }

    /** A deliberately illegal construct, inserted once, and the error the processor must report. */
    enum Illegal {
        AWAIT_IN_LAMBDA("await(...) cannot be used inside a lambda: the lambda body is a separate function that"
                + " runs later, outside this coroutine. Move the work into an @Async method and await it"
                + " here, or schedule it with createTask(...)"),
        AWAIT_IN_ANONYMOUS_CLASS("await(...) cannot be used inside an anonymous or local class: its methods run"
                + " outside this coroutine. Make the method an @Async method of a named class and await it here"),
        AWAIT_IN_SYNCHRONIZED("await(...) cannot be used inside a synchronized block: the coroutine would suspend"
                + " while holding the monitor. Use a dev.tulip.Lock instead:"
                + " try (var held = await(lock.acquire())) { ... }"),
        AWAIT_IN_ASSERT("await(...) cannot be used inside an assert statement: assertions may be disabled, which"
                + " would skip the suspension. Compute into a local first, then assert on it"),
        AWAIT_METHOD_REFERENCE("await cannot be used as a method reference: it is a marker that Tulip compiles"
                + " into a suspension point. Call await(x) directly in the @Async method"),
        RETURN_WITHOUT_DONE("an @Async method returns with 'return done(value);' (or 'return done();')."
                + " To return another coroutine's result, write 'return done(await(coroutine));'"),
        /** A rejected form: its message names the method ({@code %s}). */
        LOCAL_CLASS_BEFORE_AWAIT("Tulip cannot compile a local class that captures the local 't' and is declared"
                + " before an await in the same block (its declaration would not be in scope after the suspension,"
                + " and a member class cannot capture locals); pass 't' to its constructor, or declare it after the"
                + " await in @Async method '%s'");

        final String message;

        /** The error expected in the given method. */
        String message(String method) {
            return message.replace("%s", method);
        }

        Illegal(String message) {
            this.message = message;
        }
    }

    /** One generated method: its name, parameters, result type, body and the warnings it suppresses. */
    static final class Method {
        final String name;
        final boolean sub;
        final String resultType;
        final String body;
        final Set<String> suppress;
        /** An instance method (of a fresh object per run): {@code this}, private fields and methods. */
        final boolean instance;
        /** For a generator method: its kind (the others are coroutines). */
        final GenKind gen;
        /** A plain generator that may yield null ({@code Tulip.yield()}): consumers must not unbox. */
        boolean yieldsNull;

        Method(String name, boolean sub, String resultType, String body, Set<String> suppress) {
            this(name, sub, resultType, body, suppress, false, null);
        }

        Method(String name, boolean sub, String resultType, String body, Set<String> suppress, boolean instance) {
            this(name, sub, resultType, body, suppress, instance, null);
        }

        Method(String name, boolean sub, String resultType, String body, Set<String> suppress, boolean instance,
                GenKind gen) {
            this.name = name;
            this.sub = sub;
            this.resultType = resultType;
            this.body = body;
            this.suppress = suppress;
            this.instance = instance;
            this.gen = gen;
        }

        String staticKeyword() {
            return instance ? "" : "static ";
        }

        String params() {
            return gen != null ? "Trace t, int a" : sub ? "Trace t, int a, int[] arr" : "Trace t";
        }

        String args() {
            return gen != null ? "t, a" : sub ? "t, a, arr" : "t";
        }

        /** The declaration in the Tulip class, up to the parameters. */
        String coHeader() {
            if (gen == GenKind.ASYNC) {
                return "@Async\n    " + annotations() + "static AsyncGenerator<Integer> " + name;
            }
            if (gen == GenKind.SYNC) {
                return "@Generator.Method\n    " + annotations() + "static Generator<Integer> " + name;
            }
            return "@Async\n    " + annotations() + staticKeyword() + "Coroutine<" + resultType + "> " + name;
        }

        String annotations() {
            if (suppress.isEmpty()) {
                return "";
            }
            StringBuilder b = new StringBuilder("@SuppressWarnings({");
            int i = 0;
            for (String s : suppress) {
                b.append(i++ == 0 ? "" : ", ").append('"').append(s).append('"');
            }
            return b.append("})\n    ").toString();
        }
    }

    /** Generator methods: {@code @Async AsyncGenerator<T>} (await and yield) or {@code @Generator.Method}. */
    enum GenKind { ASYNC, SYNC }

    /** A program: a main method {@code <id>(Trace t)} and the sub-coroutines it awaits. */
    static final class Program {
        final long seed;
        final String id;
        final Method main;
        final List<Method> subs;
        final Illegal illegal;
        /** Extra members declared the same in both classes (private nested types...), or empty. */
        String members = "";
        /** The {@code --release} the program is compiled for: 17, or 21 for a program using its patterns. */
        String release = "17";
        /** Catalogue members, with {@link Catalogue#world} markers, or empty. */
        String catalogue = "";
        /** The package of its classes: {@link FuzzHarness#PKG}, or empty for the default package. */
        String pkg = FuzzHarness.PKG;

        Program(long seed, String id, Method main, List<Method> subs, Illegal illegal) {
            this.seed = seed;
            this.id = id;
            this.main = main;
            this.subs = subs;
            this.illegal = illegal;
        }

        String field() {
            return id + "g";
        }

        /** Fields and a private helper, the same in both classes. */
        String fields() {
            return "    static int " + field() + ";\n"
                    + "    private int " + id + "f;\n"
                    + "    private static int " + id + "s;\n\n"
                    + "    private int " + id + "h(int x) {\n        return x * 2 + " + id + "f;\n    }\n\n"
                    + members + catalogue;
        }

        /** Members of the reference class: plain methods; a sub returns a lazy {@link Sync}. */
        String refMembers(String cls) {
            return Catalogue.world(refMembers0(), false, cls);
        }

        /** Members of the Tulip class, markers replaced. */
        String coMembers(String cls) {
            return Catalogue.world(coMembers0(), true, cls);
        }

        private String refMembers0() {
            StringBuilder b = new StringBuilder();
            b.append("    // seed ").append(seed).append('\n');
            b.append(fields());
            for (Method m : subs) {
                if (m.gen != null) {
                    b.append("    static RefGen<Integer> ").append(m.name).append('(').append(m.params())
                            .append(") throws CheckedBoom {\n        return new RefGen<>(").append(m.gen == GenKind.ASYNC)
                            .append(", \"").append(m.name).append("\", () -> ").append(m.name).append("$body(").append(m.args()).append("));\n    }\n\n");
                    b.append("    ").append(m.annotations()).append("static RefGen<Integer> ").append(m.name)
                            .append("$body(").append(m.params()).append(") throws CheckedBoom {\n").append(m.body)
                            .append("    }\n\n");
                    continue;
                }
                b.append("    static Sync<").append(m.resultType).append("> ").append(m.name).append('(')
                        .append(m.params()).append(") throws CheckedBoom {\n")
                        .append("        return Sync.lazy(() -> ").append(m.name).append("$body(").append(m.args())
                        .append(").get());\n    }\n\n");
                b.append("    ").append(m.annotations()).append("static Sync<").append(m.resultType).append("> ")
                        .append(m.name).append("$body(").append(m.params()).append(") throws CheckedBoom {\n")
                        .append(m.body).append("    }\n\n");
            }
            b.append("    ").append(main.annotations()).append(main.staticKeyword()).append("Sync<")
                    .append(main.resultType).append("> ")
                    .append(main.name).append('(').append(main.params()).append(") throws CheckedBoom {\n")
                    .append(main.body).append("    }\n\n");
            return b.toString();
        }

        /** Members of the Tulip class: the same bodies as {@code @Async} methods. */
        private String coMembers0() {
            StringBuilder b = new StringBuilder();
            b.append("    // seed ").append(seed).append('\n');
            b.append(fields());
            List<Method> all = new ArrayList<>(subs);
            all.add(main);
            for (Method m : all) {
                b.append("    ").append(m.coHeader()).append('(').append(m.params()).append(") throws CheckedBoom {\n")
                        .append(m.body).append("    }\n\n");
            }
            return b.toString();
        }

        String describe() {
            StringBuilder b = new StringBuilder();
            for (Method m : subs) {
                b.append(m.coHeader().replace("\n    ", " ")).append('(').append(m.params())
                        .append(") throws CheckedBoom {\n").append(m.body).append("}\n");
            }
            b.append(pkg.isEmpty() ? "// (default package)\n" : "");
            b.append(Catalogue.world(fields(), true, "Outer").replace("    ", "")).append("@Async ").append(main.staticKeyword()).append("Coroutine<")
                    .append(main.resultType).append("> ").append(main.name).append('(')
                    .append(main.params()).append(") throws CheckedBoom {\n").append(main.body).append("}\n");
            return b.toString();
        }
    }

    private final Random r;
    private final Features features;
    private final String id;
    private final Illegal illegal;
    private final Catalogue catalogue;

    private ProgramGenerator(long seed, String id, Features features, Illegal illegal) {
        this.r = new Random(seed);
        this.features = features;
        this.id = id;
        this.illegal = illegal;
        this.catalogue = new Catalogue(r, features, id);
    }

    /** Generates the program of a seed; {@code id} names its methods (it does not change the program). */
    static Program generate(long seed, String id, Features features) {
        return generate(seed, id, features, null);
    }

    static Program generate(long seed, String id, Features features, Illegal illegal) {
        ProgramGenerator g = new ProgramGenerator(seed, id, features, illegal);
        return g.program(seed);
    }

    private Program program(long seed) {
        int nsubs = features.subCoroutines ? r.nextInt(3) : 0;
        List<Method> subs = new ArrayList<>();
        List<String> callable = new ArrayList<>();
        for (int i = 0; i < nsubs; i++) {
            String name = id + "q" + i;
            MethodGen mg = new MethodGen(true, "Integer", new ArrayList<>(callable), 6 + r.nextInt(10), null);
            subs.add(new Method(name, true, "Integer", mg.generate(), mg.suppress));
            callable.add(name);
        }
        int ngens = features.generators ? r.nextInt(3) : 0;
        List<Method> gens = new ArrayList<>();
        for (int i = 0; i < ngens; i++) {
            String name = id + "y" + i;
            GenKind kind = r.nextBoolean() ? GenKind.ASYNC : GenKind.SYNC;
            MethodGen mg = new MethodGen(true, "Integer", kind == GenKind.ASYNC ? new ArrayList<>(callable)
                    : List.of(), 5 + r.nextInt(10), null);
            mg.gen = kind;
            if (kind == GenKind.SYNC && features.generatorDelegation) {
                for (Method earlier : gens) {
                    if (earlier.gen == GenKind.SYNC) {
                        mg.delegates.add(earlier);
                    }
                }
            }
            Method m = new Method(name, true, "Integer", mg.generate(), mg.suppress, false, kind);
            m.yieldsNull = mg.yieldsNull;
            subs.add(m);
            gens.add(m);
        }
        String result = r.nextInt(4) == 0 ? "String" : "Integer";
        MethodGen mg = new MethodGen(false, result, callable, 15 + r.nextInt(35), illegal);
        mg.generators = gens;
        mg.instance = features.instanceMethods && r.nextBoolean();
        Method main = new Method(id, false, result, mg.generate(), mg.suppress, mg.instance);
        Program p = new Program(seed, id, main, subs, mg.illegalEmitted ? illegal : null);
        StringBuilder cat = new StringBuilder();
        for (String m : catalogue.members.values()) {
            for (String l : m.split("\n", -1)) {
                cat.append(l.isEmpty() ? "" : "    " + l).append('\n');
            }
        }
        p.catalogue = cat.toString();
        if (features.defaultPackage && illegal == null && r.nextInt(6) == 0) {
            p.pkg = "";
        }
        return p;
    }

    // ------------------------------------------------------------------ types and scopes

    enum Ty { INT, LONG, BOOL, STR, ARR, LIST, CELL, BYTE, SHORT, CHAR, BOXED, DOUBLE, FN, CAPS, RES }

    /** A local: whether the generator may assign it, and whether a lambda may capture it. */
    static final class V {
        final String name;
        final Ty ty;
        final boolean mutable;
        final boolean capturable;

        V(String name, Ty ty, boolean mutable, boolean capturable) {
            this.name = name;
            this.ty = ty;
            this.mutable = mutable;
            this.capturable = capturable;
        }
    }

    enum Kind { LOOP, SWITCH, BLOCK, SWITCH_EXPR, LAMBDA }

    /** Something break, continue or yield can target, and whether a reachable jump exits it. */
    static final class Target {
        final Kind kind;
        final String label;
        final Ty yieldTy;
        final int opaque;
        boolean hasBreak;
        boolean hasContinue;
        /** A for or for-each loop (continue goes to its update, or its next element). */
        boolean forLoop;

        Target(Kind kind, String label, Ty yieldTy, int opaque) {
            this.kind = kind;
            this.label = label;
            this.yieldTy = yieldTy;
            this.opaque = opaque;
        }
    }

    /** An expression: its text, whether it is a compile-time constant, and whether its type is boxed. */
    static final class E {
        final String s;
        final boolean constant;
        final boolean boxed;

        E(String s, boolean constant, boolean boxed) {
            this.s = s;
            this.constant = constant;
            this.boxed = boxed;
        }

        static E prim(String s) {
            return new E(s, false, false);
        }

        static E box(String s) {
            return new E(s, false, true);
        }

        static E lit(String s) {
            return new E(s, true, false);
        }
    }

    // ------------------------------------------------------------------ random helpers

    private boolean chance(double p) {
        return r.nextDouble() < p;
    }

    private int n(int bound) {
        return r.nextInt(bound);
    }

    @SafeVarargs
    private static <T> T pick(Random r, T... options) {
        return options[r.nextInt(options.length)];
    }

    private <T> T pick(List<T> options) {
        return options.get(r.nextInt(options.size()));
    }

    // ------------------------------------------------------------------ one method

    private final class MethodGen {
        final boolean sub;
        final Ty result;
        final String resultType;
        final List<String> callable;
        final Set<String> suppress = new TreeSet<>();
        final Deque<List<V>> scopes = new ArrayDeque<>();
        final Deque<Target> targets = new ArrayDeque<>();
        final Deque<boolean[]> checked = new ArrayDeque<>();
        StringBuilder out = new StringBuilder();
        int ind = 2;
        int seq = 2;
        int opaque;
        boolean noAwait;
        boolean lambda;
        int budget;
        /** An instance method: may use this, the private field and helper. */
        boolean instance;
        boolean anonymous;
        /** For a generator body: its kind (yields allowed). */
        GenKind gen;
        /** The generator methods this method may consume. */
        List<Method> generators = List.of();
        /** For a plain generator: the earlier plain generators it may delegate to ({@code yieldFrom}). */
        final List<Method> delegates = new ArrayList<>();
        /** For a plain generator: it may yield null. */
        boolean yieldsNull;
        /** Where a yield may not go inside an expression although a yield statement could. */
        int noYieldExpr;
        /** Inside a branch of a conditional expression or an arm of a switch expression. */
        int branchDepth;
        /** Inside the initializer of a resource of try-with-resources. */
        int resourceInit;
        int synchronizedDepth;
        int switchDepth;
        /** Restricted mode (no temporaries across awaits): awaits so far in the current expression. */
        int exprAwaits;
        /** Inside the operand of an await. */
        int operandDepth;
        /** Restricted mode: a value that Tulip would spill has been evaluated in the current expression. */
        boolean exprUnstable;
        Illegal pendingIllegal;
        boolean illegalEmitted;
        /** What a catalogue block may do here. */
        final Catalogue.Site site = new Catalogue.Site() {
            @Override
            public boolean awaits() {
                return awaitsAllowed();
            }

            @Override
            public boolean instance() {
                return instance;
            }

            @Override
            public String fresh(String prefix) {
                return MethodGen.this.fresh(prefix);
            }

            @Override
            public String awaitable() {
                return factory();
            }
        };

        MethodGen(boolean sub, String resultType, List<String> callable, int budget, Illegal illegal) {
            this.sub = sub;
            this.resultType = resultType;
            this.result = resultType.equals("String") ? Ty.STR : Ty.INT;
            this.callable = callable;
            this.budget = budget;
            this.pendingIllegal = illegal;
        }

        String fresh(String prefix) {
            return prefix + (seq++);
        }

        void line(String s) {
            for (int i = 0; i < ind; i++) {
                out.append("    ");
            }
            out.append(s).append('\n');
        }

        /** Runs a generation step into a separate buffer and returns its text (for out-of-order generation). */
        String capture(Runnable step) {
            StringBuilder saved = out;
            out = new StringBuilder();
            try {
                step.run();
                return out.toString();
            } finally {
                out = saved;
            }
        }

        void declare(V v) {
            scopes.peek().add(v);
        }

        List<V> vars(Ty ty, boolean mutableOnly) {
            List<V> found = new ArrayList<>();
            if (operandDepth > 0 && !features.clearedOperands && ty != Ty.INT && ty != Ty.LONG && ty != Ty.BOOL
                    && ty != Ty.BYTE && ty != Ty.SHORT && ty != Ty.CHAR && ty != Ty.DOUBLE) {
                return found; // a reference local read by an await's operand may be cleared before it
            }
            for (List<V> scope : scopes) {
                for (V v : scope) {
                    if (v.ty == ty && (!mutableOnly || v.mutable) && (!lambda || v.capturable)) {
                        found.add(v);
                    }
                }
            }
            return found;
        }

        V someVar(Ty ty, boolean mutableOnly) {
            List<V> vs = vars(ty, mutableOnly);
            return vs.isEmpty() ? null : pick(vs);
        }

        void markChecked() {
            if (!checked.isEmpty()) {
                checked.peek()[0] = true;
            }
        }

        boolean awaitsAllowed() {
            return !noAwait && !lambda;
        }

        /** Generates the operand of an await (what is evaluated before the suspension). */
        String operand(java.util.function.Supplier<String> gen) {
            operandDepth++;
            try {
                return gen.get();
            } finally {
                operandDepth--;
            }
        }

        /** Starts a separately evaluated expression. */
        void resetExpr() {
            exprAwaits = 0;
            exprUnstable = false;
        }

        /** Notes that a value Tulip would spill is pending in the current expression. */
        void mark() {
            exprUnstable = true;
        }

        /** May an await go here, inside an expression? Consumes the one await of restricted mode. */
        boolean awaitHere() {
            if (!awaitsAllowed()) {
                return false;
            }
            if (features.tempsAcrossAwaits) {
                return true;
            }
            if (exprAwaits > 0 || exprUnstable) {
                return false;
            }
            exprAwaits++;
            return true;
        }

        /** After a subexpression: anything but a literal or an effectively final local is spilled. */
        E post(E e) {
            if (!isLiteral(e.s) && !isStableVar(e.s)) {
                exprUnstable = true; // even a constant expression such as (int) 1L or (6 ^ 3) is spilled
            }
            return e;
        }

        boolean isLiteral(String s) {
            return s.matches("[0-9]+L?|[0-9]+\\.[0-9]+|true|false|\"[^\"]*\"|'.'");
        }

        boolean isStableVar(String name) {
            for (List<V> scope : scopes) {
                for (V v : scope) {
                    if (v.name.equals(name)) {
                        return v.capturable; // never assigned after its declaration
                    }
                }
            }
            return name.equals("t");
        }

        // -------------------------------------------------------------- the method

        String generate() {
            if (gen == GenKind.SYNC) {
                noAwait = true; // a plain generator only yields
            }
            scopes.push(new ArrayList<>());
            prologue();
            boolean completes = stmts(0, budget);
            if (pendingIllegal != null && completes) {
                illegalStatement();
            }
            if (completes) {
                epilogue();
            }
            return out.toString();
        }

        void prologue() {
            if (!sub) {
                line(id + "g = 0;");
                line(id + "s = 0;");
            }
            if (sub && gen != null) {
                declare(new V("a", Ty.INT, true, false));
                line(id + "g += a;");
                line("t.log(\"generator\", a);");
            } else if (sub) {
                declare(new V("a", Ty.INT, true, false));
                declare(new V("arr", Ty.ARR, false, true));
                line(id + "g += a;");
                line("t.log(\"enter\", a, arr);");
            }
            line("int x0 = " + (sub ? "a" : "1") + ";");
            declare(new V("x0", Ty.INT, true, false));
            line("int x1 = " + (awaitsAllowed() ? "await(later(2))" : "2") + ";");
            boolean m1 = chance(0.5);
            declare(new V("x1", Ty.INT, m1, !m1));
            if (!sub || chance(0.5)) {
                line("String s0 = \"s\";");
                declare(new V("s0", Ty.STR, true, false));
                line("boolean z0 = t.b(\"z\", true);");
                declare(new V("z0", Ty.BOOL, true, false));
                line("long l0 = 3L;");
                declare(new V("l0", Ty.LONG, true, false));
            }
            if (!sub) {
                line("int[] arr0 = {1, 2, 3, 4};");
                boolean ma = chance(0.3);
                declare(new V("arr0", Ty.ARR, ma, !ma));
                line("List<Integer> lst0 = new ArrayList<>(List.of(5, 6, 7, 8));");
                declare(new V("lst0", Ty.LIST, false, true));
                line("Cell c0 = new Cell(t, \"c0\", 0);");
                declare(new V("c0", Ty.CELL, false, true));
                if (features.narrowCompound) {
                    line("byte b0 = 1;");
                    declare(new V("b0", Ty.BYTE, true, false));
                    line("short h0 = 2;");
                    declare(new V("h0", Ty.SHORT, true, false));
                    line("char ch0 = 'a';");
                    declare(new V("ch0", Ty.CHAR, true, false));
                    line("Integer bx0 = 4;");
                    declare(new V("bx0", Ty.BOXED, true, false));
                    line("double d0 = 0.5;");
                    declare(new V("d0", Ty.DOUBLE, true, false));
                }
            }
            if (features.lambdas) {
                line("List<IntSupplier> caps = new ArrayList<>();");
                declare(new V("caps", Ty.CAPS, false, true));
            }
            // a capturable int, so that lambdas always have something to capture
            line("int k0 = t.v(\"k0\", " + (sub ? "a" : "7") + ");");
            declare(new V("k0", Ty.INT, false, true));
        }

        void epilogue() {
            StringBuilder dump = new StringBuilder("t.log(\"end\"");
            for (V v : scopes.peekLast()) {
                if (v.ty != Ty.CAPS && v.ty != Ty.FN && v.ty != Ty.RES) {
                    dump.append(", ").append(v.name);
                }
            }
            dump.append(", ").append(id).append("g, ").append(id).append("s");
            if (instance) {
                dump.append(", ").append(id).append("f");
            }
            dump.append(");");
            line(dump.toString());
            if (features.lambdas) {
                String c = fresh("cap");
                line("for (IntSupplier " + c + " : caps) {");
                ind++;
                line("t.log(\"cap\", " + c + ".getAsInt());");
                ind--;
                line("}");
            }
            line(returnText(2));
        }

        String returnText(int d) {
            if (gen == GenKind.SYNC && features.generatorReturnValues && chance(0.6)) {
                return "return Tulip.doneYielding(" + expr(Ty.INT, d).s + ");";
            }
            if (gen != null) {
                return "return Tulip.doneYielding();";
            }
            if (features.clearedOperands) {
                return "return done(" + expr(result, d).s + ");";
            }
            // t is read after the awaits of the value, so it is not dead at them
            return "return done(" + (result == Ty.STR ? "t.s" : "t.v") + "(\"ret\", " + expr(result, d).s + "));";
        }

        // -------------------------------------------------------------- statements

        /** Up to {@code max} statements in a new scope; false if the last one cannot complete normally. */
        boolean stmts(int depth, int max) {
            if (!scopes.isEmpty() && depth > 0) {
                scopes.push(new ArrayList<>());
            }
            try {
                int count = Math.max(1, Math.min(max, 1 + n(Math.max(1, max))));
                if (depth == 0) {
                    count = max;
                }
                for (int i = 0; i < count && (budget > 0 || i == 0); i++) {
                    if (pendingIllegal != null && depth > 0 && chance(0.08) && illegalAllowedHere()) {
                        illegalStatement();
                    }
                    if (!stmt(depth)) {
                        return false;
                    }
                }
                return true;
            } finally {
                if (depth > 0) {
                    scopes.pop();
                }
            }
        }

        /** A block's statements between braces already written by the caller. */
        boolean body(int depth) {
            ind++;
            try {
                return stmts(depth + 1, 1 + n(4));
            } finally {
                ind--;
            }
        }

        boolean stmt(int depth) {
            budget--;
            resetExpr();
            if (features.abruptPlainStatements) {
                return stmt0(depth);
            }
            boolean[] completes = {true};
            List<V> scope = scopes.peek();
            int declared = scope.size();
            String text = capture(() -> completes[0] = stmt0(depth));
            boolean compound = text.indexOf('\n') < text.length() - 1;
            boolean suspends = text.contains("await(") || text.contains("aiter(") || text.contains("ares(")
                    || text.contains("Tulip.yield");
            if (!completes[0] && compound && !suspends) {
                // Tulip would print it as is and add unreachable code after it: make it completable
                while (scope.size() > declared) {
                    scope.remove(scope.size() - 1); // its declarations (loop counters) are now in the if
                }
                line("if (t.b(\"" + fresh("Q") + "\", true)) {");
                for (String l : text.split("\n")) {
                    out.append("    ").append(l).append('\n');
                }
                line("}");
                return true;
            }
            out.append(text);
            return completes[0];
        }

        boolean stmt0(int depth) {
            boolean nest = depth < 4 && budget > 1;
            if (nest && features.generatorDrivers && !lambda && !generators.isEmpty() && chance(0.05)) {
                Method g = pick(generators);
                if (g.gen == GenKind.SYNC) {
                    return driverStmt(g);
                }
            }
            if (nest && gen == null && !lambda && !anonymous && catalogue.any() && chance(0.06)) {
                List<String> block = catalogue.block(site);
                if (block != null) {
                    for (String l : block) {
                        line(l);
                    }
                    return true;
                }
            }
            int roll = n(100);
            if (roll < 12) {
                return logStmt();
            }
            if (roll < 22) {
                return declStmt();
            }
            if (roll < 36) {
                if (yieldsAllowed() && chance(0.4)) {
                    return yieldStmt();
                }
                return assignStmt();
            }
            if (roll < 41) {
                return awaitStmt();
            }
            if (roll < 43) {
                return throwHelperStmt();
            }
            if (roll < 50) {
                return jumpStmt(depth > 0 ? chance(0.2) : budget < 3 && chance(0.3));
            }
            if (!nest) {
                return logStmt();
            }
            if (roll < 58) {
                return ifStmt(depth);
            }
            if (roll < 68) {
                return loopStmt(depth);
            }
            if (roll < 74) {
                return switchStmt(depth);
            }
            if (roll < 84 && (switchDepth == 0 || features.handlersInSwitchExpressions)) {
                return tryStmt(depth, features.tryWithResources && chance(0.3));
            }
            if (roll < 89) {
                return features.lambdas ? lambdaStmt() : logStmt();
            }
            if (roll < 91 && (switchDepth == 0 || features.handlersInSwitchExpressions)) {
                return synchronizedStmt(depth);
            }
            if (roll < 94 && features.labeledBlocks) {
                return labeledBlock(depth);
            }
            if (roll < 96) {
                line("{");
                boolean c = body(depth);
                line("}");
                return c;
            }
            if (roll < 98 && features.lambdas && !lambda) {
                String c = fresh("cap");
                line("for (IntSupplier " + c + " : caps) {");
                ind++;
                line("t.log(\"" + fresh("L") + "\", " + c + ".getAsInt());");
                ind--;
                line("}");
                return true;
            }
            return logStmt();
        }

        boolean yieldsAllowed() {
            return gen != null && !lambda && synchronizedDepth == 0
                    && (switchDepth == 0 || features.yieldInSwitchExpressions);
        }

        /**
         * {@code Tulip.yield(v);}; in a plain generator also {@code Tulip.yieldFrom(List.of(...));}, uses
         * of the value sent in ({@code int s = nz(Tulip.yield(v));}), {@code Tulip.yield()} and
         * delegation to an earlier plain generator.
         */
        boolean yieldStmt() {
            if (gen == GenKind.SYNC && chance(0.15)) {
                line("Tulip.yieldFrom(List.of(" + expr(Ty.INT, 1).s + ", " + expr(Ty.INT, 1).s + "));");
                return true;
            }
            if (gen == GenKind.SYNC && !delegates.isEmpty() && chance(0.45)) {
                String call = delegateCall(1);
                switch (n(3)) {
                    case 0:
                        line("Tulip.yieldFrom(" + call + ");");
                        break;
                    case 1:
                        line("t.log(\"" + fresh("R") + "\", Tulip.<Integer>yieldFrom(" + call + "));");
                        break;
                    default: {
                        String x = fresh("rv");
                        line("int " + x + " = nz(Tulip.yieldFrom(" + call + "));");
                        declare(new V(x, Ty.INT, true, false));
                        break;
                    }
                }
                return true;
            }
            if (gen == GenKind.SYNC && features.bareYields && chance(0.12)) {
                yieldsNull = true;
                line(chance(0.5) ? "Tulip.yield();" : "t.log(\"" + fresh("S") + "\", Tulip.yield());");
                return true;
            }
            String v = expr(Ty.INT, 2).s;
            if (!features.yieldOfConditionals && v.startsWith("(") && balanced(v) && topLevelConditional(v)) {
                v = "t.v(\"" + fresh("Y") + "\", " + v + ")";
            }
            if (gen == GenKind.SYNC && features.yieldValues) {
                switch (n(4)) {
                    case 0: {
                        String x = fresh("sv");
                        line("int " + x + " = nz(Tulip.yield(" + v + "));");
                        declare(new V(x, Ty.INT, true, false));
                        return true;
                    }
                    case 1:
                        line("t.log(\"" + fresh("S") + "\", Tulip.<Integer>yield(" + v + "));");
                        return true;
                    default:
                        break;
                }
            }
            line("Tulip.yield(" + v + ");");
            return true;
        }

        /** A call of an earlier plain generator, to delegate to. */
        String delegateCall(int d) {
            Method g = pick(delegates);
            markChecked(); // the generator method declares throws CheckedBoom
            yieldsNull |= g.yieldsNull;
            return g.name + "(t, " + expr(Ty.INT, d).s + ")";
        }

        /** May a yield go here, inside an expression of a plain generator? Like {@link #awaitHere()}. */
        boolean yieldHere() {
            if (gen != GenKind.SYNC || !features.yieldValues || !features.yieldExpressions || !yieldsAllowed()
                    || noYieldExpr > 0) {
                return false;
            }
            if (features.tempsAcrossAwaits) {
                return true;
            }
            if (exprAwaits > 0 || exprUnstable) {
                return false;
            }
            exprAwaits++;
            return true;
        }

        boolean logStmt() {
            StringBuilder b = new StringBuilder("t.log(\"" + fresh("L") + "\"");
            int k = 1 + n(2);
            for (int i = 0; i < k; i++) {
                b.append(", ").append(expr(pick(r, Ty.INT, Ty.INT, Ty.INT, Ty.STR, Ty.BOOL, Ty.LONG), 3).s);
            }
            line(b.append(");").toString());
            return true;
        }

        boolean declStmt() {
            Ty ty = pick(r, Ty.INT, Ty.INT, Ty.INT, Ty.INT, Ty.STR, Ty.BOOL, Ty.LONG, Ty.ARR);
            String name = fresh(ty == Ty.ARR ? "arr" : "x");
            String init;
            String type;
            switch (ty) {
                case ARR:
                    type = "int[]";
                    init = "new int[] {" + expr(Ty.INT, 2).s + ", " + expr(Ty.INT, 1).s + ", " + expr(Ty.INT, 1).s
                            + ", " + expr(Ty.INT, 1).s + "}";
                    break;
                case STR:
                    type = "String";
                    init = expr(Ty.STR, 3).s;
                    break;
                case BOOL:
                    type = "boolean";
                    init = expr(Ty.BOOL, 3).s;
                    break;
                case LONG:
                    type = "long";
                    init = expr(Ty.LONG, 3).s;
                    break;
                default:
                    type = "int";
                    init = expr(Ty.INT, 3).s;
                    break;
            }
            boolean mutable = chance(0.6);
            line(type + " " + name + " = " + init + ";");
            declare(new V(name, ty, mutable, !mutable));
            return true;
        }

        String index() {
            String i = "(" + expr(Ty.INT, 2).s + ") & 3";
            mark(); // the & is computed (and spilled) before what follows
            return i;
        }

        boolean assignStmt() {
            for (int attempt = 0; attempt < 4; attempt++) {
                int roll = n(100);
                if (roll < 22) {
                    Ty ty = pick(r, Ty.INT, Ty.INT, Ty.STR, Ty.BOOL, Ty.LONG, Ty.ARR);
                    V v = someVar(ty, true);
                    if (v == null) {
                        continue;
                    }
                    if (ty == Ty.ARR) {
                        line(v.name + " = new int[] {" + expr(Ty.INT, 1).s + ", " + expr(Ty.INT, 1).s + ", 3, "
                                + expr(Ty.INT, 1).s + "};");
                    } else if (ty == Ty.STR) {
                        line(v.name + " = " + strExpr(2, v.name) + ";");
                    } else {
                        line(v.name + " = " + expr(ty, 3).s + ";");
                    }
                    return true;
                }
                if (roll < 44) {
                    Ty ty = pick(r, Ty.INT, Ty.INT, Ty.INT, Ty.LONG, Ty.STR);
                    V v = someVar(ty, true);
                    if (v == null) {
                        continue;
                    }
                    line(v.name + " " + compound(ty) + ";");
                    return true;
                }
                if (roll < 52) {
                    V v = someVar(Ty.INT, true);
                    if (v == null) {
                        continue;
                    }
                    line(pick(r, v.name + "++", "++" + v.name, v.name + "--", "--" + v.name) + ";");
                    return true;
                }
                if (roll < 66) {
                    V v = someVar(Ty.ARR, false);
                    if (v == null) {
                        continue;
                    }
                    mark();
                    String elem = v.name + "[" + index() + "]";
                    switch (n(3)) {
                        case 0:
                            line(elem + " = " + expr(Ty.INT, 2).s + ";");
                            break;
                        case 1:
                            line(elem + " " + compound(Ty.INT) + ";");
                            break;
                        default:
                            line(pick(r, elem + "++", "++" + elem, elem + "--") + ";");
                            break;
                    }
                    return true;
                }
                if (roll < 72) {
                    V v = someVar(Ty.LIST, false);
                    if (v == null) {
                        continue;
                    }
                    if (chance(0.8)) {
                        line(v.name + ".set(" + index() + ", " + expr(Ty.INT, 2).s + ");");
                    } else {
                        line(v.name + ".add(" + expr(Ty.INT, 2).s + ");");
                    }
                    return true;
                }
                if (roll < 80) {
                    V v = someVar(Ty.CELL, false);
                    if (v == null) {
                        continue;
                    }
                    switch (n(4)) {
                        case 0:
                            line(v.name + ".v " + compound(Ty.INT) + ";");
                            break;
                        case 1:
                            line(v.name + ".v++;");
                            break;
                        case 2: {
                            String a = expr(Ty.INT, 2).s;
                            mark();
                            line(v.name + ".add(" + a + ").add(" + expr(Ty.INT, 2).s + ");");
                            break;
                        }
                        default: {
                            String a = expr(Ty.INT, 2).s;
                            mark();
                            line("t.cell(\"" + fresh("C") + "\", " + a + ").add(" + expr(Ty.INT, 2).s + ");");
                            break;
                        }
                    }
                    return true;
                }
                if (roll < 86) {
                    String f = id + pick(r, "g", "g", "s");
                    if (instance && chance(0.5)) {
                        f = pick(r, "", "this.") + id + "f";
                    }
                    // (never generate inside pick's arguments: all of them would be generated)
                    switch (n(3)) {
                        case 0:
                            line(f + " " + compound(Ty.INT) + ";");
                            break;
                        case 1:
                            line(f + "++;");
                            break;
                        default:
                            line(f + " = " + expr(Ty.INT, 2).s + ";");
                            break;
                    }
                    return true;
                }
                if (features.patterns && features.flowScopedPatterns && branchDepth == 0 && chance(0.1)) {
                    // a pattern variable in scope after the if (JLS 6.3.2), possibly across later awaits
                    String p = fresh("p");
                    line("if (!(t.obj(" + expr(Ty.INT, 2).s + ") instanceof Integer " + p + ")) {");
                    line("    throw new IllegalStateException(\"never\");");
                    line("}");
                    declare(new V(p, Ty.BOXED, false, true));
                    return true;
                }
                if (features.narrowCompound) {
                    Ty ty = pick(r, Ty.BYTE, Ty.SHORT, Ty.CHAR, Ty.BOXED, Ty.DOUBLE, Ty.INT, Ty.LONG);
                    if (ty == Ty.BOXED && !features.boxedCompound) {
                        continue;
                    }
                    V v = someVar(ty, true);
                    if (v == null) {
                        continue;
                    }
                    line(narrowCompound(v) + ";");
                    return true;
                }
            }
            return logStmt();
        }

        /** {@code op= rhs} of a compound assignment used as an operand of a larger expression. */
        String compoundOperand() {
            if (features.compoundOperandsAwait) {
                return compound(Ty.INT);
            }
            boolean saved = noAwait;
            noAwait = true;
            noYieldExpr++;
            try {
                return compound(Ty.INT);
            } finally {
                noAwait = saved;
                noYieldExpr--;
            }
        }

        /** {@code op= rhs} for a target of the given type (the target itself is written by the caller). */
        String compound(Ty ty) {
            mark(); // the target's old value is read before the right-hand side
            switch (ty) {
                case STR:
                    return "+= " + strTerm(2);
                case LONG:
                    return pick(r, "+=", "-=", "*=", "^=") + " " + expr(pick(r, Ty.LONG, Ty.INT), 2).s;
                default: {
                    int k = n(10);
                    if (k < 4) {
                        return pick(r, "+=", "-=", "*=") + " " + expr(Ty.INT, 2).s;
                    }
                    if (k < 6) {
                        return pick(r, "/=", "%=") + " (" + expr(Ty.INT, 2).s + " | 1)";
                    }
                    if (k < 8) {
                        return pick(r, "&=", "|=", "^=") + " " + expr(Ty.INT, 2).s;
                    }
                    return pick(r, "<<=", ">>=", ">>>=") + " (" + expr(Ty.INT, 1).s + " & 7)";
                }
            }
        }

        String narrowCompound(V v) {
            mark();
            switch (v.ty) {
                case BYTE:
                case SHORT:
                    return n(4) == 0 ? v.name + "++" : v.name + " " + pick(r, "+=", "-=", "*=") + " " + expr(Ty.INT, 2).s;
                case CHAR:
                    return n(4) == 0 ? v.name + "++" : v.name + " += (" + expr(Ty.INT, 2).s + ") & 7";
                case BOXED:
                    return n(4) == 0 ? v.name + "++" : v.name + " " + pick(r, "+=", "-=", "*=") + " " + expr(Ty.INT, 2).s;
                case DOUBLE:
                    return v.name + " " + pick(r, "+=", "*=", "-=") + " " + doubleExpr();
                case LONG:
                    return v.name + " " + pick(r, "+=", "*=") + " " + doubleExpr();
                default:
                    return v.name + " " + pick(r, "+=", "*=", "-=") + " "
                            + (chance(0.5) ? doubleExpr() : expr(Ty.LONG, 2).s);
            }
        }

        String doubleExpr() {
            switch (n(4)) {
                case 0:
                    return "1.5";
                case 1:
                    return awaitHere() ? "await(" + factory() + "(0.5))" : "0.25";
                case 2:
                    return "(" + expr(Ty.INT, 1).s + " * 0.5)";
                default:
                    return "0.75";
            }
        }

        String factory() {
            if (features.moreAwaitables && chance(0.15)) {
                // a CompletionStage, or a generic @Async method
                return chance(0.5) ? "stage" : "gid";
            }
            return pick(r, "ready", "later", "later", "soon", "viaTask", "timer", "now");
        }

        boolean awaitStmt() {
            if (!awaitsAllowed()) {
                return logStmt();
            }
            switch (n(5)) {
                case 0:
                    line("await(pause());");
                    return true;
                case 1:
                    if (!callable.isEmpty()) {
                        line("await(" + operand(this::subCall) + ");");
                        return true;
                    }
                    line("await(" + factory() + "(" + operand(() -> expr(Ty.INT, 2).s) + "));");
                    return true;
                case 2:
                    line("await(fail(" + operand(() -> expr(Ty.INT, 1).s + ", " + expr(Ty.BOOL, 2).s) + ", \""
                            + fresh("F") + "\"));");
                    return true;
                case 3: {
                    V v = someVar(Ty.INT, true);
                    if (v != null) {
                        line(v.name + " = await(" + factory() + "(" + operand(() -> expr(Ty.INT, 2).s) + "));");
                        return true;
                    }
                    line("await(" + factory() + "(" + operand(() -> expr(Ty.INT, 2).s) + "));");
                    return true;
                }
                default: {
                    Ty ty = pick(r, Ty.STR, Ty.BOOL, Ty.LONG);
                    line("await(" + factory() + "(" + operand(() -> expr(ty, 2).s) + "));");
                    return true;
                }
            }
        }

        String subCall() {
            markChecked();
            String name = pick(callable);
            String n = expr(Ty.INT, 2).s; // generated in evaluation order (see post())
            V arr = someVar(Ty.ARR, false);
            String a = arr == null || chance(0.2) ? "new int[] {" + expr(Ty.INT, 1).s + ", 0, 0, 1}" : arr.name;
            return name + "(t, " + n + ", " + a + ")";
        }

        boolean throwHelperStmt() {
            if (!lambda && chance(0.4)) {
                markChecked();
                line("t.check(" + expr(Ty.BOOL, 2).s + ", \"" + fresh("K") + "\");");
            } else {
                line("t.boom(" + expr(Ty.BOOL, 2).s + ", \"" + fresh("B") + "\");");
            }
            return true;
        }

        // -------------------------------------------------------------- jumps

        /** The targets visible from here: up to the first switch expression or lambda. */
        List<Target> visibleTargets() {
            List<Target> ts = new ArrayList<>();
            for (Target t : targets) {
                if (t.kind == Kind.SWITCH_EXPR || t.kind == Kind.LAMBDA) {
                    break;
                }
                ts.add(t);
            }
            return ts;
        }

        boolean returnAllowed() {
            for (Target t : targets) {
                if (t.kind == Kind.SWITCH_EXPR || t.kind == Kind.LAMBDA) {
                    return false;
                }
            }
            return true;
        }

        Target yieldTarget() {
            for (Target t : targets) {
                if (t.kind == Kind.SWITCH_EXPR) {
                    return t;
                }
                if (t.kind == Kind.LAMBDA) {
                    return null;
                }
            }
            return null;
        }

        /** A jump chosen among the legal ones; text without the semicolon's line, target marked. */
        String jump(boolean allowReturn) {
            return jump(allowReturn, true);
        }

        String jump(boolean allowReturn, boolean allowBreaks) {
            List<BooleanSupplier> options = new ArrayList<>();
            String[] chosen = new String[1];
            List<Target> ts = allowBreaks ? visibleTargets() : List.of();
            Target innermostBreakable = null;
            Target innermostLoop = null;
            for (Target t : ts) {
                if (innermostBreakable == null && (t.kind == Kind.LOOP || t.kind == Kind.SWITCH)) {
                    innermostBreakable = t;
                }
                if (innermostLoop == null && t.kind == Kind.LOOP) {
                    innermostLoop = t;
                }
            }
            if (innermostLoop != null && innermostLoop.forLoop && !features.continueInForLoops) {
                innermostLoop = null;
            }
            if (!features.unlabeledJumps) {
                innermostBreakable = null;
                innermostLoop = null;
            }
            if (innermostBreakable != null) {
                Target t = innermostBreakable;
                options.add(() -> {
                    chosen[0] = "break;";
                    markBreak(t);
                    return true;
                });
            }
            if (innermostLoop != null) {
                Target t = innermostLoop;
                options.add(() -> {
                    chosen[0] = "continue;";
                    markContinue(t);
                    return true;
                });
            }
            for (Target t : ts) {
                if (t.label != null) {
                    options.add(() -> {
                        chosen[0] = "break " + t.label + ";";
                        markBreak(t);
                        return true;
                    });
                    if (t.kind == Kind.LOOP && (!t.forLoop || features.continueInForLoops)) {
                        options.add(() -> {
                            chosen[0] = "continue " + t.label + ";";
                            markContinue(t);
                            return true;
                        });
                    }
                }
            }
            if (allowReturn && returnAllowed()) {
                options.add(() -> {
                    chosen[0] = returnText(2);
                    return true;
                });
                options.add(() -> {
                    chosen[0] = returnText(2);
                    return true;
                });
            }
            Target y = yieldTarget();
            if (y != null) {
                options.add(() -> {
                    chosen[0] = yieldText(y.yieldTy, 2);
                    return true;
                });
            }
            options.add(() -> {
                chosen[0] = throwText();
                return true;
            });
            pick(options).getAsBoolean();
            return chosen[0];
        }

        String throwText() {
            String e;
            switch (n(5)) {
                case 0:
                    e = "new Bang(\"" + fresh("T") + "\")";
                    break;
                case 1:
                    if (!lambda) {
                        markChecked();
                        e = "new CheckedBoom(\"" + fresh("T") + "\")";
                    } else {
                        e = "new Boom(\"" + fresh("T") + "\")";
                    }
                    break;
                case 2:
                    e = "new Boom(\"" + fresh("T") + "\" + " + expr(Ty.INT, 2).s + ")";
                    break;
                default:
                    e = "new Boom(\"" + fresh("T") + "\")";
                    break;
            }
            // t.pass(e) returns e: t is read after the awaits before the throw, so it is not cleared
            return "throw " + (features.clearedOperands ? e : "t.pass(" + e + ")") + ";";
        }

        void markBreak(Target t) {
            if (t.opaque == opaque) {
                t.hasBreak = true;
            }
        }

        void markContinue(Target t) {
            if (t.opaque == opaque) {
                t.hasContinue = true;
            }
        }

        /** A break or continue must not be printed as written inside a construct that Tulip explodes. */
        boolean guardJumps() {
            return !features.jumpsInPlainCode;
        }

        /** The condition of an if holding only a break or continue: awaited, so the if is exploded. */
        String guardCond(String cond) {
            return guardJumps() && awaitsAllowed() ? "await(ready(" + cond + "))" : cond;
        }

        boolean jumpStmt(boolean unconditional) {
            boolean guard = guardJumps();
            if (unconditional) {
                String j = jump(true, !guard || awaitsAllowed());
                if (guard && (j.startsWith("break") || j.startsWith("continue"))) {
                    // an if that suspends is exploded, so the jump in it is lowered, not printed
                    line("if (await(ready(t.b(\"" + fresh("Q") + "\", true)))) {");
                    line("    " + j);
                    line("}");
                    return true;
                }
                line(j);
                return false;
            }
            String cond = cond(2);
            String j = jump(true, !guard || awaitsAllowed());
            if (guard && (j.startsWith("break") || j.startsWith("continue"))) {
                cond = "await(ready(" + cond + "))";
            }
            line("if (" + cond + ") {");
            ind++;
            line(j);
            ind--;
            line("}");
            return true;
        }

        // -------------------------------------------------------------- compound statements

        boolean ifStmt(int depth) {
            line("if (" + cond(3) + ") {");
            boolean a = body(depth);
            if (chance(0.5)) {
                line("}");
                return true;
            }
            if (chance(0.3)) {
                resetExpr();
                line("} else if (" + cond(2) + ") {");
                boolean b = body(depth);
                line("} else {");
                boolean c = body(depth);
                line("}");
                return a || b || c;
            }
            line("} else {");
            boolean b = body(depth);
            line("}");
            return a || b;
        }

        String label() {
            return chance(0.3) || !features.unlabeledJumps ? fresh("L") : null;
        }

        /** A loop bound: the counter has been read before it. */
        String bound() {
            mark();
            int k = 1 + n(3);
            switch (n(4)) {
                case 0:
                    return features.awaitInConditions && awaitHere() ? "await(" + factory() + "(" + k + "))"
                            : String.valueOf(k);
                case 1:
                    return "t.v(\"" + fresh("N") + "\", " + k + ")";
                default:
                    return String.valueOf(k);
            }
        }

        String loopCond() {
            return chance(0.3) ? " && " + cond(2) : "";
        }

        boolean loopStmt(int depth) {
            String label = label();
            String prefix = label == null ? "" : label + ": ";
            Target t = new Target(Kind.LOOP, label, null, opaque);
            if (!generators.isEmpty() && !lambda && chance(0.3)) {
                Method g = pick(generators);
                if (g.gen == GenKind.SYNC && features.generatorDrivers && chance(0.6)) {
                    return driverStmt(g);
                }
                if (g.gen == GenKind.SYNC || awaitsAllowed()) {
                    return generatorLoop(depth, g, prefix, t);
                }
            }
            int kind = n(8);
            if (kind == 6 && !(features.asyncIterables && awaitsAllowed())) {
                kind = 3;
            }
            switch (kind) {
                case 0: {
                    String c = fresh("w");
                    line("int " + c + " = 0;");
                    declare(new V(c, Ty.INT, false, false));
                    line(prefix + "while (" + c + "++ < " + bound() + loopCond() + ") {");
                    loopBody(depth, t);
                    line("}");
                    return true;
                }
                case 1: {
                    String c = fresh("d");
                    line("int " + c + " = 0;");
                    declare(new V(c, Ty.INT, false, false));
                    line(prefix + "do {");
                    boolean completes = loopBody(depth, t);
                    resetExpr();
                    String cond = "++" + c + " < " + bound() + loopCond();
                    line("} while (" + cond + ");");
                    // javac revives liveness in a switch expression even in a dead condition: it then
                    // considers that the do statement completes normally (a missing return otherwise)
                    return completes || t.hasBreak || t.hasContinue || cond.contains("switch (");
                }
                case 2: {
                    t.forLoop = true;
                    String c = fresh("i");
                    mark();
                    int u = n(4);
                    String update = u == 0 ? c + "++" : u == 1 ? "++" + c : u == 2 ? c + " += 1"
                            : features.awaitInConditions && awaitHere() ? c + " += await(" + factory() + "(1))"
                                    : c + "++";
                    line(prefix + "for (int " + c + " = 0; " + c + " < " + bound() + loopCond() + "; " + update
                            + ") {");
                    scopes.push(new ArrayList<>(List.of(new V(c, Ty.INT, false, false))));
                    loopBody(depth, t);
                    scopes.pop();
                    line("}");
                    return true;
                }
                case 3:
                case 4: {
                    t.forLoop = true;
                    String v = fresh("e");
                    String source;
                    V arr = someVar(Ty.ARR, false);
                    V lst = someVar(Ty.LIST, false);
                    int s = n(4);
                    if (s == 0 && arr != null) {
                        source = arr.name;
                    } else if (s == 1 && lst != null) {
                        source = lst.name;
                    } else if (s == 2) {
                        source = "List.of(" + expr(Ty.INT, 1).s + ", " + expr(Ty.INT, 1).s + ")";
                    } else {
                        source = "new int[] {" + expr(Ty.INT, 1).s + ", " + expr(Ty.INT, 1).s + "}";
                    }
                    line(prefix + "for (int " + v + " : " + source + ") {");
                    scopes.push(new ArrayList<>(List.of(new V(v, Ty.INT, false, true))));
                    loopBody(depth, t);
                    scopes.pop();
                    line("}");
                    return true;
                }
                case 5: {
                    String g = fresh("g");
                    if (chance(0.5)) {
                        line("int " + g + " = 0;");
                        declare(new V(g, Ty.INT, false, false));
                        line(prefix + "while (true) {");
                        ind++;
                        line("if (" + guardCond(g + "++ >= " + bound()) + ") {");
                        line("    break" + (label == null ? "" : " " + label) + ";");
                        line("}");
                        ind--;
                    } else {
                        t.forLoop = true;
                        line(prefix + "for (int " + g + " = 0; ; " + g + "++) {");
                        ind++;
                        line("if (" + guardCond(g + " >= " + bound()) + ") {");
                        line("    break" + (label == null ? "" : " " + label) + ";");
                        line("}");
                        ind--;
                    }
                    t.hasBreak = true;
                    scopes.push(new ArrayList<>(List.of(new V(g, Ty.INT, false, false))));
                    loopBody(depth, t);
                    scopes.pop();
                    line("}");
                    return true;
                }
                case 6: {
                    t.forLoop = true;
                    String v = fresh("e");
                    int k = 1 + n(3);
                    line(prefix + "for (int " + v + " : aiter(t, " + (chance(0.5) ? String.valueOf(k)
                            : "t.v(\"" + fresh("N") + "\", " + k + ")") + ")) {");
                    scopes.push(new ArrayList<>(List.of(new V(v, Ty.INT, false, true))));
                    loopBody(depth, t);
                    scopes.pop();
                    line("}");
                    return true;
                }
                default: {
                    // nested pair of loops with a labeled jump from the inner one
                    String outer = label == null ? fresh("L") : label;
                    Target ot = new Target(Kind.LOOP, outer, null, opaque);
                    ot.forLoop = true;
                    String i = fresh("i");
                    String j = fresh("j");
                    line(outer + ": for (int " + i + " = 0; " + i + " < " + bound() + "; " + i + "++) {");
                    targets.push(ot);
                    scopes.push(new ArrayList<>(List.of(new V(i, Ty.INT, false, false))));
                    ind++;
                    line("for (int " + j + " = 0; " + j + " < " + bound() + "; " + j + "++) {");
                    Target it = new Target(Kind.LOOP, null, null, opaque);
                    it.forLoop = true;
                    scopes.push(new ArrayList<>(List.of(new V(j, Ty.INT, false, false))));
                    targets.push(it);
                    ind++;
                    boolean c = stmts(depth + 2, 1 + n(3));
                    if (c) {
                        resetExpr();
                        line("if (" + guardCond(cond(2)) + ") {");
                        line("    " + (features.continueInForLoops && chance(0.5) ? "continue " : "break ") + outer
                                + ";");
                        line("}");
                        stmts(depth + 2, 1 + n(2));
                    }
                    ind--;
                    targets.pop();
                    scopes.pop();
                    line("}");
                    ind--;
                    scopes.pop();
                    targets.pop();
                    line("}");
                    return true;
                }
            }
        }

        /** for-each over a generator (async for over an AsyncGenerator), maybe closed early by a try. */
        boolean generatorLoop(int depth, Method g, String prefix, Target t) {
            t.forLoop = true;
            if (features.checkedGeneratorCalls || g.gen == GenKind.ASYNC) {
                markChecked(); // the generator method declares throws CheckedBoom
            }
            String call = g.name + "(t, " + expr(Ty.INT, 1).s + ")";
            String e = fresh("e");
            // a generator that may yield null is read as Integer (unboxing null: an NPE whose message names
            // locals, which differ between the two worlds)
            String type = g.yieldsNull ? "Integer" : "int";
            List<V> loopVars = g.yieldsNull ? List.of() : List.of(new V(e, Ty.INT, false, true));
            if (chance(0.35) && (switchDepth == 0 || features.handlersInSwitchExpressions)) {
                // closed when the block ends, even after a break: its finally blocks run then
                String gv = fresh("gv");
                line("try (var " + gv + " = " + call + ") {");
                ind++;
                line(prefix + "for (" + type + " " + e + " : " + gv + ") {");
                scopes.push(new ArrayList<>(loopVars));
                loopBody(depth, t);
                scopes.pop();
                line("}");
                ind--;
                line("}");
                return true;
            }
            line(prefix + "for (" + type + " " + e + " : " + call + ") {");
            scopes.push(new ArrayList<>(loopVars));
            loopBody(depth, t);
            scopes.pop();
            line("}");
            return true;
        }

        /**
         * A plain generator driven by hand: next, send, hasNext, throwInto, close, returnValue and a
         * for-each over what is left, each in a try/catch that logs the exception (or bare, so that it
         * propagates), the generator in a local or a try-with-resources.
         */
        boolean driverStmt(Method g) {
            if (features.checkedGeneratorCalls) {
                markChecked(); // the generator method declares throws CheckedBoom
            }
            boolean handlers = switchDepth == 0 || features.handlersInSwitchExpressions;
            String gv = fresh("g");
            String call = g.name + "(t, " + expr(Ty.INT, 1).s + ")";
            boolean twr = handlers && chance(0.3);
            if (twr) {
                line("try (var " + gv + " = " + call + ") {");
                ind++;
            } else {
                line("var " + gv + " = " + call + ";");
            }
            int ops = 2 + n(6);
            for (int i = 0; i < ops; i++) {
                resetExpr();
                if (handlers && chance(0.8)) {
                    String ex = fresh("dx");
                    line("try {");
                    ind++;
                    driverOp(gv, i == 0);
                    ind--;
                    line("} catch (Exception | GeneratorExit " + ex + ") {");
                    line("    t.log(\"" + fresh("D") + "\", " + ex + ");");
                    line("}");
                } else {
                    driverOp(gv, i == 0);
                }
            }
            if (!twr && chance(0.4)) {
                line(gv + ".close();");
            }
            if (twr) {
                ind--;
                line("}");
            }
            return true;
        }

        /** One operation on the generator {@code gv}; the first one mostly starts it. */
        void driverOp(String gv, boolean first) {
            String tag = "\"" + fresh("D") + "\"";
            switch (first && chance(0.7) ? pick(r, 0, 0, 0, 7) : n(17)) {
                case 0:
                case 1:
                case 2:
                    line("t.log(" + tag + ", " + gv + ".next());");
                    break;
                case 3:
                case 4:
                case 5:
                    line("t.log(" + tag + ", " + gv + ".send(" + expr(Ty.INT, 1).s + "));");
                    break;
                case 6:
                    line("t.log(" + tag + ", " + gv + ".send(null));");
                    break;
                case 7:
                case 8:
                    line("t.log(" + tag + ", " + gv + ".hasNext());");
                    break;
                case 9:
                case 10:
                    line("t.log(" + tag + ", " + gv + ".throwInto(new Boom(\"" + fresh("T") + "\")));");
                    break;
                case 11:
                    line("t.log(" + tag + ", " + gv + ".throwInto(new CheckedBoom(\"" + fresh("T") + "\")));");
                    break;
                case 12:
                    line("t.log(" + tag + ", " + gv + ".throwInto(" + (chance(0.3) ? "new GeneratorExit(\"" + fresh("T")
                            + "\")" : "new Bang(\"" + fresh("T") + "\")") + "));");
                    break;
                case 13:
                case 14:
                    suppress.add("try"); // close() of a try-with-resources variable, in its block
                    line(gv + ".close();");
                    line("t.log(" + tag + ", \"closed\", " + gv + ".isExhausted());");
                    break;
                case 15:
                    line("t.log(" + tag + ", " + gv + ".returnValue());");
                    break;
                default: {
                    String e = fresh("e");
                    line("for (Integer " + e + " : " + gv + ") {");
                    line("    t.log(" + tag + ", " + e + ");");
                    if (chance(0.3)) {
                        line("    if (t.b(\"" + fresh("Q") + "\", " + e + " == null || " + e + " > 2)) {");
                        line("        break;");
                        line("    }");
                    }
                    line("}");
                    break;
                }
            }
        }

        boolean loopBody(int depth, Target t) {
            targets.push(t);
            try {
                return body(depth);
            } finally {
                targets.pop();
            }
        }

        boolean labeledBlock(int depth) {
            String label = fresh("B");
            Target t = new Target(Kind.BLOCK, label, null, opaque);
            line(label + ": {");
            targets.push(t);
            boolean c;
            try {
                ind++;
                scopes.push(new ArrayList<>());
                c = stmts(depth + 1, 1 + n(2));
                if (c) {
                    resetExpr();
                    line("if (" + guardCond(cond(2)) + ") {");
                    line("    break " + label + ";");
                    line("}");
                    t.hasBreak = true;
                    c = stmts(depth + 1, 1 + n(2));
                }
                scopes.pop();
                ind--;
            } finally {
                targets.pop();
            }
            line("}");
            return c || t.hasBreak;
        }

        String selector() {
            if (chance(0.2)) {
                return "String.valueOf((char) ('a' + (" + expr(Ty.INT, 2).s + " & 3)))";
            }
            return "(" + expr(Ty.INT, 2).s + ") & 3";
        }

        String caseLabel(boolean strings, int k) {
            return strings ? "\"" + (char) ('a' + k) + "\"" : String.valueOf(k);
        }

        boolean switchStmt(int depth) {
            String sel = selector();
            boolean strings = sel.startsWith("String");
            String label = chance(0.2) || !features.unlabeledJumps ? fresh("L") : null;
            Target t = new Target(Kind.SWITCH, label, null, opaque);
            line((label == null ? "" : label + ": ") + "switch (" + sel + ") {");
            targets.push(t);
            boolean hasDefault = chance(0.7);
            int groups = 1 + n(3);
            boolean arrows = chance(0.4);
            boolean anyCompletes = false;
            boolean lastCompletes = true;
            try {
                ind++;
                int k = 0;
                for (int g = 0; g < groups + (hasDefault ? 1 : 0); g++) {
                    boolean isDefault = hasDefault && g == groups;
                    String labels;
                    if (isDefault) {
                        labels = "default";
                    } else if (chance(0.3) && k < 3) {
                        labels = "case " + caseLabel(strings, k) + ", " + caseLabel(strings, k + 1);
                        k += 2;
                    } else {
                        labels = "case " + caseLabel(strings, k);
                        k += 1;
                    }
                    if (k > 5) {
                        break;
                    }
                    if (arrows) {
                        int form = n(5);
                        if (form == 0) {
                            line(labels + " -> t.log(\"" + fresh("L") + "\", " + expr(Ty.INT, 2).s + ");");
                            anyCompletes = true;
                        } else if (form == 1) {
                            line(labels + " -> " + throwText());
                        } else {
                            line(labels + " -> {");
                            ind++;
                            boolean c = stmts(depth + 1, 1 + n(3));
                            ind--;
                            line("}");
                            anyCompletes |= c;
                        }
                    } else {
                        line(labels + ":");
                        ind++;
                        boolean c = stmts(depth + 1, 1 + n(3));
                        if (c && chance(0.5)) {
                            line(label == null ? "break;" : "break " + label + ";");
                            markBreak(t);
                            c = false;
                        }
                        ind--;
                        boolean last = g == groups + (hasDefault ? 1 : 0) - 1;
                        if (c && !last) {
                            suppress.add("fallthrough");
                        }
                        lastCompletes = c;
                    }
                }
                ind--;
            } finally {
                targets.pop();
            }
            line("}");
            if (!hasDefault) {
                return true;
            }
            if (arrows) {
                return anyCompletes || t.hasBreak;
            }
            return lastCompletes || t.hasBreak;
        }

        // -------------------------------------------------------------- try

        boolean tryStmt(int depth, boolean withResources) {
            boolean hasFinally = withResources ? chance(0.3) : chance(0.6);
            String finallyText = null;
            boolean[] finallyCompletes = {true};
            if (hasFinally) {
                finallyText = capture(() -> {
                    ind++;
                    scopes.push(new ArrayList<>());
                    line("t.log(\"" + fresh("F") + "\");");
                    boolean c = stmts(depth + 1, n(3));
                    if (c && features.finallyJumps && chance(0.15)) {
                        line(jump(true, !guardJumps())); // it must stay unconditional: no guard possible
                        c = false;
                    }
                    if (c && !features.clearedOperands) {
                        // a pending return may follow the finally: read t after its awaits
                        line("t.log(\"" + fresh("F") + "\");");
                    }
                    scopes.pop();
                    ind--;
                    finallyCompletes[0] = c;
                });
            }
            boolean abrupt = !finallyCompletes[0];
            if (abrupt) {
                opaque++;
                suppress.add("finally");
            }
            // the try block (and resources), in its own checked-exception frame
            checked.push(new boolean[1]);
            scopes.push(new ArrayList<>());
            List<String> resNames = new ArrayList<>();
            if (withResources) {
                StringBuilder header = new StringBuilder("try (");
                int k = 1 + n(2);
                for (int i = 0; i < k; i++) {
                    resetExpr(); // each resource is initialized by its own declaration
                    boolean async = features.asyncResources && awaitsAllowed() && chance(0.5);
                    String name = fresh(async ? "ar" : "r");
                    boolean predeclared = !async && chance(0.3);
                    // generated only when used: a discarded expression would leave its marks (checked...)
                    resourceInit++;
                    String fail = predeclared || chance(0.6) ? "false" : expr(Ty.BOOL, 2).s;
                    resourceInit--;
                    if (i > 0) {
                        header.append("; ");
                    }
                    if (async) {
                        header.append(features.varResources && chance(0.5) ? "var " : "ARes ").append(name)
                                .append(" = ares(t, \"").append(name).append("\", ").append(fail).append(")");
                    } else if (predeclared) {
                        // Java 9: an effectively final resource declared before the try (outside it)
                        line("Res " + name + " = res(t, \"" + name + "\", " + pick(r, "false", "false", "true") + ");");
                        header.append(name);
                    } else {
                        header.append(features.varResources && chance(0.5) ? "var " : "Res ").append(name)
                                .append(" = res(t, \"")
                                .append(name).append("\", ").append(fail).append(")");
                    }
                    resNames.add(name);
                }
                line(header.append(") {").toString());
            } else {
                line("try {");
            }
            ind++;
            if (withResources) {
                if (chance(0.7)) {
                    StringBuilder use = new StringBuilder("t.log(\"use\"");
                    for (String nm : resNames) {
                        use.append(", ").append(nm).append(".id()");
                    }
                    line(use.append(");").toString());
                } else {
                    suppress.add("try");
                }
            }
            boolean tryCompletes = stmts(depth + 1, 1 + n(4));
            ind--;
            scopes.pop();
            boolean tryChecked = checked.pop()[0];

            // catches
            List<String[]> catches = chooseCatches(tryChecked, withResources || hasFinally ? n(3) : 1 + n(3));
            if (catches.isEmpty() && !withResources && !hasFinally) {
                catches.add(new String[] {"Boom"});
            }
            boolean anyCatchCompletes = false;
            boolean caughtChecked = false;
            checked.push(new boolean[1]);
            for (String[] types : catches) {
                String e = fresh("ex");
                line("} catch (" + String.join(" | ", types) + " " + e + ") {");
                ind++;
                scopes.push(new ArrayList<>());
                line("t.log(\"" + fresh("C") + "\", " + e + ");");
                boolean coversChecked = covers(types, "CheckedBoom");
                boolean c;
                int roll = n(10);
                if (roll == 0) {
                    if (coversChecked && tryChecked && !caughtChecked) {
                        markChecked();
                    }
                    line("throw " + e + ";");
                    c = false;
                } else if (roll == 1) {
                    String w = fresh("w");
                    line("Bang " + w + " = new Bang(\"" + fresh("W") + "\");");
                    line(w + ".addSuppressed(" + e + ");");
                    line("throw " + (features.clearedOperands ? w : "t.pass(" + w + ")") + ";");
                    c = false;
                } else {
                    c = stmts(depth + 1, n(3));
                }
                anyCatchCompletes |= c;
                caughtChecked |= coversChecked;
                scopes.pop();
                ind--;
            }
            boolean catchChecked = checked.pop()[0];
            if (abrupt) {
                opaque--;
            } else {
                if (tryChecked && !caughtChecked) {
                    markChecked();
                }
                if (catchChecked) {
                    markChecked();
                }
            }
            if (hasFinally) {
                line("} finally {");
                out.append(finallyText);
            }
            line("}");
            return (tryCompletes || anyCatchCompletes) && finallyCompletes[0];
        }

        /** Catch clauses, each a union of types, none a subclass of an earlier one (javac's rule). */
        List<String[]> chooseCatches(boolean checkedPossible, int count) {
            List<String[]> chosen = new ArrayList<>();
            String[][] menu = {
                {"Boom"}, {"Bang"}, {"Boom", "Bang"}, {"RuntimeException"}, {"IllegalStateException"},
                {"Exception"}, {"Throwable"}, {"CheckedBoom"}, {"Boom", "CheckedBoom"}, {"Boom"}, {"Bang"},
            };
            if (gen == GenKind.SYNC && features.catchGeneratorExit) {
                menu = Arrays.copyOf(menu, menu.length + 3);
                menu[menu.length - 3] = new String[] {"GeneratorExit"};
                menu[menu.length - 2] = new String[] {"GeneratorExit"};
                menu[menu.length - 1] = new String[] {"Boom", "GeneratorExit"};
            }
            for (int i = 0; i < count; i++) {
                String[] c = menu[n(menu.length)];
                if (!checkedPossible && covers(c, "CheckedBoom") && !covers(c, "Exception")) {
                    continue;
                }
                if (!features.catchThrowable && c[0].equals("Throwable")) {
                    continue;
                }
                boolean ok = true;
                for (String[] earlier : chosen) {
                    for (String type : c) {
                        if (covers(earlier, type)) {
                            ok = false;
                        }
                    }
                }
                if (ok) {
                    chosen.add(c);
                }
            }
            return chosen;
        }

        // -------------------------------------------------------------- lambdas, synchronized

        boolean lambdaStmt() {
            int k = n(5);
            String saved;
            if (k == 4) {
                String f = fresh("fn");
                String p = fresh("p");
                String bodyExpr = inLambda(List.of(new V(p, Ty.INT, false, true)), () -> expr(Ty.INT, 2).s);
                line("IntUnaryOperator " + f + " = " + p + " -> " + bodyExpr + ";");
                declare(new V(f, Ty.FN, false, true));
                return true;
            }
            if (k == 3 && features.anonymousClasses) {
                anonymous = true; // there, this is the anonymous object
                try {
                    saved = inLambda(List.of(), () -> expr(Ty.INT, 2).s);
                } finally {
                    anonymous = false;
                }
                line("caps.add(new IntSupplier() {");
                ind++;
                line("@Override");
                line("public int getAsInt() {");
                line("    return " + saved + ";");
                line("}");
                ind--;
                line("});");
                return true;
            }
            if (k == 2) {
                String a = inLambda(List.of(), () -> expr(Ty.INT, 2).s);
                String b = inLambda(List.of(), () -> expr(Ty.INT, 2).s);
                line("caps.add(() -> {");
                line("    t.log(\"" + fresh("lam") + "\", " + a + ");");
                line("    return " + b + ";");
                line("});");
                return true;
            }
            line("caps.add(() -> " + inLambda(List.of(), () -> expr(Ty.INT, 2).s) + ");");
            return true;
        }

        String inLambda(List<V> params, java.util.function.Supplier<String> gen) {
            boolean savedLambda = lambda;
            lambda = true;
            scopes.push(new ArrayList<>(params));
            targets.push(new Target(Kind.LAMBDA, null, null, opaque));
            try {
                return gen.get();
            } finally {
                targets.pop();
                scopes.pop();
                lambda = savedLambda;
            }
        }

        boolean synchronizedStmt(int depth) {
            line("synchronized (t.monitor()) {");
            boolean saved = noAwait;
            noAwait = true;
            synchronizedDepth++;
            try {
                return body(depth);
            } finally {
                noAwait = saved;
                synchronizedDepth--;
                line("}");
            }
        }

        // -------------------------------------------------------------- illegal constructs

        boolean illegalAllowedHere() {
            return returnAllowed() && !noAwait && !lambda;
        }

        void illegalStatement() {
            Illegal il = pendingIllegal;
            pendingIllegal = null;
            illegalEmitted = true;
            String z = fresh("z");
            switch (il) {
                case AWAIT_IN_LAMBDA:
                    line("IntSupplier " + z + " = () -> await(ready(1)); /*ILLEGAL*/");
                    break;
                case AWAIT_IN_ANONYMOUS_CLASS:
                    line("IntSupplier " + z + " = new IntSupplier() {");
                    line("    @Override");
                    line("    public int getAsInt() {");
                    line("        return await(ready(2)); /*ILLEGAL*/");
                    line("    }");
                    line("};");
                    break;
                case AWAIT_IN_SYNCHRONIZED:
                    line("synchronized (t.monitor()) {");
                    line("    t.log(\"" + z + "\", await(later(3))); /*ILLEGAL*/");
                    line("}");
                    break;
                case AWAIT_IN_ASSERT:
                    line("assert await(ready(true)) : \"" + z + "\"; /*ILLEGAL*/");
                    break;
                case AWAIT_METHOD_REFERENCE:
                    line("java.util.function.Function<Awaitable<Integer>, Integer> " + z
                            + " = Tulip::await; /*ILLEGAL*/");
                    break;
                case RETURN_WITHOUT_DONE:
                    line("if (" + cond(1) + ") {");
                    line("    return null; /*ILLEGAL*/");
                    line("}");
                    break;
                case LOCAL_CLASS_BEFORE_AWAIT:
                    // One that captures nothing is legal (a member of the state machine); capturing is not.
                    line("class " + z.toUpperCase(java.util.Locale.ROOT) + " { /*ILLEGAL*/");
                    line("    void f() { t.log(\"" + z + "\", 0); }");
                    line("}");
                    line("await(pause());");
                    break;
                default:
                    throw new AssertionError(il);
            }
        }

        // -------------------------------------------------------------- expressions

        E expr(Ty ty, int d) {
            switch (ty) {
                case INT:
                    return intExpr(d);
                case BOOL:
                    return boolExpr(d);
                case STR:
                    return E.prim(strExpr(d, null));
                case LONG:
                    return longExpr(d);
                default:
                    throw new IllegalArgumentException(ty.toString());
            }
        }

        /** A condition javac does not consider constant (constants change reachability). */
        String cond(int d) {
            E e = boolExpr(d);
            boolean conditional = e.s.startsWith("(") && balanced(e.s) && topLevelConditional(e.s);
            boolean pattern = e.s.contains(" instanceof ") && !features.patternsInConditions;
            return e.constant || (conditional && !features.conditionalConditions) || pattern
                    ? "t.b(\"" + fresh("Q") + "\", " + e.s + ")" : e.s;
        }

        /** True if the parenthesized expression is {@code (c ? a : b)} at its top level. */
        boolean topLevelConditional(String s) {
            int depth = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    i = s.indexOf('"', i + 1);
                    continue;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == '?' && depth == 1) {
                    return true;
                }
            }
            return false;
        }

        /** An int expression whose static type is the primitive int (no Integer identity comparisons). */
        E primInt(int d) {
            E e = intExpr(d);
            return e.boxed ? E.prim("(int) " + paren(e.s)) : e;
        }

        String paren(String s) {
            return s.startsWith("(") && s.endsWith(")") && balanced(s) ? s : "(" + s + ")";
        }

        boolean balanced(String s) {
            int depth = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    i = s.indexOf('"', i + 1);
                    continue;
                }
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    if (depth == 0 && i < s.length() - 1) {
                        return false;
                    }
                }
            }
            return true;
        }

        E intLeaf() {
            int roll = n(10);
            if (roll < 3) {
                return E.lit(String.valueOf(n(10)));
            }
            if (roll < 8) {
                V v = someVar(Ty.INT, false);
                if (v != null) {
                    return E.prim(v.name);
                }
            }
            if (roll < 9 && !lambda) {
                V b = someVar(Ty.BOXED, false);
                if (b != null) {
                    return E.box(b.name);
                }
            }
            if (chance(0.3)) {
                // private members, read through this (instance) or the class (static)
                if (instance) {
                    switch (n(4)) {
                        case 0:
                            return E.prim(id + "f");
                        case 1:
                            return E.prim((anonymous ? "" : "this.") + id + "f");
                        case 2:
                            return E.prim(id + "h(" + n(10) + ")");
                        default:
                            break;
                    }
                }
                return E.prim(id + "s");
            }
            return E.prim("t.v(\"" + fresh("V") + "\", " + n(10) + ")");
        }

        E intExpr(int d) {
            return post(intExpr0(d));
        }

        E longExpr(int d) {
            return post(longExpr0(d));
        }

        E boolExpr(int d) {
            return post(boolExpr0(d));
        }

        String strTerm(int d) {
            return post(E.prim(strTerm0(d))).s;
        }

        E intExpr0(int d) {
            if (d <= 0 || chance(0.25)) {
                return intLeaf();
            }
            int roll = n(100);
            if (roll < 22 && awaitHere()) {
                return E.box("await(" + factory() + "(" + operand(() -> intExpr(d - 1).s) + "))");
            }
            if (roll < 30 && gen == GenKind.SYNC && chance(0.5) && yieldHere()) {
                if (!delegates.isEmpty() && chance(0.2)) {
                    return E.prim("nz(Tulip.yieldFrom(" + operand(() -> delegateCall(d - 1)) + "))");
                }
                if (features.bareYields && chance(0.1)) {
                    yieldsNull = true;
                    return E.prim("nz(Tulip.yield())");
                }
                return E.prim("nz(Tulip.yield(" + operand(() -> intExpr(d - 1).s) + "))");
            }
            if (roll < 27 && awaitHere()) {
                return E.box("await(" + pick(r, "fail", "fail", "failC", features.moreAwaitables ? "failS" : "fail") + "("
                        + operand(() -> intExpr(d - 1).s + ", " + boolExpr(d - 1).s) + ", \"" + fresh("X") + "\"))");
            }
            if (roll < 30 && features.moreAwaitables && awaitHere()) {
                if (instance && chance(0.5)) {
                    return E.box("await(" + (anonymous ? "" : pick(r, "", "this.")) + "bump(t, "
                            + operand(() -> intExpr(d - 1).s) + "))");
                }
                return E.box("await(vsum(t" + operand(() -> {
                    StringBuilder args = new StringBuilder();
                    for (int i = n(3); i > 0; i--) {
                        args.append(", ").append(intExpr(d - 1).s);
                    }
                    return args.toString();
                }) + "))");
            }
            if (roll < 31 && !generators.isEmpty() && !lambda) {
                Method g = pick(generators);
                if (g.gen == GenKind.ASYNC && awaitHere()) {
                    markChecked();
                    return E.prim("await(collect(" + g.name + "(t, " + operand(() -> intExpr(d - 1).s) + "))).size()");
                }
            }
            if (roll < 32 && !callable.isEmpty() && awaitHere()) {
                return E.box("await(" + operand(this::subCall) + ")");
            }
            if (roll < 50) {
                E a = intExpr(d - 1);
                E b = intExpr(d - 1);
                String op = pick(r, "+", "-", "*", "+", "-", "&", "|", "^");
                return new E("(" + a.s + " " + op + " " + b.s + ")", a.constant && b.constant, false);
            }
            if (roll < 53) {
                E a = intExpr(d - 1);
                E b = intExpr(d - 1);
                return new E("(" + a.s + " " + pick(r, "/", "%") + " (" + b.s + " | 1))", a.constant && b.constant,
                        false);
            }
            if (roll < 55) {
                E a = intExpr(d - 1);
                E b = intExpr(d - 1);
                return new E("(" + a.s + " " + pick(r, "<<", ">>", ">>>") + " (" + b.s + " & 7))",
                        a.constant && b.constant, false);
            }
            if (roll < 61) {
                E c = boolExpr(d - 1);
                if (c.s.contains(" instanceof ") && !features.patternsInConditions) {
                    c = E.prim("t.b(\"" + fresh("Q") + "\", " + c.s + ")");
                }
                branchDepth++;
                E a = intExpr(d - 1);
                E b = intExpr(d - 1);
                branchDepth--;
                return new E("(" + c.s + " ? " + a.s + " : " + b.s + ")", c.constant && a.constant && b.constant,
                        a.boxed && b.boxed);
            }
            if (roll < 66) {
                return E.prim("t.v(\"" + fresh("V") + "\", " + intExpr(d - 1).s + ")");
            }
            if (roll < 70) {
                V arr = someVar(Ty.ARR, false);
                if (arr != null) {
                    if (arr.mutable) {
                        mark();
                    }
                    return E.prim(arr.name + "[(" + intExpr(d - 1).s + ") & 3]");
                }
            }
            if (roll < 72) {
                V lst = someVar(Ty.LIST, false);
                if (lst != null) {
                    return E.box(lst.name + ".get((" + intExpr(d - 1).s + ") & 3)");
                }
            }
            if (roll < 75) {
                return E.prim(pick(r, "Math.max", "Integer.sum", "Math.min") + "(" + intExpr(d - 1).s + ", "
                        + intExpr(d - 1).s + ")");
            }
            if (roll < 79) {
                switch (n(4)) {
                    case 0: {
                        String a = intExpr(d - 1).s;
                        mark();
                        return E.prim("t.cell(\"" + fresh("C") + "\", " + a + ").plus(" + intExpr(d - 1).s + ")");
                    }
                    case 1: {
                        String a = intExpr(d - 1).s;
                        mark();
                        return E.prim("new Cell(t, \"" + fresh("C") + "\", " + a + ").add(" + intExpr(d - 1).s
                                + ").get()");
                    }
                    case 2: {
                        V c = someVar(Ty.CELL, false);
                        if (c != null) {
                            return E.prim(c.name + ".v");
                        }
                        return E.prim(awaitHere() ? "await(" + factory() + "(\"abc\")).length()"
                                : "\"ab\".length()");
                    }
                    default:
                        if (awaitHere()) {
                            return E.prim("await(" + factory() + "(new Cell(t, \"" + fresh("C") + "\", "
                                    + operand(() -> intExpr(d - 1).s) + "))).plus(" + intExpr(d - 1).s + ")");
                        }
                        return E.prim(id + "g");
                }
            }
            if (roll < 81) {
                return E.prim("(" + strExpr(d - 1, null) + ").length()");
            }
            if (roll < 83) {
                E l = longExpr(d - 1);
                return new E("(int) " + (l.boxed ? "(long) " : "") + paren(l.s), l.constant, false);
            }
            if (roll < 86) {
                V f = someVar(Ty.FN, false);
                if (f != null && (!instance || chance(0.5))) {
                    return E.prim(f.name + ".applyAsInt(" + intExpr(d - 1).s + ")");
                }
                if (instance) {
                    return E.prim((anonymous ? "" : pick(r, "", "this.")) + id + "h(" + intExpr(d - 1).s + ")");
                }
                return E.prim(id + "g");
            }
            if (roll < 92 && features.assignmentExpressions && !lambda) {
                V v = someVar(Ty.INT, true);
                int k = n(5);
                if (v != null && k == 0) {
                    return E.prim("(" + v.name + " = " + intExpr(d - 1).s + ")");
                }
                if (v != null && k == 1) {
                    return E.prim("(" + v.name + " " + compoundOperand() + ")");
                }
                if (v != null && k == 2) {
                    return E.prim(pick(r, v.name + "++", "++" + v.name, v.name + "--"));
                }
                V arr = someVar(Ty.ARR, false);
                if (arr != null) {
                    mark();
                }
                if (arr != null && k == 3) {
                    String elem = arr.name + "[" + index() + "]";
                    return E.prim(pick(r, "++" + elem, elem + "++", "--" + elem, elem + "--"));
                }
                if (arr != null) {
                    String elem = arr.name + "[" + index() + "]";
                    return E.prim("(" + elem + " " + compoundOperand() + ")");
                }
                mark();
                return E.prim("(" + id + "g += " + intExpr(d - 1).s + ")");
            }
            if (roll < 97 && switchAllowed()) {
                return switchExpr(Ty.INT, d - 1);
            }
            return intLeaf();
        }

        E longExpr0(int d) {
            if (d <= 0 || chance(0.3)) {
                V v = someVar(Ty.LONG, false);
                if (v != null && chance(0.6)) {
                    return E.prim(v.name);
                }
                return E.lit(n(10) + "L");
            }
            switch (n(6)) {
                case 0:
                    if (awaitHere()) {
                        return E.box("await(" + factory() + "(" + operand(() -> longExpr(d - 1).s) + "))");
                    }
                    return E.lit("7L");
                case 1: {
                    E a = longExpr(d - 1);
                    E b = intExpr(d - 1);
                    return new E("(" + a.s + " " + pick(r, "+", "-", "*") + " " + b.s + ")", a.constant && b.constant,
                            false);
                }
                case 2: {
                    E a = intExpr(d - 1);
                    return new E("(long) " + paren(a.s), a.constant, false);
                }
                case 3:
                    return E.prim("t.v(\"" + fresh("V") + "\", " + longExpr(d - 1).s + ")");
                case 4: {
                    E a = longExpr(d - 1);
                    return new E("(" + a.s + " * 3L)", a.constant, false);
                }
                default: {
                    E a = longExpr(d - 1);
                    E b = longExpr(d - 1);
                    return new E("(" + a.s + " + " + b.s + ")", a.constant && b.constant, false);
                }
            }
        }

        E boolExpr0(int d) {
            if (d <= 0 || chance(0.2)) {
                V v = someVar(Ty.BOOL, false);
                if (v != null && chance(0.5)) {
                    return E.prim(v.name);
                }
                if (chance(0.3)) {
                    return E.lit(pick(r, "true", "false"));
                }
                E a = primInt(0);
                return new E(a.s + " " + pick(r, "<", ">", "<=", ">=", "==", "!=") + " " + n(10), a.constant, false);
            }
            int roll = n(100);
            if (roll < 35) {
                E a = intExpr(d - 1);
                E b = intExpr(d - 1);
                String op = pick(r, "<", ">", "<=", ">=", "==", "!=");
                String as = a.s;
                if (op.length() == 2 && op.charAt(1) == '=' && (op.charAt(0) == '=' || op.charAt(0) == '!')
                        && a.boxed && b.boxed) {
                    as = "(int) " + paren(a.s);
                }
                return new E(as + " " + op + " " + b.s, a.constant && b.constant, false);
            }
            if (roll < 55) {
                E a = boolExpr(d - 1);
                E b = boolExpr(d - 1);
                return new E("(" + a.s + " " + pick(r, "&&", "||") + " " + b.s + ")", a.constant && b.constant,
                        false);
            }
            if (roll < 60) {
                E a = boolExpr(d - 1);
                return new E("!" + paren(a.s), a.constant, false);
            }
            if (roll < 72 && awaitHere()) {
                return E.box("await(" + factory() + "(" + operand(() -> boolExpr(d - 1).s) + "))");
            }
            if (roll < 80) {
                return E.prim("t.b(\"" + fresh("Q") + "\", " + boolExpr(d - 1).s + ")");
            }
            if (roll < 85) {
                return E.prim(paren(strExpr(d - 1, null)) + ".equals(\"" + pick(r, "s", "a", "b1") + "\")");
            }
            if (roll < 90) {
                E c = boolExpr(d - 1);
                branchDepth++;
                E a = boolExpr(d - 1);
                E b = boolExpr(d - 1);
                branchDepth--;
                return new E("(" + c.s + " ? " + a.s + " : " + b.s + ")", c.constant && a.constant && b.constant,
                        false);
            }
            if (roll < 94 && switchAllowed()) {
                return switchExpr(Ty.BOOL, d - 1);
            }
            if (roll < 97 && features.patterns && (features.patternsInBranches || branchDepth == 0)
                    && (features.patternsInResources || resourceInit == 0)) {
                // a pattern variable, used on the right of && (where it may have to survive awaits)
                String p = fresh("p");
                E a = intExpr(d - 1);
                scopes.push(new ArrayList<>(List.of(new V(p, Ty.BOXED, false, true))));
                try {
                    E b = intExpr(d - 1);
                    return E.prim("(t.obj(" + a.s + ") instanceof Integer " + p + " && " + p + " "
                            + pick(r, "<", ">", "<=", ">=") + " " + b.s + ")");
                } finally {
                    scopes.pop();
                }
            }
            E a = longExpr(d - 1);
            E b = longExpr(d - 1);
            return new E(a.s + " " + pick(r, "<", ">", "<=") + " " + b.s, a.constant && b.constant, false);
        }

        /**
         * A String expression. At most one string variable is read, leftmost, so that strings grow
         * linearly with the number of statements run, never exponentially.
         */
        String strExpr(int d, String var) {
            StringBuilder b = new StringBuilder();
            if (var != null) {
                b.append(var);
                mark();
            } else {
                V v = someVar(Ty.STR, false);
                if (v != null && chance(0.5)) {
                    b.append(v.name);
                    mark();
                }
            }
            int terms = 1 + n(2);
            for (int i = 0; i < terms; i++) {
                if (b.length() > 0) {
                    b.append(" + ");
                    if (chance(0.3)) {
                        b.append("(").append(primInt(d - 1).s).append(")");
                        continue;
                    }
                }
                b.append(strTerm(d));
            }
            return b.toString();
        }

        String strTerm0(int d) {
            int roll = n(10);
            if (d <= 0 || roll < 3) {
                return "\"" + pick(r, "a", "b", "s", "-") + "\"";
            }
            if (roll < 5 && awaitHere()) {
                return "await(" + factory() + "(\"" + pick(r, "a", "b1", "w") + "\"))";
            }
            if (roll < 6) {
                return "t.s(\"" + fresh("S") + "\", " + strTerm(d - 1) + ")";
            }
            if (roll < 7) {
                return "Integer.toString(" + intExpr(d - 1).s + ")";
            }
            if (roll < 8) {
                String c = cond(d - 1);
                branchDepth++;
                String a = strTerm(d - 1);
                String b = strTerm(d - 1);
                branchDepth--;
                return "(" + c + " ? " + a + " : " + b + ")";
            }
            if (roll < 9 && switchAllowed()) {
                return switchExpr(Ty.STR, d - 1).s;
            }
            return "Integer.toString(" + primInt(d - 1).s + ")";
        }

        /**
         * {@code yield v;}, never {@code yield (...)}: javac's parser guesses whether {@code yield (} starts
         * a method call, and guesses wrong when the parentheses hold an arrow.
         */
        String yieldText(Ty ty, int d) {
            String v = expr(ty, d).s;
            if (v.startsWith("(")) {
                v = (ty == Ty.BOOL ? "!!" : ty == Ty.STR ? "\"\" + " : "+") + paren(v);
            }
            return "yield " + v + ";";
        }

        boolean switchAllowed() {
            return features.switchExpressions && !lambda && switchDepth < 2 && budget > 0;
        }

        /** A switch expression: arrow or colon form, with blocks that yield, throw or fall through. */
        E switchExpr(Ty ty, int d) {
            String sel = selector();
            boolean strings = sel.startsWith("String");
            Target t = new Target(Kind.SWITCH_EXPR, null, ty, opaque);
            boolean arrows = chance(0.6);
            int cases = 1 + n(3);
            StringBuilder b = new StringBuilder("switch (" + sel + ") {\n");
            targets.push(t);
            switchDepth++;
            branchDepth++;
            boolean savedNoAwait = noAwait;
            int savedAwaits = exprAwaits;
            boolean savedUnstable = exprUnstable;
            int savedNoYieldExpr = noYieldExpr;
            if (!features.tempsAcrossAwaits) {
                noAwait = true; // its result, and any pending operand, would live across the arms' awaits
                noYieldExpr++;
            }
            int savedInd = ind;
            ind += 2;
            boolean allBoxed = true;
            try {
                int k = 0;
                for (int c = 0; c <= cases; c++) {
                    boolean isDefault = c == cases;
                    String labels = isDefault ? "default" : "case " + caseLabel(strings, k++);
                    if (arrows) {
                        int form = isDefault ? 0 : n(4);
                        if (form == 0 || form == 3) {
                            E v = expr(ty, d);
                            allBoxed &= v.boxed;
                            b.append(indent()).append(labels).append(" -> ").append(v.s).append(";\n");
                        } else if (form == 1) {
                            b.append(indent()).append(labels).append(" -> ").append(throwText()).append('\n');
                        } else {
                            b.append(indent()).append(labels).append(" -> {\n");
                            b.append(capture(() -> {
                                ind++;
                                boolean ok = stmts(2, 1 + n(2));
                                if (ok) {
                                    line(yieldText(ty, d));
                                }
                                ind--;
                            }));
                            allBoxed = false;
                            b.append(indent()).append("}\n");
                        }
                    } else if (isDefault) {
                        // a group that surely yields: a switch expression needs a result expression
                        b.append(indent()).append(labels).append(":\n");
                        ind++;
                        b.append(indent()).append(yieldText(ty, d)).append("\n");
                        ind--;
                    } else {
                        b.append(indent()).append(labels).append(":\n");
                        b.append(capture(() -> {
                            ind++;
                            boolean ok = stmts(2, 1 + n(2));
                            if (ok && chance(0.6)) {
                                line(yieldText(ty, d));
                            } else if (ok) {
                                suppress.add("fallthrough");
                            }
                            ind--;
                        }));
                        allBoxed = false;
                    }
                }
            } finally {
                targets.pop();
                switchDepth--;
                branchDepth--;
                noAwait = savedNoAwait;
                noYieldExpr = savedNoYieldExpr;
                exprAwaits = savedAwaits;
                exprUnstable = true;
                ind = savedInd;
            }
            b.append(indent()).append("    }");
            // Standalone, not poly: as an argument of a generic or overloaded method, a poly switch
            // expression with int and Integer results defeats javac's inference.
            String prefix = ty == Ty.BOOL ? "!!" : ty == Ty.STR ? "\"\" + " : "0 + ";
            return new E("(" + prefix + b + ")", false, false);
        }

        String indent() {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < ind; i++) {
                b.append("    ");
            }
            return b.toString();
        }
    }

    /** True if catching {@code types} catches {@code thrown} (all exception types here are known). */
    static boolean covers(String[] types, String thrown) {
        for (String t : types) {
            if (isSubclass(thrown, t)) {
                return true;
            }
        }
        return false;
    }

    static boolean isSubclass(String sub, String sup) {
        if (sub.equals(sup) || sup.equals("Throwable")) {
            return true;
        }
        switch (sub) {
            case "Boom":
            case "Bang":
            case "IllegalStateException":
                return sup.equals("RuntimeException") || sup.equals("Exception");
            case "RuntimeException":
            case "CheckedBoom":
                return sup.equals("Exception");
            case "GeneratorExit":
                return sup.equals("Error");
            default:
                return false;
        }
    }
}
