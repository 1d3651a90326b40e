package dev.tulip.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An exception injected at each await, and a cancellation at each await, inside try, catch, finally,
 * loops and try-with-resources; each with the other awaits immediate or really suspending. The
 * expected traces follow Java's semantics for an exception thrown at that point.
 */
class PointsTest {
    private static Class<?> points;
    private static Method factory;

    @BeforeAll
    static void compile() throws Exception {
        ClassLoader loader = TestCompiler.compileAndLoad(JavaFileObjects.forResource("forms/Points.java"));
        points = loader.loadClass("forms.Points");
        factory = loader.loadClass("forms.PointsAsync").getDeclaredMethod("everywhere", List.class);
        factory.setAccessible(true);
    }

    /** The trace up to and including point k, when nothing fails before it. */
    private static final String[] PREFIX = {
        "",
        "p1",
        "p1,p2",
        "p1,p2,loop-finally0,p3",
        "p1,p2,loop-finally0,p3,loop-finally1,p4",
        "p1,p2,loop-finally0,p3,loop-finally1,p4,aclose,catch,p5",
        "p1,p2,loop-finally0,p3,loop-finally1,p4,aclose,catch,p5,finally,p6",
    };

    /** What runs after the failure at k, before the outer handler. */
    private static final String[] UNWIND = {
        "",
        "",
        ",loop-finally0",
        ",loop-finally1",
        ",aclose",
        ",finally,p6,after6",
        "",
    };

    @ParameterizedTest(name = "k={0} suspend={1}")
    @CsvSource({"1,false", "2,false", "3,false", "4,false", "5,false", "6,false",
                "1,true", "2,true", "3,true", "4,true", "5,true", "6,true"})
    void failureAtEachAwait(int k, boolean suspend) throws Exception {
        List<String> t = run(k, "fail", suspend, false);
        assertEquals(PREFIX[k] + UNWIND[k] + ",caught injected " + k + ",outer-finally", String.join(",", t));
    }

    @ParameterizedTest(name = "k={0} suspend={1}")
    @CsvSource({"1,false", "2,false", "3,false", "4,false", "5,false", "6,false",
                "1,true", "2,true", "3,true", "4,true", "5,true", "6,true"})
    void cancellationAtEachAwait(int k, boolean suspend) throws Exception {
        List<String> t = run(k, "cancel", suspend, true);
        assertEquals(PREFIX[k] + UNWIND[k] + ",cancelled,outer-finally", String.join(",", t));
    }

    @ParameterizedTest(name = "suspend={0}")
    @CsvSource({"false", "true"})
    void noFailure(boolean suspend) throws Exception {
        List<String> t = run(0, "none", suspend, false);
        assertEquals(PREFIX[6] + ",after6,outer-finally", String.join(",", t));
    }

    @SuppressWarnings("unchecked")
    private static List<String> run(int k, String how, boolean suspend, boolean cancel) throws Exception {
        points.getField("at").setInt(null, k);
        points.getField("how").set(null, how);
        points.getField("suspend").setBoolean(null, suspend);
        List<String> t = new ArrayList<>();
        EventLoop loop = EventLoop.virtualTime();
        Task<String> task = loop.createTask((Coroutine<String>) factory.invoke(null, t));
        if (cancel) {
            // Cancel once the task is parked on the never-completing future of point k.
            loop.callLater(1, task::cancel);
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
            assertTrue(task.cancelled());
        } else {
            assertEquals("end", loop.runUntilComplete(task));
        }
        loop.close();
        return t;
    }
}
