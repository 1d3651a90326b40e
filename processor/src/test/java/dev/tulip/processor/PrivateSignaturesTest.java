package dev.tulip.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.lang.reflect.Method;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Private nested types in the parameters and results of {@code @Async} methods, called from the user's
 * own code through the generated factories; and the forms with private types that stay rejected, each
 * with one error at the exact node.
 */
class PrivateSignaturesTest {
    @Test
    void factoriesTakeAndReturnPrivateTypes() throws Exception {
        ClassLoader loader = TestCompiler.compileAndLoad(JavaFileObjects.forResource("forms/Privates.java"));
        Method demo = loader.loadClass("forms.Privates").getDeclaredMethod("demo");
        demo.setAccessible(true);
        assertEquals("true applex5 [apple0x5, apple1x5, apple2x5] {apple0=Order[dish=apple0, qty=5],"
                + " apple1=Order[dish=apple1, qty=5], apple2=Order[dish=apple2, qty=5], tea=Order[dish=tea, qty=2]} 6 60",
                demo.invoke(null));
    }

    @Test
    void factorySignaturesNameOnlyAccessibleTypes() {
        Compilation c = TestCompiler.compile(JavaFileObjects.forResource("forms/Privates.java"));
        String companion = TestCompiler.generated(c, "PrivatesAsync");
        assertTrue(companion.contains("static <R> Coroutine<R> restock(Object item, int more)"), companion);
        assertTrue(companion.contains("static <R> Coroutine<R> split(Object item, Enum<?> kind)"), companion);
        assertTrue(companion.contains("static <R> Coroutine<R> orders(List<?> items, Record... extra)"), companion);
        assertTrue(companion.contains("static Coroutine<Integer> count(Map<String, ? extends List<?>> stock, Object[] shelf)"),
                companion);
    }

    private static JavaFileObject source(String... body) {
        String[] lines = new String[body.length + 16];
        lines[0] = "package demo;";
        lines[1] = "import dev.tulip.*;";
        lines[2] = "import static dev.tulip.Tulip.*;";
        lines[3] = "import java.util.function.*;";
        lines[4] = "public class Demo {";
        lines[5] = "  private static class Item { int qty; }";
        lines[6] = "  private interface Pricing { int price(int qty); }";
        lines[7] = "  private static class Oops extends RuntimeException { private static final long serialVersionUID = 1L; }";
        lines[8] = "  private enum Kind { A, B }";
        lines[9] = "  private interface Saved extends java.io.Serializable { int price(int qty); }";
        for (int i = 10; i < 15; i++) {
            lines[i] = "";
        }
        System.arraycopy(body, 0, lines, 15, body.length);
        lines[lines.length - 1] = "}";
        return TestCompiler.source("demo.Demo", lines);
    }

    private static void rejected(String message, int line, int column, String... body) {
        Compilation c = TestCompiler.compile(source(body));
        assertThat(c).hadErrorContaining(message).inFile(c.sourceFiles().get(0)).onLine(line).atColumn(column);
        assertThat(c).hadErrorCount(1);
    }

    @Test
    void anonymousSubclassOfPrivateClass() {
        rejected("an anonymous class extending or implementing the private class Demo.Item", 17, 20,
                "  @Async static Coroutine<Integer> m() {", // line 16
                "    Object o = new Item() { };",
                "    await(sleep(1));",
                "    return done(1);",
                "  }");
    }

    @Test
    void localClassExtendingPrivateClass() {
        rejected("a local class extending or implementing the private class Demo.Item", 17, 21,
                "  @Async static Coroutine<Integer> m() {",
                "    class L extends Item { }",
                "    await(sleep(1));",
                "    return done(1);",
                "  }");
    }

    @Test
    void lambdaImplementingSerializablePrivateInterface() {
        rejected("a lambda implementing the private class Demo.Saved: it is Serializable, and a lambda of it made at"
                + " run time cannot be serialized", 17, 15,
                "  @Async static Coroutine<Integer> m() {",
                "    Saved p = q -> q * 2;",
                "    await(sleep(1));",
                "    return done(p.price(2));",
                "  }");
    }

    @Test
    void castToAnIntersectionWithAPrivateInterface() {
        rejected("a cast to an intersection with the private class Demo.Pricing", 17, 16,
                "  @Async static Coroutine<Integer> m() {",
                "    Object p = (Pricing & java.io.Serializable) Math::abs;",
                "    await(sleep(1));",
                "    return done(1);",
                "  }");
    }

    @Test
    void patternOnAParameterizedTypeNamingAPrivateClass() {
        rejected("a pattern on java.util.List<demo.Demo.Item>, whose type arguments name the private class Demo.Item"
                + " (match it with wildcards, as in 'List<?> l')", 18, 22,
                "  @Async static Coroutine<Integer> m() {",
                "    java.util.Collection<Item> c = new java.util.ArrayList<>();",
                "    if (c instanceof java.util.List<Item> l) { await(sleep(1)); }",
                "    return done(1);",
                "  }");
    }

    @Test
    void boundedTypeParameterOfAVarargsMethodGivenAPrivateTypeIsRejectedAtTheCall() {
        rejected("a private type as the type argument T of maxOf, bounded by java.lang.Comparable<T>", 19, 22,
                "  @SafeVarargs static <T extends Comparable<T>> T maxOf(T first, T... rest) { return first; }",
                "  @Async static Coroutine<Integer> m() {", // line 17
                "    await(sleep(1));",
                "    return done(maxOf(Kind.A, Kind.B).ordinal());",
                "  }");
    }

    @Test
    void boundedTypeParameterOfAGenericClassGivenAPrivateTypeIsRejected() {
        rejected("a value of type java.util.EnumMap<demo.Demo.Kind,java.lang.Integer>, whose type parameter K is bounded"
                + " by java.lang.Enum<K>", 17, 38,
                "  @Async static Coroutine<Integer> m() {", // line 16
                "    java.util.Map<Kind, Integer> m = new java.util.EnumMap<>(Kind.class);",
                "    await(sleep(1));",
                "    return done(m.size());",
                "  }");
    }

    @Test
    void valueOfABoundedGenericTypeGivenAPrivateTypeIsRejectedAtItsDeclaration() {
        rejected("a value of type java.util.EnumSet<demo.Demo.Kind>, whose type parameter E is bounded by"
                + " java.lang.Enum<E>: generated code spells the private class Demo.Kind as an accessible supertype,"
                + " which does not meet the bound", 17, 29,
                "  @Async static Coroutine<Integer> m() {", // line 16
                "    java.util.EnumSet<Kind> ks = java.util.EnumSet.allOf(Kind.class);",
                "    await(sleep(1));",
                "    return done(ks.size());",
                "  }");
    }

    @Test
    void unboundedTypeParametersGivenAPrivateTypeWork() {
        Compilation c = TestCompiler.compile(source(
                "  @Async static Coroutine<Integer> m() {",
                "    java.util.List<Kind> ks = new java.util.ArrayList<>(java.util.List.of(Kind.B, Kind.A));",
                "    await(sleep(1));",
                "    ks.sort(java.util.Comparator.comparing(Kind::ordinal));",
                "    return done(ks.get(0).ordinal());",
                "  }"));
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void throwingPrivateExceptionClassWorks() {
        Compilation c = TestCompiler.compile(source(
                "  @Async static Coroutine<Integer> m() {",
                "    await(sleep(1));",
                "    if (Kind.valueOf(\"A\") == Kind.A) {",
                "      throw new Oops();",
                "    }",
                "    return done(1);",
                "  }"));
        assertThat(c).succeededWithoutWarnings();
    }
}
