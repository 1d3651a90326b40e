package dev.tulip.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.InvocationTargetException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Everyday Java around and inside {@code @Async} methods: the forms a real program is made of, each
 * compiled with the processor and run. Each program's {@code run()} returns what it printed.
 */
class RealCodeTest {
    /** Compiles the sources, runs {@code mainClass.run()}, and returns its result. */
    static String run(String mainClass, JavaFileObject... sources) {
        ClassLoader loader = TestCompiler.compileAndLoad(sources);
        try {
            return String.valueOf(loader.loadClass(mainClass).getMethod("run").invoke(null));
        } catch (InvocationTargetException e) {
            throw new AssertionError("run() threw", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * What Tulip does to attribute code must not change how javac compiles the user's classes: records
     * with canonical constructors, implicitly typed lambdas whose parameters have captured types, and
     * {@code var}s holding anonymous classes, in the class of an {@code @Async} method or beside it
     * (these used to fail with "invalid canonical constructor" or "cannot find symbol: class
     * &lt;captured wildcard&gt;" once the class had been attributed during processing).
     */
    @Test
    void recordsLambdasAndAnonymousVarsBesideAsyncMethods() {
        JavaFileObject shop = TestCompiler.source("shop.Shop",
                "package shop;",
                "import static dev.tulip.Tulip.*;",
                "import dev.tulip.*;",
                "import java.util.*;",
                "public class Shop {",
                "  record Range(int lo, int hi) {",
                "    Range { if (lo > hi) throw new IllegalArgumentException(lo + \" > \" + hi); }",
                "  }",
                "  record Order(String dish, int qty) {",
                "    Order(String dish, int qty) { this.dish = dish.trim(); this.qty = qty; }",
                "  }",
                "  private final Runnable hook = new Runnable() { @Override public void run() { } };",
                "  static final StringBuilder log = new StringBuilder();",
                "  static void onDone(AsyncFuture<?> fut) { fut.addDoneCallback(f -> log.append(\"done \")); }",
                "  static int plain() {",
                "    var counter = new Object() { int n = 2; int next() { return ++n; } };",
                "    return counter.next();",
                "  }",
                "  @Async static Coroutine<String> serve(String dish) {",
                "    Range r = new Range(1, 3);",
                "    await(sleep(0));",
                "    Order o = new Order(\"  \" + dish + \" \", r.hi());",
                "    var tally = new Object() { int total; void add(int k) { total += k; } };",
                "    tally.add(o.qty());",
                "    tally.add(plain());",
                "    String text = o.dish() + \" x\" + tally.total;",
                "    try { new Range(2, 1); } catch (IllegalArgumentException e) { text += \" (\" + e.getMessage() + \")\"; }",
                "    return done(text);",
                "  }",
                "  public static String run() {",
                "    EventLoop loop = EventLoop.virtualTime();",
                "    Task<String> t = loop.createTask(ShopAsync.serve(\"fries\"));",
                "    onDone(t);",
                "    String s = loop.runUntilComplete(t);",
                "    loop.close();",
                "    return s + \" \" + log.toString().trim();",
                "  }",
                "}");
        assertEquals("fries x6 (2 > 1) done", run("shop.Shop", shop));
    }
}
