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
    void privateTypesGivenToBoundedTypeParametersInSignatures() throws Exception {
        Compilation c = TestCompiler.compile(JavaFileObjects.forResource("forms/StandIns.java"));
        assertThat(c).succeededWithoutWarnings();
        String companion = TestCompiler.generated(c, "StandInsAsync");
        assertTrue(companion.contains("static <R> Coroutine<R> grow(EnumSet<? extends Enum<?>> kinds, Enum<?>... more)"),
                companion);
        assertTrue(companion.contains("class Serve<L extends Comparable<L>, Kind$ extends Enum<Kind$>,"
                + " Dish$ extends Record & Comparable<Dish$>> extends Coroutine<String>"), companion);
        ClassLoader loader = TestCompiler.load(TestCompiler.classes(c));
        Method demo = loader.loadClass("forms.StandIns").getDeclaredMethod("demo");
        demo.setAccessible(true);
        assertEquals("[SOUP, MAIN] apple b {MAIN=1} [MAIN, DESSERT] b 0", demo.invoke(null));
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
    void overridingAMethodWhoseSignatureNamesAPrivateTypeIsRejected() {
        rejected("a method overriding Handler.on, whose signature names the private class Demo.Item: generated code"
                + " cannot write that signature", 18, 37,
                "  abstract static class Handler { abstract int on(Item i); }",
                "  @Async static Coroutine<Integer> m() {", // line 17
                "    Handler h = new Handler() { int on(Item i) { return i.qty; } };",
                "    await(sleep(1));",
                "    return done(h.on(new Item()));",
                "  }");
    }

    @Test
    void genericPrivateClassGivenToABoundedTypeParameterIsRejected() {
        rejected("a value of type demo.Demo.Best<demo.Demo.Box<java.lang.String>>, whose type parameter T is bounded by"
                + " java.lang.Comparable<T>: generated code cannot name the private class Demo.Box, and cannot stand for"
                + " it with a type variable since it is generic", 19, 23,
                "  static final class Best<T extends Comparable<T>> { T best; }",
                "  private record Box<T>(T v) implements Comparable<Box<T>> { public int compareTo(Box<T> o) { return 0; } }",
                "  @Async static Coroutine<Integer> m() {", // line 18
                "    Best<Box<String>> b = new Best<>(); await(sleep(1));",
                "    return done(b.best == null ? 0 : 1);",
                "  }");
    }

    @Test
    void boundNamingAPrivateClassIsRejected() {
        rejected("a value of type demo.Demo.Holder<demo.Demo.Impl>, whose type parameter T is bounded by"
                + " demo.Demo.Secret, which names a private class", 20, 18,
                "  private interface Secret { }",
                "  private static final class Impl implements Secret { }",
                "  static final class Holder<T extends Secret> { T held; }",
                "  @Async static Coroutine<Integer> m() {", // line 19
                "    Holder<Impl> h = new Holder<>();",
                "    await(sleep(1));",
                "    return done(h.held == null ? 0 : 1);",
                "  }");
    }

    @Test
    void staticMemberOfALocalTypeMentioningAStandInIsRejected() {
        rejected("the static member 'pick' of a local interface, whose type mentions a private class that this method"
                + " gives to a bounded type parameter", 19, 29,
                "  @Async static Coroutine<Integer> m() {", // line 16
                "    java.util.EnumSet<Kind> ks = java.util.EnumSet.allOf(Kind.class);",
                "    await(sleep(1));",
                "    interface Picker { Kind pick(java.util.EnumSet<Kind> from); }",
                "    return done(ks.size());",
                "  }");
    }

    @Test
    void lambdaOfAPrivateInterfaceMentioningAStandInIsRejected() {
        rejected("a lambda implementing the private class Demo.Chooser, whose method mentions a private class that"
                + " this method gives to a bounded type parameter", 19, 17,
                "  private interface Chooser { Kind choose(Kind a); }",
                "  @Async static Coroutine<Integer> m() {", // line 17
                "    java.util.EnumSet<Kind> ks = java.util.EnumSet.allOf(Kind.class);",
                "    Chooser c = k -> k;",
                "    await(sleep(1));",
                "    return done(ks.size() + c.choose(Kind.A).ordinal());",
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
