package dev.tulip.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.Compilation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A switch that was exhaustive when compiled and matches nothing at run time (the enum gained a
 * constant since, compiled separately) throws as Java's does: {@code IncompatibleClassChangeError} on
 * release 17, in both the state machine's dispatch (cases that suspend) and a switch printed as written.
 */
class SwitchNoMatchTest {
    private static final String USER = String.join("\n",
            "package demo;",
            "import dev.tulip.*;",
            "import static dev.tulip.Tulip.*;",
            "public class Demo {",
            "  @Async static Coroutine<String> later(String s) { await(sleep(0)); return done(s); }",
            "  @Async static Coroutine<String> exploded(Kind k) {",
            "    String s = switch (k) { case A -> await(later(\"a\")); case B -> \"b\"; };",
            "    return done(s);",
            "  }",
            "  @Async static Coroutine<String> written(Kind k) {",
            "    String s = switch (k) { case A -> \"a\"; case B -> \"b\"; };",
            "    return done(s + await(later(\"!\")));",
            "  }",
            "  public static String run(String which, Kind k) {",
            "    return Tulip.run(which.equals(\"exploded\") ? DemoAsync.exploded(k) : DemoAsync.written(k));",
            "  }",
            "}");

    @Test
    void anExhaustiveSwitchMatchingNothingAtRunTimeThrows() throws Exception {
        Compilation c = TestCompiler.compile(TestCompiler.source("demo.Kind", "package demo; public enum Kind { A, B }"),
                TestCompiler.source("demo.Demo", USER));
        Map<String, byte[]> classes = TestCompiler.classes(c);
        classes.putAll(TestCompiler.classes(javac().withOptions("--release", "17")
                .compile(TestCompiler.source("demo.Kind", "package demo; public enum Kind { A, B, C }"))));
        ClassLoader loader = TestCompiler.load(classes);
        Class<?> kind = loader.loadClass("demo.Kind");
        Method run = loader.loadClass("demo.Demo").getMethod("run", String.class, kind);
        for (String which : new String[] {"exploded", "written"}) {
            assertEquals(which.equals("exploded") ? "a" : "a!", run.invoke(null, which, kind.getField("A").get(null)));
            InvocationTargetException e = assertThrows(InvocationTargetException.class,
                    () -> run.invoke(null, which, kind.getField("C").get(null)));
            assertEquals(IncompatibleClassChangeError.class, e.getCause().getClass(), which);
        }
    }
}
