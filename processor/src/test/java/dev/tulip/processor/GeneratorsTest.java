package dev.tulip.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.testing.compile.JavaFileObjects;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Generator;
import dev.tulip.StopIteration;
import dev.tulip.Tulip;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The seeds' generators and asynchronous generators, compiled by the processor and run. */
class GeneratorsTest {
    private static Class<?> companion;
    private static List<String> log;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void compile() throws Exception {
        ClassLoader loader = TestCompiler.compileAndLoad(JavaFileObjects.forResource("forms/Gens.java"));
        companion = loader.loadClass("forms.GensAsync");
        Field f = loader.loadClass("forms.Gens").getDeclaredField("log");
        f.setAccessible(true);
        log = (List<String>) f.get(null);
    }

    @BeforeEach
    void clear() {
        log.clear();
    }

    private static Object make(String name, Object... args) throws Exception {
        for (Method m : companion.getDeclaredMethods()) {
            if (m.getName().equals(name) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                return m.invoke(null, args);
            }
        }
        throw new AssertionError(name);
    }

    @Test
    @SuppressWarnings("unchecked")
    void dwarfs() throws Exception {
        List<String> names = new ArrayList<>();
        for (String n : (Generator<String>) make("dwarfs")) {
            names.add(n);
        }
        assertEquals(List.of("Grumpy", "Happy", "Sleepy", "Bashful", "Sneezy", "Dopey", "Doc"), names);
    }

    @Test
    void generatorsCarryTheirMethodName() throws Exception {
        assertEquals("<generator Gens.dwarfs>", make("dwarfs").toString());
        assertEquals("<async generator Gens.asyncDwarfs>", make("asyncDwarfs").toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void talkWithSend() throws Exception {
        Generator<Void> talk = (Generator<Void>) make("talk");
        talk.next(); // prime
        talk.send("Surprise!");
        assertThrows(StopIteration.class, () -> talk.send("stop"));
        assertEquals(List.of("Get ready for this", "Surprise!", "stop"), log);
        Generator<Void> fresh = (Generator<Void>) make("talk");
        assertThrows(IllegalStateException.class, () -> fresh.send("too early"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void ticTacReturnsBoum() throws Exception {
        Generator<Void> g = (Generator<Void>) make("ticTac");
        g.next();
        g.next();
        StopIteration stop = assertThrows(StopIteration.class, g::next);
        assertEquals("Boum!", stop.value());
        assertEquals(List.of("Tic", "Tac"), log);
    }

    @Test
    @SuppressWarnings("unchecked")
    void yieldFromDelegates() throws Exception {
        Generator<Void> g = (Generator<Void>) make("example");
        int steps = 0;
        while (g.hasNext()) {
            g.next();
            steps++;
        }
        assertEquals(5, steps);
        assertEquals(List.of("Tâche 'example'", "Lancement de la tâche 'subtask'", "Tâche 'subtask'", "(subtask)",
                "(subtask)", "Retour dans 'example' sub done", "(example)", "(example)", "(example)"), log);
        List<Integer> values = new ArrayList<>();
        for (int v : (Generator<Integer>) make("delegating")) {
            values.add(v);
        }
        assertEquals(List.of(1, 2, 3), values);
    }

    @Test
    @SuppressWarnings("unchecked")
    void closeRunsFinally() throws Exception {
        Generator<Integer> g = (Generator<Integer>) make("withFinally");
        assertEquals(0, g.next());
        assertEquals(1, g.next());
        g.close();
        assertEquals(List.of("closed"), log);
    }

    @Test
    void asyncGeneratorsAndComprehensions() throws Exception {
        EventLoop loop = EventLoop.virtualTime();
        assertEquals("[Grumpy, Happy, Sleepy, Bashful, Sneezy, Dopey, Doc]|7|[Sleepy, Sneezy, Dopey]",
                Tulip.run((Coroutine<?>) make("consume"), loop));
        assertEquals(2.1, loop.time(), 1e-9);
    }

    @Test
    void closingAnAsyncGeneratorRunsItsAwaitingFinally() throws Exception {
        List<String> trace = new ArrayList<>();
        assertEquals("closed", Tulip.runVirtual((Coroutine<?>) make("closeEarly", trace)));
        assertEquals(List.of("tick 0", "tick 1", "tick 2", "generator finally", "generator cleaned up"), trace);
    }
}
