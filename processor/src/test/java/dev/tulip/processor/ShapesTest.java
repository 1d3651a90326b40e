package dev.tulip.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.JavaFileObjects;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Tulip;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Generic and member classes, interfaces, async scopes (TaskGroup, timeout) and var. */
class ShapesTest {
    private static ClassLoader loader;

    @BeforeAll
    static void compile() {
        loader = TestCompiler.compileAndLoad(JavaFileObjects.forResource("forms/Shapes.java"));
    }

    private static Object call(String companion, String name, Object... args) throws Exception {
        Class<?> c = loader.loadClass("forms." + companion);
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                EventLoop loop = EventLoop.virtualTime();
                Object result = Tulip.run((Coroutine<?>) m.invoke(null, args), loop);
                return result;
            }
        }
        throw new AssertionError("no factory " + companion + "." + name);
    }

    @Test
    void genericClass() throws Exception {
        Class<?> shapes = loader.loadClass("forms.Shapes");
        Constructor<?> ctor = shapes.getDeclaredConstructor(List.class);
        ctor.setAccessible(true);
        Object s = ctor.newInstance(List.of("a", "bb"));
        assertEquals("a", call("ShapesAsync", "first", s));
        Function<String, Integer> length = String::length;
        assertEquals(List.of(1, 2), call("ShapesAsync", "mapAll", s, length));
    }

    @Test
    void memberClasses() throws Exception {
        assertEquals("hello you", call("Shapes_InnerAsync", "hello", "you"));
        Class<?> shapes = loader.loadClass("forms.Shapes");
        Constructor<?> outerCtor = shapes.getDeclaredConstructor(List.class);
        outerCtor.setAccessible(true);
        Object outer = outerCtor.newInstance(List.of());
        Class<?> counter = loader.loadClass("forms.Shapes$Counter");
        Constructor<?> ctor = counter.getDeclaredConstructor(shapes);
        ctor.setAccessible(true);
        assertEquals(2, call("Shapes_CounterAsync", "incrementTwice", ctor.newInstance(outer)));
    }

    @Test
    void interfaces() throws Exception {
        Class<?> greeter = loader.loadClass("forms.Shapes$Greeter");
        Object g = java.lang.reflect.Proxy.newProxyInstance(loader, new Class<?>[] {greeter}, (p, m, a) -> {
            if (m.getName().equals("name")) {
                return "bob";
            }
            throw new UnsupportedOperationException(m.getName());
        });
        assertEquals("hi bob", call("Shapes_GreeterAsync", "greet", g));
        assertEquals("LOUD", call("Shapes_GreeterAsync", "shout", "loud"));
    }

    @Test
    void varAndWildcards() throws Exception {
        assertEquals("6.5 x=1", call("ShapesAsync", "varAndWildcards", List.of(1, 2.5, 3)));
    }

    @Test
    void taskGroups() throws Exception {
        List<String> log = new ArrayList<>();
        assertEquals("body,b,a,after group,slow cancelled,group failed: boom",
                call("ShapesAsync", "taskGroup", log));
    }

    @Test
    void timeoutScopes() throws Exception {
        assertEquals("timed out, in time", call("ShapesAsync", "timeoutScope"));
        assertEquals("returned through the scope", call("ShapesAsync", "scopeWithReturn"));
    }
}
