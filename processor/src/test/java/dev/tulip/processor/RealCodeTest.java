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

    /**
     * Members reached through a public type but declared in a package-private base
     * ({@code AbstractStringBuilder}, {@code ConcurrentHashMap.CollectionView}) are reached directly:
     * JLS 6.6 decides by the qualifying type, not the declaring class.
     */
    @Test
    void membersInheritedFromNonPublicBases() {
        JavaFileObject text = TestCompiler.source("text.Text",
                "package text;",
                "import static dev.tulip.Tulip.*;",
                "import dev.tulip.*;",
                "import java.util.concurrent.ConcurrentHashMap;",
                "public class Text {",
                "  @Async static Coroutine<String> build(int n) {",
                "    StringBuilder sb = new StringBuilder();",
                "    StringBuffer buf = new StringBuffer(\"ab\");",
                "    ConcurrentHashMap<String, Integer> m = new ConcurrentHashMap<>();",
                "    for (int i = 0; i < n; i++) {",
                "      sb.append(i);",
                "      await(sleep(0));",
                "      m.put(\"k\" + i, i);",
                "      if (sb.length() > 3) sb.setLength(3);",
                "    }",
                "    buf.setLength(1);",
                "    long digits = sb.chars().filter(Character::isDigit).count();",
                "    await(sleep(0));",
                "    return done(sb + \" \" + sb.length() + \" \" + sb.charAt(0) + \" \" + buf.length()",
                "        + \" \" + m.keySet().size() + \" \" + m.values().size() + \" \" + digits);",
                "  }",
                "  public static String run() {",
                "    return Tulip.runVirtual(TextAsync.build(5));",
                "  }",
                "}");
        assertEquals("012 3 0 1 5 5 3", run("text.Text", text));
    }

    /**
     * Protected members of JDK superclasses in other packages ({@code modCount}, {@code buf},
     * {@code count}, {@code in}, {@code lock}, {@code clone()}), used in {@code @Async} methods of a
     * subclass, are reached through the user's class, which has the access java.base grants no one
     * else.
     */
    @Test
    void protectedMembersOfJdkSuperclasses() {
        JavaFileObject io = TestCompiler.source("io.Sinks",
                "package io;",
                "import static dev.tulip.Tulip.*;",
                "import dev.tulip.*;",
                "import java.io.*;",
                "import java.util.*;",
                "public class Sinks {",
                "  static class Bytes extends ByteArrayOutputStream {",
                "    @Async Coroutine<String> fill(int n) {",
                "      for (int i = 0; i < n; i++) { write('a' + i); await(sleep(0)); }",
                "      count--;",
                "      return done(new String(buf, 0, count) + \" \" + buf.length);",
                "    }",
                "  }",
                "  static class Counting extends AbstractList<Integer> implements Cloneable {",
                "    int size;",
                "    public Integer get(int i) { return i; }",
                "    public int size() { return size; }",
                "    @Async Coroutine<String> grow(int n) throws CloneNotSupportedException {",
                "      for (int i = 0; i < n; i++) { size++; modCount++; await(sleep(0)); }",
                "      Counting copy = (Counting) clone();",
                "      await(sleep(0));",
                "      return done(modCount + \" \" + copy.size + \" \" + copy.modCount);",
                "    }",
                "  }",
                "  static class Upper extends FilterInputStream {",
                "    Upper(InputStream in) { super(in); }",
                "    @Async Coroutine<String> drain() throws IOException {",
                "      StringBuilder sb = new StringBuilder();",
                "      int c;",
                "      while ((c = in.read()) >= 0) { await(sleep(0)); sb.append(Character.toUpperCase((char) c)); }",
                "      in = null;",
                "      return done(sb.toString());",
                "    }",
                "  }",
                "  static class Locked extends Writer {",
                "    final StringBuilder out = new StringBuilder();",
                "    public void write(char[] c, int o, int l) { out.append(c, o, l); }",
                "    public void flush() { }",
                "    public void close() { }",
                "    @Async Coroutine<String> say(String s) throws IOException {",
                "      await(sleep(0));",
                "      synchronized (lock) { write(s); }",
                "      await(sleep(0));",
                "      return done(out + \" \" + (lock == this));",
                "    }",
                "  }",
                "  static class Tick extends TimerTask {",
                "    public void run() { }",
                "    @Async Coroutine<Boolean> later() {",
                "      await(sleep(0));",
                "      return done(cancel());",
                "    }",
                "  }",
                "  public static String run() throws Exception {",
                "    return Tulip.runVirtual(Sinks_BytesAsync.fill(new Bytes(), 3)) + \" | \"",
                "        + Tulip.runVirtual(Sinks_CountingAsync.grow(new Counting(), 2)) + \" | \"",
                "        + Tulip.runVirtual(Sinks_UpperAsync.drain(new Upper(new ByteArrayInputStream(\"hi\".getBytes())))) + \" | \"",
                "        + Tulip.runVirtual(Sinks_LockedAsync.say(new Locked(), \"ok\")) + \" | \"",
                "        + Tulip.runVirtual(Sinks_TickAsync.later(new Tick()));",
                "  }",
                "}");
        assertEquals("ab 32 | 2 2 2 | HI | ok true | false", run("io.Sinks", io));
    }

    /**
     * Inner classes: the enclosing instance's members, implicit or written {@code Outer.this.x}, are
     * read on the enclosing instance even where the inner class has a field of the same name, through
     * several levels; {@code new Inner()} creates the inner class with the right enclosing instance.
     */
    @Test
    void innerClassesReachTheirEnclosingInstances() {
        JavaFileObject outer = TestCompiler.source("nest.Outer",
                "package nest;",
                "import static dev.tulip.Tulip.*;",
                "import dev.tulip.*;",
                "public class Outer {",
                "  String name = \"outer\";",
                "  private int hits;",
                "  String hello() { return \"hello \" + name; }",
                "  class Leaf { String tag() { return \"leaf of \" + name; } }",
                "  class Inner {",
                "    String name = \"inner\";",
                "    class Deep {",
                "      String name = \"deep\";",
                "      @Async Coroutine<String> walk() {",
                "        await(sleep(0));",
                "        hits++;",
                "        String a = name + \"/\" + Inner.this.name + \"/\" + Outer.this.name;",
                "        await(sleep(0));",
                "        Outer.this.hits += 10;",
                "        return done(a + \" \" + hello() + \" \" + new Leaf().tag() + \" \" + hits);",
                "      }",
                "    }",
                "    @Async Coroutine<String> look() {",
                "      await(sleep(0));",
                "      String s = name + \" \" + Outer.this.name + \" \" + hello();",
                "      Leaf leaf = new Leaf();",
                "      Deep deep = new Deep();",
                "      await(sleep(0));",
                "      return done(s + \" \" + leaf.tag() + \" | \" + await(deep.walk()));",
                "    }",
                "  }",
                "  public static String run() {",
                "    Outer o = new Outer();",
                "    return Tulip.runVirtual(Outer_InnerAsync.look(o.new Inner()));",
                "  }",
                "}");
        assertEquals("inner outer hello outer leaf of outer | deep/inner/outer hello outer leaf of outer 11",
                run("nest.Outer", outer));
    }
}
