package dev.tulip.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** Every rejected form: one precise error, at the exact line and column, saying what to do instead. */
class RejectionTest {
    private static JavaFileObject source(String... body) {
        String[] lines = new String[body.length + 6];
        lines[0] = "package demo;";
        lines[1] = "import dev.tulip.*;";
        lines[2] = "import static dev.tulip.Tulip.*;";
        lines[3] = "import java.util.function.*;";
        lines[4] = "public class Demo {";
        System.arraycopy(body, 0, lines, 5, body.length);
        lines[lines.length - 1] = "}";
        return TestCompiler.source("demo.Demo", lines);
    }

    private static Compilation compile(String... body) {
        return TestCompiler.compile(source(body));
    }

    @Test
    void awaitInLambda() {
        Compilation c = compile(
                "  @Async static Coroutine<Integer> m() {",           // line 6
                "    Supplier<Integer> s = () -> await(sleep(1)) == null ? 1 : 2;",
                "    return done(s.get());",
                "  }");
        assertThat(c).hadErrorContaining("await(...) cannot be used inside a lambda").inFile(c.sourceFiles().get(0)).onLine(7).atColumn(38);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void awaitInAnonymousClass() {
        Compilation c = compile(
                "  @Async static Coroutine<Integer> m() {",
                "    Runnable r = new Runnable() { public void run() { await(sleep(1)); } };",
                "    return done(1);",
                "  }");
        assertThat(c).hadErrorContaining("await(...) cannot be used inside an anonymous or local class").inFile(c.sourceFiles().get(0)).onLine(7).atColumn(60);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void awaitInLocalClass() {
        Compilation c = compile(
                "  @Async static Coroutine<Integer> m() {",
                "    class L { void f() { await(sleep(1)); } }",
                "    return done(1);",
                "  }");
        assertThat(c).hadErrorContaining("inside an anonymous or local class").inFile(c.sourceFiles().get(0)).onLine(7).atColumn(31);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void awaitInSynchronized() {
        Compilation c = compile(
                "  @Async static Coroutine<Integer> m(Object lock) {",
                "    synchronized (lock) {",
                "      await(sleep(1));",
                "    }",
                "    return done(1);",
                "  }");
        assertThat(c).hadErrorContaining("cannot be used inside a synchronized block").inFile(c.sourceFiles().get(0)).onLine(8).atColumn(12);
        assertThat(c).hadErrorContaining("try (var held = await(lock.acquire()))");
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void awaitInAssert() {
        Compilation c = compile(
                "  @Async static Coroutine<Integer> m() {",
                "    assert await(sleep(1)) == null;",
                "    return done(1);",
                "  }");
        assertThat(c).hadErrorContaining("cannot be used inside an assert statement").inFile(c.sourceFiles().get(0)).onLine(7).atColumn(17);
    }

    @Test
    void awaitInPlainMethod() {
        Compilation c = compile(
                "  @Async static Coroutine<Void> other() { return done(); }",
                "  static void plain() {",
                "    await(sleep(1));",
                "  }");
        assertThat(c).hadErrorContaining("await(...) is only legal inside an @Async method: mark 'plain' @Async").inFile(c.sourceFiles().get(0)).onLine(8).atColumn(10);
        assertThat(c).hadErrorCount(1);
    }

    /**
     * Issue 13, bug 8: the misuse checks run on every unit that mentions Tulip's markers, also in a
     * compilation that has no {@code @Async} method at all (the processor used to claim only its own
     * annotations, so this compiled and failed at run time).
     */
    @Test
    void awaitInAPlainClassCompiledAlone() {
        Compilation c = compile(
                "  static void plain() {",                   // line 6
                "    await(sleep(1));",
                "  }");
        assertThat(c).hadErrorContaining("await(...) is only legal inside an @Async method: mark 'plain' @Async")
                .inFile(c.sourceFiles().get(0)).onLine(7).atColumn(10);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void awaitInFieldInitializer() {
        Compilation c = compile(
                "  @Async static Coroutine<Void> other() { return done(); }",
                "  static Object field = await(sleep(1));");
        assertThat(c).hadErrorContaining("a field initializer cannot suspend").inFile(c.sourceFiles().get(0)).onLine(7).atColumn(30);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void methodReferenceToAwait() {
        Compilation c = compile(
                "  @Async static Coroutine<Void> m() {",
                "    Function<Awaitable<Void>, Void> f = Tulip::await;",
                "    return done();",
                "  }");
        assertThat(c).hadErrorContaining("await cannot be used as a method reference").inFile(c.sourceFiles().get(0)).onLine(7).atColumn(41);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void directCallFromPlainCode() {
        Compilation c = compile(
                "  @Async static Coroutine<String> cook(String dish) { await(sleep(1)); return done(dish); }",
                "  @Async Coroutine<String> serve() { return done(await(cook(\"x\"))); }",
                "  static void main() {",
                "    Coroutine<String> c = cook(\"burger\");",
                "    new Demo().serve();",
                "  }");
        assertThat(c).hadErrorContaining("'cook' is an @Async method: calling it from plain code runs nothing."
                + " Call the generated factory DemoAsync.cook(...)").inFile(c.sourceFiles().get(0)).onLine(9).atColumn(31);
        assertThat(c).hadErrorContaining("DemoAsync.serve(receiver, ...)").inFile(c.sourceFiles().get(0)).onLine(10).atColumn(21);
        assertThat(c).hadErrorCount(2);
    }

    @Test
    void wrongReturnType() {
        Compilation c = compile(
                "  @Async static String m() {",
                "    return \"x\";",
                "  }");
        assertThat(c).hadErrorContaining("@Async method 'm' must return Coroutine<T>, not java.lang.String").inFile(c.sourceFiles().get(0)).onLine(6).atColumn(24);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void abstractMethod() {
        Compilation c = TestCompiler.compile(TestCompiler.source("demo.Demo",
                "package demo;",
                "import dev.tulip.*;",
                "public abstract class Demo {",
                "  @Async abstract Coroutine<Void> m();",
                "}"));
        assertThat(c).hadErrorContaining("@Async method 'm' must have a body").inFile(c.sourceFiles().get(0)).onLine(4).atColumn(35);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void nativeMethod() {
        Compilation c = compile("  @Async static native Coroutine<Void> m();");
        assertThat(c).hadErrorContaining("@Async method 'm' cannot be native").inFile(c.sourceFiles().get(0)).onLine(6).atColumn(40);
    }

    @Test
    void returnWithoutDone() {
        Compilation c = compile(
                "  @Async static Coroutine<String> a() { return done(\"a\"); }",
                "  @Async static Coroutine<String> m() {",
                "    return a();",
                "  }");
        assertThat(c).hadErrorContaining("an @Async method returns with 'return done(value);'").inFile(c.sourceFiles().get(0)).onLine(8).atColumn(5);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void asyncMethodInLocalClass() {
        Compilation c = compile(
                "  @Async static Coroutine<Void> other() { return done(); }",
                "  static void f() {",
                "    class L { @Async Coroutine<Void> m() { return done(); } }",
                "  }");
        assertThat(c).hadErrorContaining("must be declared in a named top-level or member class")
                .inFile(c.sourceFiles().get(0)).onLine(8);
    }

    @Test
    void awaitInPlainGenerator() {
        Compilation c = compile(
                "  @Generator.Method static Generator<Integer> g() {",
                "    await(sleep(1));",
                "    return Tulip.doneYielding();",
                "  }");
        assertThat(c).hadErrorContaining("await(...) cannot be used in a @Generator.Method")
                .inFile(c.sourceFiles().get(0)).onLine(7).atColumn(10);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void yieldInCoroutine() {
        Compilation c = compile(
                "  @Async static Coroutine<Integer> m() {",
                "    Tulip.yield(1);",
                "    return done(1);",
                "  }");
        assertThat(c).hadErrorContaining("Tulip.yield(...) cannot be used in an @Async method returning Coroutine<T>")
                .inFile(c.sourceFiles().get(0)).onLine(7).atColumn(16);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void yieldOfTheWrongTypeInAGenerator() {
        Compilation c = compile(
                "  @Generator.Method static Generator<Long> m() {",
                "    Tulip.yield(1);",
                "    return Tulip.doneYielding();",
                "  }");
        assertThat(c).hadErrorContaining("this generator yields java.lang.Long values, not int: yield a java.lang.Long")
                .inFile(c.sourceFiles().get(0)).onLine(7).atColumn(17);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void yieldOfTheWrongTypeInAnAsyncGeneratorPointsAtTheOffendingResult() {
        Compilation c = compile(
                "  @Async static AsyncGenerator<Integer> m(int k) {",
                "    Tulip.yield(k > 0 ? await(sleep(0)) == null ? 1 : 2 : switch (k) {",
                "        case -1 -> 3;",
                "        default -> { yield \"no\"; }",
                "    });",
                "    return Tulip.doneYielding();",
                "  }");
        assertThat(c).hadErrorContaining("this generator yields java.lang.Integer values, not java.lang.String")
                .inFile(c.sourceFiles().get(0)).onLine(9).atColumn(28);
        assertThat(c).hadErrorCount(1);
    }

    /** A local used after a suspension is a field of the state machine, and a field cannot name an anonymous class. */
    @Test
    void varHoldingAnAnonymousClassAcrossASuspension() {
        Compilation c = compile(
                "  @Async static Coroutine<Integer> m() {",
                "    var counter = new Object() { int n = 1; };",
                "    await(sleep(0));",
                "    return done(counter.n);",
                "  }");
        assertThat(c).hadErrorContaining("'counter' holds an instance of an anonymous class and is used after a"
                + " suspension").inFile(c.sourceFiles().get(0)).onLine(7).atColumn(9);
        assertThat(c).hadErrorCount(1);
    }

    /**
     * Plain code that calls an @Async factory is checked only when javac can attribute its class twice:
     * a class declaring a record's canonical constructor or a var holding an anonymous class is left
     * alone, and compiles.
     */
    @Test
    void plainClassesJavacCannotAttributeTwiceAreLeftAlone() {
        Compilation c = TestCompiler.compile(source(
                "  @Async static Coroutine<Integer> m() {",
                "    await(sleep(0));",
                "    return done(1);",
                "  }"), TestCompiler.source("demo.Main",
                "package demo;",
                "public class Main {",
                "  record P(int a) { P { if (a < 0) throw new IllegalArgumentException(); } }",
                "  static int main() {",
                "    var anon = new Object() { int n = 2; };",
                "    return dev.tulip.Tulip.run(DemoAsync.m()) + new P(1).a() + anon.n;",
                "  }",
                "}"));
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void yieldFromInAsyncGenerator() {
        Compilation c = compile(
                "  @Async static AsyncGenerator<Integer> m() {",
                "    Tulip.yieldFrom(java.util.List.of(1));",
                "    return Tulip.doneYielding();",
                "  }");
        assertThat(c).hadErrorContaining("Tulip.yieldFrom(...) cannot be used in an asynchronous generator")
                .inFile(c.sourceFiles().get(0)).onLine(7).atColumn(20);
    }

    @Test
    void generatorReturnsWithDoneYielding() {
        Compilation c = compile(
                "  @Generator.Method static Generator<Integer> g() {",
                "    Tulip.yield(1);",
                "    return null;",
                "  }");
        assertThat(c).hadErrorContaining("a generator returns with 'return Tulip.doneYielding();'")
                .inFile(c.sourceFiles().get(0)).onLine(8).atColumn(5);
    }

    @Test
    void generatorReturnType() {
        Compilation c = compile(
                "  @Generator.Method static java.util.Iterator<Integer> g() {",
                "    return null;",
                "  }");
        assertThat(c).hadErrorContaining("@Generator.Method 'g' must return Generator<T>")
                .inFile(c.sourceFiles().get(0)).onLine(6).atColumn(56);
    }

    @Test
    void yieldInPlainCode() {
        Compilation c = compile(
                "  @Generator.Method static Generator<Integer> g() { Tulip.yield(1); return Tulip.doneYielding(); }",
                "  static void plain() {",
                "    Tulip.yield(2);",
                "  }");
        assertThat(c).hadErrorContaining("Tulip.yield(...) is only legal inside a @Generator.Method")
                .inFile(c.sourceFiles().get(0)).onLine(8).atColumn(16);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void synchronizedMethod() {
        Compilation c = compile(
                "  @Async synchronized Coroutine<Void> m() {",
                "    await(sleep(1));",
                "    return done();",
                "  }");
        assertThat(c).hadErrorContaining("'m' cannot be synchronized").inFile(c.sourceFiles().get(0))
                .onLine(6).atColumn(39);
        assertThat(c).hadErrorCount(1);
    }
    /**
     * After javac's own errors Tulip adds nothing: an unresolved call or type in an {@code @Async} body
     * gives javac's "cannot find symbol" and nothing else, and callers of the factory (here in another
     * class) still resolve, instead of a cascade of "cannot find symbol DemoAsync".
     */
    @Test
    void javacErrorsInABodyAreTheOnlyErrors() {
        JavaFileObject caller = TestCompiler.source("demo.Caller",
                "package demo;",
                "public class Caller {",
                "  static Object go() { return DemoAsync.m(2); }",
                "}");
        Compilation c = TestCompiler.compile(source(
                "  @Async static Coroutine<Integer> m(int x) {",           // line 6
                "    await(sleep(0));",
                "    Unknown u = null;",
                "    return done(frob(x) + 1);",
                "  }"), caller);
        assertThat(c).hadErrorContaining("cannot find symbol").inFile(c.sourceFiles().get(0)).onLine(8).atColumn(5);
        assertThat(c).hadErrorContaining("cannot find symbol").inFile(c.sourceFiles().get(0)).onLine(9).atColumn(17);
        assertThat(c).hadErrorCount(2);
        // and a warning saying why the method's factory only throws, in case javac ever did not report them
        assertThat(c).hadWarningContaining("Tulip did not compile @Async method 'm': javac reports errors in its body");
    }

    @Test
    void unqualifiedYieldIsJavasYieldStatement() {
        Compilation c = compile(
                "  @Async static AsyncGenerator<Integer> g() {",           // line 6
                "    for (int i = 0; i < 3; i++) { yield(i); }",
                "    return doneYielding();",
                "  }");
        assertThat(c).hadErrorContaining("this 'yield' is Java's yield statement, which belongs in a switch expression")
                .inFile(c.sourceFiles().get(0)).onLine(7).atColumn(35);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void bodyNamingItsOwnCompanion() {
        Compilation c = compile(
                "  @Async static Coroutine<Integer> b() { return done(2); }",  // line 6
                "  @Async static Coroutine<Integer> m() {",
                "    return done(await(DemoAsync.b()));",
                "  }");
        assertThat(c).hadErrorContaining("'m' names DemoAsync, the class Tulip generates from Demo: inside @Async"
                + " code, call the @Async methods themselves").inFile(c.sourceFiles().get(0)).onLine(8).atColumn(23);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void userClassWithTheCompanionsName() {
        JavaFileObject taken = TestCompiler.source("demo.DemoAsync", "package demo;", "class DemoAsync { }");
        Compilation c = TestCompiler.compile(source(
                "  @Async static Coroutine<Integer> m() { return done(1); }"), taken);
        assertThat(c).hadErrorContaining("the @Async methods of Demo compile into the generated class demo.DemoAsync,"
                + " but").inFile(c.sourceFiles().get(0)).onLine(5);
        assertThat(c).hadErrorCount(1);
    }
}
