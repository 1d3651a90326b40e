package dev.tulip.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.JavaFileObjects;
import dev.tulip.Generator;
import dev.tulip.StopIteration;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * send, throwInto and close at each yield of a generator that yields inside try, catch, finally,
 * loops and try-with-resources; expected traces follow Java's semantics for an exception raised there.
 */
class GeneratorPointsTest {
    private static Method factory;

    @BeforeAll
    static void compile() throws Exception {
        ClassLoader loader = TestCompiler.compileAndLoad(JavaFileObjects.forResource("forms/GenPoints.java"));
        factory = loader.loadClass("forms.GenPointsAsync").getDeclaredMethod("everywhere", List.class);
        factory.setAccessible(true);
    }

    /** The trace once the generator is suspended at yield k (values sent are "s1", "s2", ...). */
    private static final String[] PREFIX = {
        "",
        "",
        "got s1",
        "got s1,got s2,loop-finally0",
        "got s1,got s2,loop-finally0,got s3,loop-finally1",
        "got s1,got s2,loop-finally0,got s3,loop-finally1,got s4,close,catch",
        "got s1,got s2,loop-finally0,got s3,loop-finally1,got s4,close,catch,got s5,finally",
    };

    /** What runs when an exception is raised at yield k, before the outer handlers. */
    private static final String[] UNWIND = {
        "", "", ",loop-finally0", ",loop-finally1", ",close", ",finally,got s6,after6", "",
    };

    private static String join(String head, String tail) {
        String h = head.startsWith(",") ? head.substring(1) : head;
        return h.isEmpty() ? tail : h + "," + tail;
    }

    @SuppressWarnings("unchecked")
    private static Generator<Integer> at(int k, List<String> t) throws Exception {
        Generator<Integer> g = (Generator<Integer>) factory.invoke(null, t);
        assertEquals(1, g.next());
        for (int i = 1; i < k; i++) {
            assertEquals(i + 1, g.send("s" + i));
        }
        return g;
    }

    @Test
    void sendsThroughEveryYield() throws Exception {
        List<String> t = new ArrayList<>();
        Generator<Integer> g = at(6, t);
        StopIteration stop = assertThrows(StopIteration.class, () -> g.send("s6"));
        assertEquals("end", stop.value());
        assertEquals(PREFIX[6] + ",got s6,after6,outer-finally", String.join(",", t));
    }

    @ParameterizedTest(name = "k={0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6})
    void throwIntoAtEachYield(int k) throws Exception {
        List<String> t = new ArrayList<>();
        Generator<Integer> g = at(k, t);
        if (k == 5) {
            // At yield 5 (inside catch), the finally yields 6 again before the outer handler.
            assertEquals(6, g.throwInto(new IllegalStateException("injected")));
            assertThrows(StopIteration.class, () -> g.send("s6"));
        } else {
            assertThrows(StopIteration.class, () -> g.throwInto(new IllegalStateException("injected")));
        }
        assertEquals(join(PREFIX[k] + UNWIND[k], "caught injected,outer-finally"), String.join(",", t));
    }

    @ParameterizedTest(name = "k={0}")
    @ValueSource(ints = {1, 2, 3, 4, 6})
    void closeAtEachYield(int k) throws Exception {
        List<String> t = new ArrayList<>();
        Generator<Integer> g = at(k, t);
        g.close();
        assertEquals(join(PREFIX[k] + UNWIND[k], "exit,outer-finally"), String.join(",", t));
    }

    @Test
    void closeWhereTheFinallyYieldsAgainIsAnError() throws Exception {
        List<String> t = new ArrayList<>();
        Generator<Integer> g = at(5, t);
        IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
        assertEquals("generator ignored GeneratorExit", e.getMessage());
    }
}
