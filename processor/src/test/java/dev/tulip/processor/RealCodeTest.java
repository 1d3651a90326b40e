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
    /**
     * Bound method references to {@code @Async} methods ({@code this::fetch}, {@code other(log)::fetch},
     * {@code new Main("n")::fetch}) produce coroutines through the factory, with the reference's own
     * evaluation: the receiver once, where the reference is, and a null receiver failing there
     * (JLS 15.13.3), not when the function is applied.
     */
    @Test
    void boundMethodReferencesToAsyncMethods() {
        JavaFileObject refs = TestCompiler.source("refs.Refs",
                "package refs;",
                "import static dev.tulip.Tulip.*;",
                "import dev.tulip.*;",
                "import java.util.*;",
                "import java.util.function.*;",
                "import java.util.stream.*;",
                "public class Refs {",
                "  final String tag;",
                "  Refs(String tag) { this.tag = tag; }",
                "  @Async Coroutine<String> fetch(int x) { await(sleep(0)); return done(tag + x); }",
                "  @Async Coroutine<String> pair(int x, String y) { return done(tag + x + y); }",
                "  static Refs other(List<String> log) { log.add(\"other\"); return new Refs(\"o\"); }",
                "  @Async Coroutine<String> main() {",
                "    StringBuilder out = new StringBuilder();",
                "    List<Coroutine<String>> cs = Stream.of(1, 2, 3).map(this::fetch).collect(Collectors.toList());",
                "    out.append(await(gather(cs)));",
                "    List<String> log = new ArrayList<>();",
                "    Refs r = other(log);",
                "    Function<Integer, Coroutine<String>> f = other(log)::fetch;",
                "    log.add(\"made\");",
                "    await(sleep(0));",
                "    out.append(' ').append(await(f.apply(7))).append(' ').append(log);",
                "    BiFunction<Integer, String, Coroutine<String>> g = this::pair;",
                "    out.append(' ').append(await(g.apply(1, \"z\")));",
                "    r = null;",
                "    try { Function<Integer, Coroutine<String>> h = r::fetch; out.append(\" late\"); }",
                "    catch (NullPointerException e) { out.append(\" NPE at creation\"); }",
                "    var xs = IntStream.range(0, 2).boxed().map(new Refs(\"n\")::fetch).toList();",
                "    out.append(' ').append(await(gather(xs)));",
                "    return done(out.toString());",
                "  }",
                "  public static String run() { return Tulip.runVirtual(RefsAsync.main(new Refs(\"t\"))); }",
                "}");
        assertEquals("[t1, t2, t3] o7 [other, other, made] t1z NPE at creation [n0, n1]", run("refs.Refs", refs));
    }

    /**
     * In the default package (where a tutorial's {@code async def main()} lands), state machines named
     * after methods must not hide the user's types: {@code main()} beside {@code class Main}, {@code
     * order()} beside a top-level {@code record Order}, {@code size()} beside a nested {@code enum Size},
     * {@code string()} beside {@code String}. (The machines became {@code MainMachine} and so on; before,
     * the companion did not compile.)
     */
    @Test
    void defaultPackageNamesAreNotCaptured() {
        JavaFileObject order = TestCompiler.source("Order", "record Order(String item, int n) {}");
        JavaFileObject main = TestCompiler.source("Main",
                "import dev.tulip.*;",
                "import static dev.tulip.Tulip.*;",
                "public class Main {",
                "  enum Size { SMALL, BIG }",
                "  static int count = 0;",
                "  @Async static Coroutine<Order> order(String item) { await(sleep(0)); count++; return done(new Order(item, count)); }",
                "  @Async static Coroutine<Size> size(Order o) { await(sleep(0)); return done(o.n() > 1 ? Size.BIG : Size.SMALL); }",
                "  @Async static Coroutine<String> string() { return done(\"!\"); }",
                "  @Async static Coroutine<String> main() {",
                "    Order a = await(order(\"tea\")); Order b = await(order(\"cake\"));",
                "    return done(a + \" \" + b + \" \" + await(size(a)) + \" \" + await(size(b)) + \" \" + Main.count + await(string()));",
                "  }",
                "  public static String run() { return Tulip.runVirtual(MainAsync.main()); }",
                "}");
        assertEquals("Order[item=tea, n=1] Order[item=cake, n=2] SMALL BIG 2!", run("Main", order, main));
    }

    /**
     * Creating a coroutine runs none of its code, so the factory of a method declaring checked
     * exceptions declares none: plain code creates and gathers such coroutines without a try. Inside
     * {@code @Async} bodies javac still checks every call as written, and a catch clause around a call
     * that only creates the coroutine stays valid in the generated code.
     */
    @Test
    void checkedExceptionsArriveWhereTheCoroutineIsAwaited() {
        JavaFileObject io = TestCompiler.source("io.Io",
                "package io;",
                "import static dev.tulip.Tulip.*;",
                "import dev.tulip.*;",
                "import java.io.IOException;",
                "public class Io {",
                "  @Async static Coroutine<Void> blocker() throws InterruptedException { Thread.sleep(1); await(sleep(0)); return done(); }",
                "  @Async static Coroutine<Integer> read(int x) throws IOException { if (x < 0) throw new IOException(\"neg\"); return done(x); }",
                "  @Async static Coroutine<String> main() {",
                "    String out = \"\";",
                "    try { Coroutine<Integer> c = read(-1); out += \"made \"; await(c); } catch (IOException e) { out += \"caught \" + e.getMessage(); }",
                "    try { await(gather(blocker(), blocker())); } catch (InterruptedException e) { throw new IllegalStateException(e); }",
                "    return done(out);",
                "  }",
                "  public static String run() {",
                "    Coroutine<Void> created = IoAsync.blocker();",
                "    Tulip.runVirtual(created);",
                "    try { Tulip.runVirtual(IoAsync.read(-2)); return \"no exception\"; }",
                "    catch (Exception e) { return Tulip.runVirtual(IoAsync.main()) + \" / \" + e; }",
                "  }",
                "}");
        assertEquals("made caught neg / java.io.IOException: neg", run("io.Io", io));
    }
    /**
     * Local records (compact constructors, static methods, varargs components), enums (constructors,
     * constant bodies) and interfaces (default methods) declared in an {@code @Async} body, with values
     * living across awaits; and local classes declared before an await that capture no local (they
     * reach the receiver's fields and private methods, and the method's type variables). All become
     * members of the state machine; before, each was rejected.
     */
    @Test
    void localTypesAcrossAwaits() {
        JavaFileObject local = TestCompiler.source("local.Local",
                "package local;",
                "import static dev.tulip.Tulip.*;",
                "import dev.tulip.*;",
                "import java.util.*;",
                "public class Local {",
                "  int base = 10;",
                "  private int secret() { return 5; }",
                "  @Async static Coroutine<String> types() {",
                "    record Point(int x, int y) {",
                "      Point { if (x < 0) throw new IllegalArgumentException(\"neg\"); }",
                "      int sum() { return x + y; }",
                "      static Point origin() { return new Point(0, 0); }",
                "    }",
                "    enum Color { RED, GREEN(\"g\") { @Override String code() { return \"G!\"; } }, BLUE;",
                "      private final String c;",
                "      Color() { this(\"x\"); }",
                "      Color(String c) { this.c = c; }",
                "      String code() { return c; }",
                "    }",
                "    interface Shape { double area(); default String describe() { return \"area \" + area(); } }",
                "    record Sq(double side) implements Shape { public double area() { return side * side; } }",
                "    record Tags(String... tags) {}",
                "    Point p = new Point(1, 2);",
                "    await(sleep(0));",
                "    List<Point> ps = new ArrayList<>(List.of(p, Point.origin()));",
                "    Color c = Color.GREEN;",
                "    await(sleep(0));",
                "    Shape s = new Sq(3);",
                "    String err;",
                "    try { new Point(-1, 0); err = \"none\"; } catch (IllegalArgumentException e) { err = e.getMessage(); }",
                "    await(sleep(0));",
                "    return done(p + \" \" + p.sum() + \" \" + ps + \" \" + c + c.code() + Color.RED.code() + \" \" + s.describe()",
                "        + \" \" + err + \" \" + new Tags(\"a\", \"b\").tags().length);",
                "  }",
                "  @Async Coroutine<String> inst(int k) {",
                "    class Acc { int total; void add(int v) { total += v + base + secret(); } }",
                "    Acc a = new Acc();",
                "    a.add(k);",
                "    await(sleep(0));",
                "    a.add(2);",
                "    return done(\"inst \" + a.total);",
                "  }",
                "  @Async static <T> Coroutine<String> gen(T t) {",
                "    class Box { T v; Box(T v) { this.v = v; } public String toString() { return \"Box(\" + v + \")\"; } }",
                "    Box b = new Box(t);",
                "    await(sleep(0));",
                "    return done(b + \" \" + new Box(t));",
                "  }",
                "  @Async static Coroutine<String> main() {",
                "    return done(await(types()) + \" / \" + await(new Local().inst(1)) + \" \" + await(gen(\"x\")));",
                "  }",
                "  public static String run() { return Tulip.runVirtual(LocalAsync.main()); }",
                "}");
        assertEquals("Point[x=1, y=2] 3 [Point[x=1, y=2], Point[x=0, y=0]] GREENG!x area 9.0 neg 2 / inst 33 Box(x) Box(x)",
                run("local.Local", local));
    }
    /**
     * Generic classes with private parts, as commons-collections4 writes them (corpus findings F4, F5):
     * a private inner class of a generic class ({@code AbstractInputCheckedMapDecorator.EntrySet}), a
     * private static generic nested class ({@code StaticBucketMap.Node<K, V>}), a private constructor of a
     * generic class ({@code UnmodifiableMap}). The companion's static helpers printed the classes' type
     * variables undeclared; they now declare their own, and a class object whose spelling has type
     * variables is a {@code Class<?>}, a cast through it casting again.
     */
    @Test
    void privatePartsOfGenericClasses() {
        JavaFileObject box = TestCompiler.source("gen.Box",
                "package gen;",
                "import static dev.tulip.Tulip.*;",
                "import dev.tulip.*;",
                "import java.util.*;",
                "public class Box<K> {",
                "  private final class Wrapper extends ArrayList<K> { Wrapper(List<K> items) { super(items); } }",
                "  private static final class Node<A, B> extends AbstractMap.SimpleEntry<A, B> { Node(A a, B b) { super(a, b); } }",
                "  @Async public Coroutine<List<K>> wrap(List<K> items) {",
                "    await(sleep(0));",
                "    Object w = new Wrapper(items);",
                "    return done((Wrapper) w);",
                "  }",
                "  @Async static <A, B> Coroutine<Map.Entry<A, B>> node(A a, B b) { await(sleep(0)); return done(new Node<>(a, b)); }",
                "  public static String run() {",
                "    return runVirtual(BoxAsync.wrap(new Box<String>(), List.of(\"a\", \"b\"))) + \" \"",
                "        + runVirtual(BoxAsync.node(\"a\", 1)) + \" \" + runVirtual(Frozen.of(List.of(\"c\")));",
                "  }",
                "}");
        JavaFileObject frozen = TestCompiler.source("gen.Frozen",
                "package gen;",
                "import static dev.tulip.Tulip.*;",
                "import dev.tulip.*;",
                "import java.util.*;",
                "public final class Frozen<E> extends ArrayList<E> {",
                "  private Frozen(List<? extends E> items) { super(items); }",
                "  @Async static <E> Coroutine<List<E>> make(List<? extends E> items) { await(sleep(0)); return done(new Frozen<>(items)); }",
                "  static <E> Coroutine<List<E>> of(List<? extends E> items) { return FrozenAsync.make(items); }",
                "}");
        assertEquals("[a, b] a=1 [c]", run("gen.Box", box, frozen));
    }
    /**
     * Issue 16's debugging goal: an exception thrown three coroutines deep carries, below the innermost
     * generated frame, a frame for each awaiting coroutine in the user's own lines (method and the line
     * of its await), innermost first, as a synchronous stack would.
     */
    @Test
    void stackTracesShowTheAwaitChainInTheUsersLines() {
        JavaFileObject stack = TestCompiler.source("stack.Stack",
                "package stack;",                                                  // 1
                "import static dev.tulip.Tulip.*;",                                // 2
                "import dev.tulip.*;",                                             // 3
                "public class Stack {",                                            // 4
                "  @Async static Coroutine<Integer> parse(String s) {",            // 5
                "    await(sleep(0));",                                            // 6
                "    return done(Integer.parseInt(s));",                           // 7
                "  }",                                                             // 8
                "  @Async static Coroutine<Integer> load(String s) {",             // 9
                "    int x = await(parse(s));",                                    // 10
                "    return done(x + 1);",                                         // 11
                "  }",                                                             // 12
                "  @Async static Coroutine<Integer> main() {",                     // 13
                "    await(sleep(0));",                                            // 14
                "    return done(await(load(\"nope\")));",                         // 15
                "  }",                                                             // 16
                "  public static String run() {",
                "    try { Tulip.runVirtual(StackAsync.main()); return \"no exception\"; }",
                "    catch (NumberFormatException e) {",
                "      StringBuilder out = new StringBuilder();",
                "      for (StackTraceElement f : e.getStackTrace()) {",
                "        if (f.getClassName().startsWith(\"stack.\")) out.append(f.getClassName()).append('.')",
                "            .append(f.getMethodName()).append(':').append(f.getLineNumber() > 0 ? \"\" + f.getLineNumber() : \"?\")",
                "            .append(f.getFileName().equals(\"Stack.java\") ? \"\" : \"(generated)\").append(' ');",
                "      }",
                "      return out.toString().replaceAll(\"StackAsync.java:\\\\d+\", \"\").replaceAll(\":\\\\d+\\\\(generated\\\\)\", \":N(generated)\").trim();",
                "    }",
                "  }",
                "}");
        assertEquals("stack.StackAsync$Parse.resume:N(generated) stack.Stack.load:10 stack.Stack.main:15 stack.Stack.run:18",
                run("stack.Stack", stack));
    }
    /**
     * Corpus finding F7 (lang3's ExtendedMessageFormat): private constants used as {@code case} labels,
     * and in other constant contexts, are written as their values (javac inlines them too); a getter
     * call is not a constant expression.
     */
    @Test
    void privateConstantsInConstantContexts() {
        JavaFileObject quote = TestCompiler.source("fmt.Quote",
                "package fmt;",
                "import static dev.tulip.Tulip.*;",
                "import dev.tulip.*;",
                "public class Quote {",
                "  private static final char QUOTE = '\\'';",
                "  private static final String BRACE = \"{\\n\";",
                "  private static final int NEG = -1;",
                "  private static final long BIG = 1L << 40;",
                "  @Async static Coroutine<String> kind(char c, String s, int n) {",
                "    await(sleep(0));",
                "    String a;",
                "    switch (c) { case QUOTE: a = \"quote\"; break; default: a = \"other\"; }",
                "    String b = switch (s) { case BRACE -> \"brace\"; default -> \"text\"; };",
                "    return done(a + \" \" + b + \" \" + (-NEG) + \" \" + (n - NEG) + \" \" + (BIG >> 40) + \" \" + Quote.BRACE.length());",
                "  }",
                "  public static String run() { return Tulip.runVirtual(QuoteAsync.kind('\\'', \"{\\n\", 1)); }",
                "}");
        assertEquals("quote brace 1 2 1 2", run("fmt.Quote", quote));
    }
}
