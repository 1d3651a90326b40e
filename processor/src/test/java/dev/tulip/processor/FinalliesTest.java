package dev.tulip.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.JavaFileObjects;
import dev.tulip.Coroutine;
import dev.tulip.Tulip;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Jumps through several exploded finally blocks; finally blocks that override what is pending. */
class FinalliesTest {
    private static Class<?> companion;

    @BeforeAll
    static void compile() throws Exception {
        companion = TestCompiler.compileAndLoad(JavaFileObjects.forResource("forms/Finallies.java"))
                .loadClass("forms.FinalliesAsync");
    }

    private static String run(List<String> t, String name, Object... more) throws Exception {
        Object[] args = new Object[more.length + 1];
        args[0] = t;
        System.arraycopy(more, 0, args, 1, more.length);
        for (Method m : companion.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                return (String) Tulip.runVirtual((Coroutine<?>) m.invoke(null, args));
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void labeledBreakRunsBothFinallies() throws Exception {
        List<String> t = new ArrayList<>();
        assertEquals("end", run(t, "labeledBreakThroughTwo"));
        assertEquals(List.of("i0", "inner body 0", "inner finally 0", "outer finally 0", "i1", "inner finally 1",
                "outer finally 1"), t);
    }

    @Test
    void continueRunsBothFinallies() throws Exception {
        List<String> t = new ArrayList<>();
        assertEquals("i=3", run(t, "continueThroughTwo"));
        assertEquals(List.of("f1 1", "f2 1", "f1 2", "f2 2", "last 3", "f1 3", "f2 3"), t);
    }

    @Test
    void returnValueIsTakenBeforeTheFinallies() throws Exception {
        List<String> t = new ArrayList<>();
        assertEquals("awaited", run(t, "returnThroughTwoWithValues"));
        assertEquals(List.of("inner changed in inner finally", "outer changed in inner finally"), t);
    }

    @Test
    void breakInFinallyDiscardsTheException() throws Exception {
        List<String> t = new ArrayList<>();
        assertEquals("survived", run(t, "breakInFinallyDiscardsException"));
        assertEquals(List.of("finally 0"), t);
    }

    @Test
    void exceptionInFinallyReplacesThePendingOne() throws Exception {
        List<String> t = new ArrayList<>();
        assertEquals("caught second suppressed 0", run(t, "exceptionInFinallyReplaces"));
        assertEquals(List.of("finally"), t);
    }

    @Test
    void catchRethrowsThroughFinally() throws Exception {
        List<String> t = new ArrayList<>();
        assertEquals("from catch caused by boom", run(t, "catchRethrowsThroughFinally"));
        assertEquals(List.of("catch boom", "finally"), t);
    }

    @Test
    void switchInsideTryFinally() throws Exception {
        List<String> t = new ArrayList<>();
        assertEquals("end 1", run(t, "switchInsideTryFinally", 1));
        assertEquals(List.of("one", "after switch", "finally"), t);
        t.clear();
        assertEquals("returned 2", run(t, "switchInsideTryFinally", 2));
        assertEquals(List.of("two", "finally"), t);
        t.clear();
        assertEquals("end 3", run(t, "switchInsideTryFinally", 3));
        assertEquals(List.of("default", "after switch", "finally"), t);
    }
}
