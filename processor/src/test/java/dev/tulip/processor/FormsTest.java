package dev.tulip.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.JavaFileObjects;
import dev.tulip.Awaitable;
import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.Tulip;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs every form of {@code forms/Forms.java} through the processor, twice: with awaits that are
 * already done, and with awaits that really suspend. Both must give the plain-Java result.
 */
class FormsTest {
    private static ClassLoader loader;
    private static Class<?> forms;
    private static Class<?> companion;

    @BeforeAll
    static void compile() throws Exception {
        loader = TestCompiler.compileAndLoad(JavaFileObjects.forResource("forms/Forms.java"));
        forms = loader.loadClass("forms.Forms");
        companion = loader.loadClass("forms.FormsAsync");
    }

    private static void mode(boolean suspend) throws Exception {
        forms.getField("suspend").setBoolean(null, suspend);
        forms.getMethod("takeLog").invoke(null);
    }

    private static String log() throws Exception {
        return (String) forms.getMethod("takeLog").invoke(null);
    }

    /** Calls the factory {@code FormsAsync.name(args)} and runs the coroutine on virtual time. */
    private static Object run(String name, Object... args) throws Throwable {
        Method factory = null;
        for (Method m : companion.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                factory = m;
            }
        }
        if (factory == null) {
            throw new AssertionError("no factory " + name);
        }
        factory.setAccessible(true);
        Coroutine<?> c = (Coroutine<?>) factory.invoke(null, args);
        try {
            return Tulip.runVirtual(c);
        } catch (RuntimeException | Error e) {
            throw e;
        }
    }

    @ParameterizedTest(name = "suspend={0}")
    @ValueSource(booleans = {false, true})
    void expressions(boolean suspend) throws Throwable {
        mode(suspend);
        assertEquals("1-2-3", run("arguments"));
        assertEquals("a;c;", log());
        assertEquals(51, run("receiverOrder"));
        assertEquals("first;recv;pick0;", log());
        assertEquals("yesyes2truetruefalse", run("conditionals", true));
        assertEquals("nono2falsefalsetrue", run("conditionals", false));
        assertEquals("8,1124,1,abc,3,8", run("compound"));
        assertEquals("2,6", run("compoundReadsOldValueFirst"));
        assertEquals("n=1, v=2, 4", run("concatenation"));
        assertEquals("x,37,45,[p, q]", run("newAndArrays"));
        assertEquals("b;", log());
        assertEquals("long hello", run("patterns", "hello"));
        assertEquals("int 42", run("patterns", 41));
        assertEquals("other", run("patterns", "ab"));
    }

    @ParameterizedTest(name = "suspend={0}")
    @ValueSource(booleans = {false, true})
    void statements(boolean suspend) throws Throwable {
        mode(suspend);
        assertEquals("012d3d2f0f1f2xy78", run("loops"));
        assertEquals("00,01,10,11,20,21,in", run("labeled"));
        assertEquals("onetwoarrow12|e1", run("switches", 1));
        assertEquals("twoarrow12|e2!", run("switches", 2));
        assertEquals("threearrowX|ed", run("switches", 3));
        assertEquals("otherarrowX|ed", run("switches", 9));
        Object red = loader.loadClass("forms.Forms$Color").getEnumConstants()[0];
        Object green = loader.loadClass("forms.Forms$Color").getEnumConstants()[1];
        assertEquals("red", run("enumSwitch", red));
        assertEquals("green", run("enumSwitch", green));
    }

    @ParameterizedTest(name = "suspend={0}")
    @ValueSource(booleans = {false, true})
    void exceptions(boolean suspend) throws Throwable {
        mode(suspend);
        assertEquals("try;ok;finally;", run("tryCatchFinally", 0));
        assertEquals("try;catch boom;in-catch;finally;", run("tryCatchFinally", 1));
        assertEquals("try;ok;catch ise;in-catch;finally;", run("tryCatchFinally", 2));
        assertEquals("from try", run("returnThroughFinally"));
        assertEquals("inner finally;outer finally;", log());
        assertEquals("finally wins", run("finallyOverrides"));
        assertEquals("0ff2ff", run("breakContinueThroughFinally"));
        assertEquals("caught deep", run("exceptionFromAwaitedCoroutine"));
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> run("uncaught"));
        assertEquals("out", e.getMessage());
        assertEquals("caught io", run("catchesChecked"));
    }

    @ParameterizedTest(name = "suspend={0}")
    @ValueSource(booleans = {false, true})
    void resources(boolean suspend) throws Throwable {
        mode(suspend);
        assertEquals("ab", run("resources", false));
        assertEquals("open a;open b;close b;close a;", log());
        assertEquals("caught body suppressed 1 close a", run("resources", true));
        assertEquals("open a;open b;close b;close a;", log());
        assertEquals("done", run("asyncResources"));
        assertEquals("body;aclose y;aclose x;", log());
        assertEquals(3, run("asyncFor"));
    }

    @ParameterizedTest(name = "suspend={0}")
    @ValueSource(booleans = {false, true})
    void classesAndMembers(boolean suspend) throws Throwable {
        mode(suspend);
        assertEquals("aAabBbcCc", run("lambdasCapture"));
        assertEquals("lambda ran;", log());
        assertEquals("px", run("localClass"));
        Field statics = forms.getDeclaredField("statics");
        statics.setAccessible(true);
        statics.setInt(null, 100);
        Object instance = forms.getDeclaredConstructor().newInstance();
        assertEquals("15,16,101,42,s16", run("instanceMembers", instance));
        assertEquals("helper h 16;", log());
        assertEquals(9, run("max", List.of(3, 9, 4)));
        assertEquals(6, run("sum", (Object) new int[] {1, 2, 3}));
        assertEquals(null, run("voidMethod"));
        assertEquals("void;", log());
        assertEquals("1-2-3/6/9", run("nested"));
    }

    @org.junit.jupiter.api.Test
    void cancellationRunsCatchAndFinally() throws Throwable {
        Method factory = companion.getDeclaredMethod("cancellable", List.class);
        factory.setAccessible(true);
        List<String> trace = new ArrayList<>();
        EventLoop loop = EventLoop.virtualTime();
        @SuppressWarnings("unchecked")
        Task<String> task = loop.createTask((Coroutine<String>) factory.invoke(null, trace));
        loop.callLater(1, task::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertTrue(task.cancelled());
        assertEquals(List.of("start", "cancelled", "cleanup done", "finally"), trace);
        assertEquals(2.0, loop.time());
        loop.close();
    }

    @org.junit.jupiter.api.Test
    void catchExceptionDoesNotSwallowCancellation() throws Throwable {
        Method factory = companion.getDeclaredMethod("exceptionDoesNotCatchCancellation", List.class);
        factory.setAccessible(true);
        List<String> trace = new ArrayList<>();
        EventLoop loop = EventLoop.virtualTime();
        @SuppressWarnings("unchecked")
        Task<String> task = loop.createTask((Coroutine<String>) factory.invoke(null, trace));
        loop.callLater(1, task::cancel);
        assertThrows(CancelledError.class, () -> loop.runUntilComplete(task));
        assertEquals(List.of("finally"), trace);
        loop.close();
    }

    @ParameterizedTest(name = "suspend={0}")
    @ValueSource(booleans = {false, true})
    void completionStagesFromOtherThreads(boolean suspend) throws Throwable {
        mode(suspend);
        assertEquals(41, run("completionStages"));
    }

    @SuppressWarnings("unused")
    private static Object unwrap(InvocationTargetException e) {
        return e.getCause();
    }

    @SuppressWarnings("unused")
    private static Awaitable<?> none() {
        return null;
    }
}
