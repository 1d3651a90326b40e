package dev.tulip.processor;

import static com.google.testing.compile.Compiler.javac;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;
import dev.tulip.processor.fuzz.Differential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Java 21 forms when the compiling JDK has them: pattern-matching switch (type and record patterns,
 * guards, case null) and record patterns in instanceof, printed as written inside @Async bodies.
 * Runs when the build itself runs on JDK 21 or newer (e.g. Temurin 25).
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class ModernJavaTest {
    @Test
    void patternSwitchAndRecordPatterns() throws Exception {
        Compilation c = javac().withProcessors(new TulipProcessor()).withOptions("-Xlint:all")
                .compile(JavaFileObjects.forResource("modern/Pat.java"));
        if (c.status() != Compilation.Status.SUCCESS || !c.warnings().isEmpty()) {
            throw new AssertionError(c.diagnostics().toString());
        }
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : c.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                try (InputStream in = f.openInputStream()) {
                    classes.put(f.getName().replaceFirst("^/CLASS_OUTPUT/", "").replaceAll("\\.class$", "")
                            .replace('/', '.'), in.readAllBytes());
                }
            }
        }
        ClassLoader loader = new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        };
        Class<?> pat = loader.loadClass("modern.Pat");
        Constructor<?> point = loader.loadClass("modern.Pat$Point").getDeclaredConstructor(int.class, int.class);
        point.setAccessible(true);
        Method main = pat.getMethod("main", Object.class);
        Object[] inputs = {"a", 5, 2, point.newInstance(3, 3), point.newInstance(1, 2), null, 1.5};
        String[] expected = {"sa", "big", "other", "diagonal 3 sum 6", "point 1,2 sum 3", "null!", "other"};
        String[] actual = new String[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            actual[i] = (String) main.invoke(null, inputs[i]);
        }
        assertEquals(Arrays.asList(expected), Arrays.asList(actual));
        Method suspending = pat.getMethod("suspendingMain", Object.class);
        Object[] more = {"abcdef", "ab", point.newInstance(1, 2), null, 7, 2};
        String[] expectedMore = {"long abcdef | n/a", "short ab | n/a", "point 3 a+b=3 | n/a", "null | n/a",
            "other | big 7", "other | small 2"};
        for (int i = 0; i < more.length; i++) {
            assertEquals(expectedMore[i], suspending.invoke(null, more[i]));
        }
    }

    private static final String SHAPES = """
            private sealed interface Shape permits Circle, Square, Group {
            }

            private record Circle(double r, String label) implements Shape {
            }

            private record Square(int side) implements Shape {
            }

            private record Group(Shape first, Shape second) implements Shape {
            }

            public record Box(Object content, int n) {
            }

            private record Loud(String word) {
                @Override
                public String word() {
                    if (word.isEmpty()) {
                        throw new IllegalStateException("silent");
                    }
                    return word.toUpperCase();
                }
            }

            private enum Kind {
                A, B, C;

                int weight() {
                    return ordinal() * 10;
                }
            }
            """;

    /** Type and record patterns over private types, in switches printed as written and exploded, and instanceof. */
    @Test
    void patternsOverPrivateTypes() {
        Differential.program("""
                List<Object> things = new ArrayList<>(List.of(new Circle(3, "x"), new Circle(1, "c"), new Square(4),
                        new Group(new Circle(1, "q"), new Square(2)), new Group(new Square(1), new Square(2)),
                        new Box(new Circle(5, "b"), 2), new Box("s", 3), "str", new Loud("hey")));
                things.add(null);
                things.add(new Group(null, new Circle(0.5, null)));
                int n = 0;
                for (Object o : things) {
                    String s = switch (o) {
                        case Circle(double r, String label) when r > 2 -> "big circle " + r + " " + label;
                        case Circle(var r, var label) -> "circle " + r + " " + label;
                        case Square sq -> "square " + sq.side();
                        case Group(Circle(var r, var l), Square(int side)) -> "cs " + r + l + side;
                        case Group(Shape a, Circle(double r, String l)) -> "gc " + a + r + l;
                        case Group(Shape a, Shape b) -> "group " + a + " " + b;
                        case Box(Circle c, int k) -> "boxed circle " + c.r() + " x" + k;
                        case Box(var c, var k) -> "box " + c + " " + k;
                        case Loud(String w) -> "loud " + w;
                        case null -> "null";
                        default -> "other " + o;
                    };
                    t.log("switch", s);
                    n += await(later(1));
                    if (o instanceof Group(Circle(var r, var l), var second) && r > 0) {
                        await(pause());
                        t.log("instanceof", r, l, second);
                    }
                    if (!(o instanceof Circle(double r, String l))) {
                        continue;
                    }
                    t.log("circle", r + await(later(1)), l);
                }
                try {
                    if (new Loud("") instanceof Loud(String w)) {
                        t.log("not reached", w);
                    }
                } catch (MatchException e) {
                    t.log("match exception", e.getCause().getMessage());
                }
                return done(n);
                """).members(SHAPES).release21().assertSameTraces();
    }

    /** Switches whose cases suspend (exploded into states), over private sealed types and enums. */
    @Test
    void explodedSwitchesOverPrivateTypes() {
        Differential.program("""
                List<Object> shapes = new ArrayList<>(List.of(new Circle(3, "x"), new Circle(1, "y"), new Square(4)));
                shapes.add(new Group(null, null));
                int total = 0;
                for (Object o : shapes) {
                    Shape sh = (Shape) o;
                    String s;
                    switch (sh) {
                        case Circle(double r, String label) when r > 2 -> {
                            s = "big " + label + await(later(1));
                        }
                        case Circle c -> s = "circle " + await(later((int) c.r()));
                        case Square(int side) -> {
                            await(pause());
                            s = "square " + side;
                        }
                        case Group g -> s = "group " + g.first();
                    }
                    int w = switch (sh) {
                        case Circle(var r, var l) -> await(later((int) r));
                        case Square(int side) -> side;
                        case Group(Shape a, Shape b) -> await(later(-1));
                    };
                    t.log("shape", s, w);
                    total += w;
                }
                List<Kind> kinds = new ArrayList<>(List.of(Kind.A, Kind.B, Kind.C));
                kinds.add(null);
                for (Kind k : kinds) {
                    String a = switch (k) {
                        case A -> "a";
                        case null -> "null";
                        default -> "other";
                    };
                    String b = switch (k) {
                        case null -> "n";
                        case Kind x when x.weight() > 10 -> "heavy " + await(later(x.weight()));
                        case A, B -> "ab";
                        case Kind x -> "light " + x;
                    };
                    switch (k) {
                        case B -> t.log("B!");
                        case null, default -> t.log("default", await(later(7)));
                    }
                    t.log("kind", a, b);
                }
                return done(total);
                """).members(SHAPES).release21().assertSameTraces();
    }

    /**
     * Bindings of an exploded switch over private types live in variables declared at the top of
     * {@code resume}; a later pattern printed as written declares the same names in a nested scope, where
     * Java forbids redeclaring a local: the state machine's copies are renamed ({@code k$1}).
     */
    @Test
    void bindingNamesDeclaredAgainAfterAnExplodedSwitch() {
        Differential.program("""
                Object o = new Tag(Kind.C, "x");
                String r = switch (o) {
                    case Kind k when k.weight() > 0 -> "kind " + k;
                    case Tag(Kind k, String n) -> "tag " + n + await(later(k.weight()));
                    default -> "d";
                };
                if (o instanceof Tag(var k, var n) && k != null) {
                    t.log("again", k, n);
                }
                t.log("r", r);
                return done(r.length());
                """).members(SHAPES + "private record Tag(Kind kind, String name) {\n}\n").release21().assertSameTraces();
    }

    /**
     * Patterns over a private enum that the method also gives to a bounded type parameter
     * ({@code EnumSet<Kind>}): bindings, record components and switch results typed by its stand-in type
     * variable. The names the two switches bind ({@code k}, {@code n}) are declared again by the
     * {@code instanceof} printed as written: the state machine renames its own copies.
     */
    @Test
    void patternsOverAPrivateEnumWithAStandIn() {
        Differential.program("""
                EnumSet<Kind> ks = EnumSet.noneOf(Kind.class);
                List<Object> things = List.of(new Tag(Kind.C, "x"), Kind.B, Kind.A, "other");
                for (Object o : things) {
                    String r = switch (o) {
                        case Kind k when k.weight() > 0 -> {
                            ks.add(k);
                            yield "kind " + k;
                        }
                        case Tag(Kind k, String n) -> {
                            ks.add(k);
                            yield "tag " + n + await(later(k.weight()));
                        }
                        default -> "other";
                    };
                    if (o instanceof Tag(var k, var n) && k != null) {
                        t.log("tag", k, n, ks.contains(k));
                    }
                    Kind first = ks.isEmpty() ? null : ks.iterator().next();
                    String f = switch (first) {
                        case A -> "a";
                        case null -> "none";
                        default -> "later " + await(later(first.ordinal()));
                    };
                    t.log("thing", r, f, ks, EnumSet.complementOf(ks));
                }
                return done(ks.size());
                """).members(SHAPES + "private record Tag(Kind kind, String name) {\n}\n").release21().assertSameTraces();
    }

    @Test
    void awaitInACaseGuardIsRejected() {
        Differential.program("""
                Object o = "text";
                String s = switch (o) {
                    case String str when str.length() > await(later(2)) -> "long";
                    default -> "other";
                };
                return done(s.length());
                """).release21().assertRejectedWith("await(...) cannot be used in a case guard ('when'): the guards are"
                        + " part of the switch's dispatch, which cannot suspend. Await the value before the switch, or"
                        + " test it inside the case's body");
    }

    @Test
    void recordPatternOnAGenericRecordAroundAPrivateTypeIsRejected() {
        Differential.program("""
                Object o = new Pair<>(new Circle(1, "c"), 2);
                if (o instanceof Pair<?, ?>(Circle c, var n)) {
                    t.log("pair", c, n);
                }
                return done(await(later(1)));
                """).members(SHAPES + "public record Pair<A, B>(A first, B second) {\n}\n").release21()
                .assertRejectedWith("Tulip cannot compile a record pattern on the generic record Pair with a pattern on"
                        + " the private class CoReg.Circle inside it (bind the component with 'var' and test it with"
                        + " instanceof) in @Async method 'm'");
    }

    @Test
    void recordPatternOnAGenericRecordGivenAPrivateTypeIsRejected() {
        Differential.program("""
                Pair<Circle, Integer> p = new Pair<>(new Circle(1, "c"), 2);
                if (p instanceof Pair<Circle, Integer>(Object c, Object n)) {
                    t.log("pair", c, n);
                }
                return done(await(later(1)));
                """).members(SHAPES + "public record Pair<A, B>(A first, B second) {\n}\n").release21()
                .assertRejectedWith("Tulip cannot compile a record pattern on fuzz.CoReg.Pair<fuzz.CoReg.Circle,"
                        + "java.lang.Integer>, whose type arguments name the private class CoReg.Circle (match it"
                        + " with wildcards, as in 'Box<?>(var c)') in @Async method 'm'");
    }
}

