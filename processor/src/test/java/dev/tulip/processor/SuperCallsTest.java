package dev.tulip.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import dev.tulip.Coroutine;
import dev.tulip.Tulip;
import java.lang.reflect.Method;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code super.m(...)} in {@code @Async} instance methods (and lambdas in them): the state machine is
 * another class, so the call goes through a handle that runs the superclass's implementation without
 * dynamic dispatch; protected members of a superclass in another package are reached the same way.
 */
class SuperCallsTest {
    private static final JavaFileObject BASE = TestCompiler.source("base.Base",
            "package base;",
            "public class Base {",
            "  protected int stock = 3;",
            "  protected String prepare(String d) { return \"prepared \" + d; }",
            "  public String describe() { return \"base\"; }",
            "  @Override public String toString() { return \"Base!\"; }",
            "}");
    private static final JavaFileObject GREETER = TestCompiler.source("base.Greeter",
            "package base;",
            "public interface Greeter {",
            "  default String greet(String who) { return \"hello \" + who; }",
            "}");
    private static final JavaFileObject KITCHEN = TestCompiler.source("app.Kitchen",
            "package app;",
            "import dev.tulip.*;",
            "import static dev.tulip.Tulip.*;",
            "import java.util.function.Supplier;",
            "public class Kitchen extends base.Base implements base.Greeter {",
            "  @Override public String describe() { return \"kitchen\"; }",
            "  @Override public String toString() { return \"Kitchen!\"; }",
            "  @Override public String greet(String who) { return \"hi \" + who; }",
            "  @Async Coroutine<String> serve(String d) {",
            "    await(sleep(0));",
            "    stock--;",
            "    String p = prepare(d) + \" \" + stock + \" \" + describe() + \" / \" + super.describe();",
            "    Supplier<String> s = () -> super.describe() + \" \" + super.toString() + \" \" + toString();",
            "    String g = base.Greeter.super.greet(d) + \" / \" + greet(d);",
            "    Object anon = new Object() { @Override public String toString() { return \"anon \" + super.hashCode(); } };",
            "    return done(p + \" | \" + s.get() + \" | \" + g + \" | \""
                    + " + anon.toString().startsWith(\"anon \") + \" | \" + await(later(d)));",
            "  }",
            "  @Async Coroutine<String> later(String d) {",
            "    await(sleep(0));",
            "    return done(super.prepare(d + \"!\"));",
            "  }",
            "}");

    @Test
    void superCallsRunTheSuperclassImplementation() throws Exception {
        ClassLoader loader = TestCompiler.compileAndLoad(BASE, GREETER, KITCHEN);
        Class<?> kitchen = loader.loadClass("app.Kitchen");
        Object k = kitchen.getConstructor().newInstance();
        Method serve = loader.loadClass("app.KitchenAsync").getDeclaredMethod("serve", kitchen, String.class);
        serve.setAccessible(true);
        Object result = Tulip.runVirtual((Coroutine<?>) serve.invoke(null, k, "fries"));
        assertEquals("prepared fries 2 kitchen / base | base Base! Kitchen! | hello fries / hi fries | true"
                + " | prepared fries!", result);
    }

    @Test
    void aFieldOfTheSuperclassThroughSuperIsRefused() {
        Compilation c = TestCompiler.compile(BASE, GREETER, TestCompiler.source("app.K",
                "package app;",
                "import dev.tulip.*;",
                "import static dev.tulip.Tulip.*;",
                "public class K extends base.Base {",
                "  @Async Coroutine<Integer> m() {",
                "    await(sleep(0));",
                "    return done(super.stock);",
                "  }",
                "}"));
        assertThat(c).hadErrorContaining("'super.stock' cannot be used in an @Async method")
                .inFile(c.sourceFiles().get(2)).onLine(7).atColumn(22);
        assertThat(c).hadErrorCount(1);
    }
}
