package dev.tulip.processor.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Everyday API use for the fuzzer (issue 13): statements and member declarations written once and
 * compiled in both worlds. Member texts hold three markers that {@link #world} replaces: {@code #ASYNC}
 * ({@code @Async} in the Tulip class, nothing in the reference), {@code #CO<} ({@code Coroutine<} or
 * {@code Sync<}) and {@code #OUTER} (the enclosing top-level class's name). In the reference world a
 * member "coroutine" runs when called, which is when the Tulip one runs too: every call is the
 * operand of an {@code await}.
 *
 * <p>What it covers, one switch of {@link ProgramGenerator.Features} each: JDK types whose public
 * members are declared in non-public bases ({@code StringBuilder}/{@code StringBuffer} over
 * {@code AbstractStringBuilder}, {@code ConcurrentHashMap} views), user classes that use protected
 * members of JDK superclasses ({@code ByteArrayOutputStream.buf/count}, {@code AbstractList.modCount},
 * {@code FilterInputStream.in}, {@code Writer.lock}, {@code Object.clone()}), inner classes with
 * {@code @Async} methods reading the enclosing instance, records with compact constructors, a library
 * in another package ({@link #LIBRARY}: a package-private base under a public final class, a generic
 * public base with protected members), and the forms the processor rejects today (local types, bound
 * method references to {@code @Async} methods, a nested type named like a state machine).
 */
final class Catalogue {
    /** The library package: compiled with every batch, the same in both worlds. */
    static final String LIB = "fuzzlib";

    /** Sources of the library, by qualified name. */
    static final Map<String, String> LIBRARY = new LinkedHashMap<>();

    static {
        LIBRARY.put(LIB + ".CounterBase", "package " + LIB + ";\n\n"
                + "/** Package-private: its public members are reached through {@link Counter} only. */\n"
                + "abstract class CounterBase {\n"
                + "    protected int total;\n"
                + "    int adds;\n\n"
                + "    public int total() {\n        return total;\n    }\n\n"
                + "    public void add(int v) {\n        total += v;\n        adds++;\n    }\n\n"
                + "    public int adds() {\n        return adds;\n    }\n\n"
                + "    public String describe() {\n"
                + "        return getClass().getSimpleName() + \"(\" + total + \"/\" + adds + \")\";\n    }\n"
                + "}\n");
        LIBRARY.put(LIB + ".Counter", "package " + LIB + ";\n\n"
                + "/** The public face of a package-private base. */\n"
                + "public final class Counter extends CounterBase {\n"
                + "    public Counter self() {\n        return this;\n    }\n"
                + "}\n");
        LIBRARY.put(LIB + ".ThingRoot", "package " + LIB + ";\n\n"
                + "/** Package-private root with a protected field, inherited through a public class. */\n"
                + "abstract class ThingRoot {\n"
                + "    protected int depth = 1;\n\n"
                + "    public int depth() {\n        return depth;\n    }\n"
                + "}\n");
        LIBRARY.put(LIB + ".AbstractThing", "package " + LIB + ";\n\n"
                + "/** A generic library base whose state subclasses use directly. */\n"
                + "public abstract class AbstractThing<T> extends ThingRoot {\n"
                + "    protected T value;\n"
                + "    protected int uses;\n"
                + "    protected final java.util.List<T> seen = new java.util.ArrayList<>();\n\n"
                + "    protected AbstractThing(T value) {\n        this.value = value;\n    }\n\n"
                + "    protected T touch(T v) {\n        uses++;\n        seen.add(v);\n        return v;\n    }\n\n"
                + "    protected static int twice(int x) {\n        return 2 * x;\n    }\n\n"
                + "    public T value() {\n        return value;\n    }\n\n"
                + "    public abstract String describe();\n"
                + "}\n");
    }

    /** Replaces the markers for one world. */
    static String world(String text, boolean tulip, String outer) {
        if (text.indexOf('#') < 0) {
            return text;
        }
        return text.replace("#ASYNC ", tulip ? "@Async " : "").replace("#CO<", tulip ? "Coroutine<" : "Sync<")
                .replace("#OUTER", outer);
    }

    /** What a method generator offers a catalogue statement. */
    interface Site {
        boolean awaits();

        boolean instance();

        String fresh(String prefix);

        String awaitable();
    }

    private final Random r;
    private final ProgramGenerator.Features f;
    private final String id;
    /** Member declarations (with markers) by key, each declared once per program. */
    final Map<String, String> members = new LinkedHashMap<>();

    Catalogue(Random r, ProgramGenerator.Features f, String id) {
        this.r = r;
        this.f = f;
        this.id = id;
    }

    /** Is any entry switched on? (If not, the generator draws nothing for the catalogue.) */
    boolean any() {
        return f.jdkBuilders || f.concurrentMaps || f.protectedJdkMembers || f.innerClasses || f.records
                || f.libraryHierarchy || f.localTypes || f.boundMethodRefs || f.nameCapture || f.asyncRecordMethods;
    }

    /** The lines of one self-contained block, or null if no entry fits here. */
    List<String> block(Site s) {
        List<String> out = new ArrayList<>();
        List<java.util.function.Consumer<List<String>>> entries = new ArrayList<>();
        if (f.jdkBuilders) {
            entries.add(o -> builder(s, o));
        }
        if (f.concurrentMaps) {
            entries.add(o -> map(s, o));
        }
        if (f.records) {
            entries.add(o -> record(s, o));
        }
        if (f.libraryHierarchy) {
            entries.add(o -> counter(s, o));
        }
        if (s.awaits()) {
            if (f.protectedJdkMembers) {
                entries.add(o -> protectedUser(s, o));
            }
            if (f.innerClasses) {
                entries.add(o -> inner(s, o));
            }
            if (f.libraryHierarchy) {
                entries.add(o -> thing(s, o));
            }
            if (f.localTypes) {
                entries.add(o -> localType(s, o));
            }
            if (f.boundMethodRefs) {
                entries.add(o -> boundRef(s, o));
            }
            if (f.nameCapture) {
                entries.add(o -> nameCapture(s, o));
            }
            if (f.asyncRecordMethods) {
                entries.add(o -> asyncRecord(s, o));
            }
        }
        if (entries.isEmpty()) {
            return null;
        }
        out.add("{");
        entries.get(r.nextInt(entries.size())).accept(out);
        out.add("}");
        return out;
    }

    /** An int operand: awaited when awaits are allowed here. */
    private String aw(Site s, int v) {
        return s.awaits() && r.nextInt(3) != 0 ? "await(" + s.awaitable() + "(" + v + "))" : String.valueOf(v);
    }

    private void shuffleInto(List<String> out, List<String> pool, int min) {
        int n = min + r.nextInt(Math.max(1, pool.size() - min + 1));
        for (int i = 0; i < n && !pool.isEmpty(); i++) {
            out.add("    " + pool.remove(r.nextInt(pool.size())));
        }
    }

    // ------------------------------------------------------------------ JDK types with non-public bases

    private void builder(Site s, List<String> out) {
        String ty = r.nextBoolean() ? "StringBuilder" : "StringBuffer";
        String sb = s.fresh("sb");
        String tag = s.fresh("SB");
        out.add("    " + ty + " " + sb + " = new " + ty + "(\"ab\");");
        List<String> pool = new ArrayList<>(List.of(
                sb + ".append(" + aw(s, 3) + ").append('c');",
                "t.log(\"" + tag + "\", " + sb + ".length(), " + sb + ".charAt(" + aw(s, 1) + "));",
                sb + ".setLength(" + aw(s, 2) + ");",
                "t.log(\"" + tag + "\", " + sb + ".reverse().toString(), " + sb + ".chars().sum() + " + aw(s, 1) + ");",
                "t.log(\"" + tag + "\", " + sb + ".append(\"q\").append(" + aw(s, 5) + ").length());",
                "t.log(\"" + tag + "\", " + sb + ".insert(0, " + aw(s, 9) + ").indexOf(\"a\"), " + sb
                        + ".lastIndexOf(\"q\"));",
                sb + ".setCharAt(" + aw(s, 0) + ", 'z');",
                "t.log(\"" + tag + "\", " + sb + ".chars().filter(ch -> ch > 'b').count(), " + sb
                        + ".codePointAt(0) + " + aw(s, 0) + ");",
                "t.log(\"" + tag + "\", " + sb + ".subSequence(0, " + aw(s, 2) + "), " + sb + ".compareTo(new " + ty
                        + "(\"zz\")) < 0, " + sb + ".capacity() >= " + sb + ".length());",
                sb + ".deleteCharAt(" + aw(s, 0) + ").append(\"xy\");",
                "int " + s.fresh("n") + " = " + sb + ".length() + " + aw(s, 1) + ";"));
        shuffleInto(out, pool, 2);
        out.add("    t.log(\"" + tag + "\", " + sb + ".toString(), " + sb + ".length());");
    }

    private void map(Site s, List<String> out) {
        String m = s.fresh("cm");
        String tag = s.fresh("CM");
        String k = s.fresh("ck");
        out.add("    java.util.concurrent.ConcurrentHashMap<Integer, String> " + m
                + " = new java.util.concurrent.ConcurrentHashMap<>();");
        out.add("    " + m + ".put(1, \"a\");");
        out.add("    " + m + ".put(2, \"b\");");
        List<String> pool = new ArrayList<>(List.of(
                m + ".put(" + aw(s, 1) + ", \"a\" + " + aw(s, 2) + ");",
                m + ".merge(" + aw(s, 1) + ", \"m\", String::concat);",
                "t.log(\"" + tag + "\", new TreeSet<>(" + m + ".keySet()), " + m + ".keySet().contains(" + aw(s, 2) + "));",
                "t.log(\"" + tag + "\", new TreeSet<>(" + m + ".values()), " + m + ".values().size() + " + aw(s, 0) + ");",
                "java.util.concurrent.ConcurrentHashMap.KeySetView<Integer, String> " + k + "v = " + m
                        + ".keySet(\"d\"); " + k + "v.add(" + aw(s, 7) + "); t.log(\"" + tag + "\", " + m + ".get(7), "
                        + k + "v.getMappedValue(), " + k + "v.size());",
                "for (Integer " + k + " : new TreeSet<>(" + m + ".keySet())) { t.log(\"" + tag + "\", " + k + ", "
                        + m + ".get(" + k + ") + " + aw(s, 0) + "); }",
                "Collection<String> " + k + "s = " + m + ".values(); " + m + ".put(" + aw(s, 3) + ", \"c\"); t.log(\""
                        + tag + "\", " + k + "s.contains(\"c\"), " + m + ".mappingCount());",
                "t.log(\"" + tag + "\", " + m + ".keySet().stream().mapToInt(Integer::intValue).sum() + " + aw(s, 1)
                        + ");",
                m + ".computeIfAbsent(" + aw(s, 4) + ", " + k + "x -> \"v\" + " + k + "x);"));
        shuffleInto(out, pool, 2);
        out.add("    t.log(\"" + tag + "\", new TreeMap<>(" + m + "));");
    }

    // ------------------------------------------------------------------ records

    private void record(Site s, List<String> out) {
        String type = id + "Pt";
        members.computeIfAbsent("record", key -> (r.nextBoolean() ? "private " : "") + "record " + type
                + "(int x, String tag) {\n"
                + "    " + type + " {\n"
                + "        if (x < 0) {\n"
                + "            throw new IllegalArgumentException(\"negative \" + x);\n"
                + "        }\n"
                + "        tag = tag.toUpperCase(java.util.Locale.ROOT);\n"
                + "    }\n\n"
                + "    int twice() {\n        return x * 2;\n    }\n"
                + "}\n");
        String p = s.fresh("pt");
        String tag = s.fresh("PT");
        out.add("    " + type + " " + p + " = new " + type + "(" + aw(s, 3) + ", \"a\" + " + aw(s, 1) + ");");
        List<String> pool = new ArrayList<>(List.of(
                "t.log(\"" + tag + "\", " + p + ", " + p + ".x() + " + aw(s, 2) + ", " + p + ".tag(), " + p
                        + ".twice());",
                type + " " + p + "b = new " + type + "(" + p + ".x(), " + p + ".tag().toLowerCase(java.util.Locale.ROOT));"
                        + " t.log(\"" + tag + "\", " + p + ".equals(" + p + "b), " + p + ".hashCode() == " + p
                        + "b.hashCode());",
                "try { t.log(\"" + tag + "\", new " + type + "(" + aw(s, -1) + ", \"n\")); } catch"
                        + " (IllegalArgumentException " + p + "e) { t.log(\"" + tag + "\", " + p + "e.getMessage()); }",
                "List<" + type + "> " + p + "l = new ArrayList<>(); " + p + "l.add(" + p + "); " + p + "l.add(new "
                        + type + "(" + aw(s, 1) + ", \"z\")); t.log(\"" + tag + "\", " + p + "l, " + p + "l.get(1).x());",
                "if (t.obj(" + p + ") instanceof " + type + " " + p + "q && " + p + "q.x() > " + aw(s, 0) + ") { t.log(\""
                        + tag + "\", " + p + "q.tag()); }"));
        shuffleInto(out, pool, 1);
    }

    private void asyncRecord(Site s, List<String> out) {
        String type = id + "Pair";
        members.computeIfAbsent("asyncRecord", key -> "record " + type + "(int a, int b) {\n"
                + "    #ASYNC #CO<Integer> sum(Trace t) {\n"
                + "        int s = a + await(later(b));\n"
                + "        t.log(\"pair\", this, s);\n"
                + "        return done(s + b());\n"
                + "    }\n\n"
                + "    #ASYNC static #CO<" + type + "> of(Trace t, int v) {\n"
                + "        return done(new " + type + "(v, await(later(v + 1))));\n"
                + "    }\n"
                + "}\n");
        String tag = s.fresh("PR");
        out.add("    t.log(\"" + tag + "\", await(new " + type + "(1, " + aw(s, 2) + ").sum(t)), await(" + type + ".of(t, "
                + aw(s, 3) + ")));");
    }

    // ------------------------------------------------------------------ a library in another package

    private void counter(Site s, List<String> out) {
        String c = s.fresh("ct");
        String tag = s.fresh("CT");
        out.add("    " + LIB + ".Counter " + c + " = new " + LIB + ".Counter();");
        List<String> pool = new ArrayList<>(List.of(
                c + ".add(" + aw(s, 2) + ");",
                "t.log(\"" + tag + "\", " + c + ".total() + " + aw(s, 1) + ", " + c + ".self().adds());",
                c + ".self().add(" + aw(s, 3) + ");",
                "int " + c + "n = " + c + ".total(); " + c + "n += " + aw(s, 1) + "; " + c + ".add(" + c + "n);",
                "t.log(\"" + tag + "\", " + c + ".describe(), " + c + ".self().total() * " + aw(s, 2) + ");"));
        shuffleInto(out, pool, 2);
        out.add("    t.log(\"" + tag + "\", " + c + ".describe());");
    }

    private void thing(Site s, List<String> out) {
        String type = id + "Thing";
        members.computeIfAbsent("thing", key -> "static final class " + type + " extends " + LIB
                + ".AbstractThing<String> {\n"
                + "    " + type + "(String v) {\n        super(v);\n    }\n\n"
                + "    @Override\n"
                + "    public String describe() {\n"
                + "        return value + \"/\" + uses + \"/\" + depth + \"/\" + seen;\n"
                + "    }\n\n"
                + "    #ASYNC #CO<String> tick(Trace t, int n) {\n"
                + "        for (int i = 0; i < n; i++) {\n"
                + "            uses += await(later(1));\n"
                + "            value = value + touch(\"x\" + await(later(i)));\n"
                + "        }\n"
                + "        depth = depth + await(later(2));\n"
                + "        t.log(\"thing\", value, uses, depth, seen, twice(uses), this.value.length());\n"
                + "        java.util.List<String> mine = seen;\n"
                + "        String before = value;\n"
                + "        await(pause());\n"
                + "        t.log(\"thing\", mine.size(), before, super.value(), depth());\n"
                + "        return done(describe());\n"
                + "    }\n"
                + "}\n");
        String tag = s.fresh("TH");
        String v = s.fresh("th");
        if (r.nextBoolean()) {
            out.add("    t.log(\"" + tag + "\", await(new " + type + "(\"t\").tick(t, " + aw(s, 2) + ")));");
        } else {
            out.add("    " + type + " " + v + " = new " + type + "(\"u\");");
            out.add("    String " + v + "s = await(" + v + ".tick(t, " + aw(s, 1) + "));");
            out.add("    t.log(\"" + tag + "\", " + v + "s, " + v + ".value(), " + v + ".depth(), await(" + v
                    + ".tick(t, 1)));");
        }
    }

    // ------------------------------------------------------------------ protected members of JDK classes

    private void protectedUser(Site s, List<String> out) {
        String tag = s.fresh("PU");
        String v = s.fresh("pu");
        switch (r.nextInt(4)) {
            case 0: {
                String type = id + "Bytes";
                members.computeIfAbsent("bytes", key -> "static final class " + type
                        + " extends java.io.ByteArrayOutputStream implements Cloneable {\n"
                        + "    #ASYNC #CO<Integer> fill(Trace t, int n) {\n"
                        + "        for (int i = 0; i < n; i++) {\n"
                        + "            write(await(later(65 + i)));\n"
                        + "        }\n"
                        + "        t.log(\"bytes\", count, buf[0], size(), toString());\n"
                        + "        byte[] mine = buf;\n"
                        + "        count = await(later(count > 1 ? count - 1 : count));\n"
                        + "        t.log(\"bytes\", mine == buf, count, new String(buf, 0, count,"
                        + " java.nio.charset.StandardCharsets.US_ASCII));\n"
                        + "        try {\n"
                        + "            " + type + " copy = (" + type + ") clone();\n"
                        + "            copy.count = await(later(0));\n"
                        + "            t.log(\"bytes\", copy.size(), size(), copy.buf == buf);\n"
                        + "        } catch (CloneNotSupportedException e) {\n"
                        + "            t.log(\"bytes\", e);\n"
                        + "        }\n"
                        + "        return done(count + buf.length);\n"
                        + "    }\n"
                        + "}\n");
                out.add("    " + type + " " + v + " = new " + type + "();");
                out.add("    t.log(\"" + tag + "\", await(" + v + ".fill(t, " + aw(s, 3) + ")), " + v + ".size());");
                break;
            }
            case 1: {
                String type = id + "List";
                members.computeIfAbsent("list", key -> "static final class " + type
                        + " extends java.util.AbstractList<Integer> implements Cloneable {\n"
                        + "    private java.util.ArrayList<Integer> items = new java.util.ArrayList<>();\n\n"
                        + "    @Override\n    public Integer get(int i) {\n        return items.get(i);\n    }\n\n"
                        + "    @Override\n    public int size() {\n        return items.size();\n    }\n\n"
                        + "    @Override\n    public void add(int i, Integer v) {\n        items.add(i, v);\n"
                        + "        modCount++;\n    }\n\n"
                        + "    #ASYNC #CO<Integer> grow(Trace t, int n) {\n"
                        + "        int before = modCount;\n"
                        + "        for (int i = 0; i < n; i++) {\n"
                        + "            add(await(later(i * 3)));\n"
                        + "            modCount += await(later(1));\n"
                        + "        }\n"
                        + "        t.log(\"list\", modCount - before, size(), this.modCount, this);\n"
                        + "        try {\n"
                        + "            " + type + " c = (" + type + ") super.clone();\n"
                        + "            c.items = new java.util.ArrayList<>(items);\n"
                        + "            c.add(await(later(99)));\n"
                        + "            t.log(\"list\", c, c.modCount, modCount, equals(c));\n"
                        + "        } catch (CloneNotSupportedException e) {\n"
                        + "            t.log(\"list\", e);\n"
                        + "        }\n"
                        + "        return done(modCount + Math.floorMod(hashCode(), 7));\n"
                        + "    }\n"
                        + "}\n");
                out.add("    " + type + " " + v + " = new " + type + "();");
                out.add("    int " + v + "g = await(" + v + ".grow(t, " + aw(s, 2) + "));");
                out.add("    t.log(\"" + tag + "\", " + v + "g, " + v + ".size(), await(" + v + ".grow(t, 1)), " + v + ");");
                break;
            }
            case 2: {
                String type = id + "In";
                members.computeIfAbsent("in", key -> "static final class " + type
                        + " extends java.io.FilterInputStream {\n"
                        + "    " + type + "(int... data) {\n"
                        + "        super(new java.io.ByteArrayInputStream(bytes(data)));\n"
                        + "    }\n\n"
                        + "    static byte[] bytes(int... data) {\n"
                        + "        byte[] b = new byte[data.length];\n"
                        + "        for (int i = 0; i < b.length; i++) {\n"
                        + "            b[i] = (byte) data[i];\n"
                        + "        }\n"
                        + "        return b;\n"
                        + "    }\n\n"
                        + "    #ASYNC #CO<Integer> drain(Trace t) {\n"
                        + "        int sum = 0;\n"
                        + "        try {\n"
                        + "            int b;\n"
                        + "            while ((b = in.read()) >= 0) {\n"
                        + "                sum += b * await(later(2));\n"
                        + "            }\n"
                        + "            java.io.InputStream raw = in;\n"
                        + "            in = new java.io.ByteArrayInputStream(bytes(await(later(5)), 6));\n"
                        + "            t.log(\"in\", raw.available(), available(), raw == in);\n"
                        + "            sum += read() + in.read();\n"
                        + "        } catch (java.io.IOException e) {\n"
                        + "            t.log(\"in\", e);\n"
                        + "        }\n"
                        + "        return done(sum);\n"
                        + "    }\n"
                        + "}\n");
                out.add("    t.log(\"" + tag + "\", await(new " + type + "(1, " + aw(s, 2) + ", 3).drain(t)));");
                break;
            }
            default: {
                String type = id + "Out";
                members.computeIfAbsent("out", key -> "static final class " + type + " extends java.io.Writer {\n"
                        + "    private final StringBuilder sb = new StringBuilder();\n\n"
                        + "    @Override\n    public void write(char[] c, int off, int len) {\n"
                        + "        sb.append(c, off, len);\n    }\n\n"
                        + "    @Override\n    public void write(String s) {\n        sb.append(s);\n    }\n\n"
                        + "    @Override\n    public void flush() {\n        sb.append('|');\n    }\n\n"
                        + "    @Override\n    public void close() {\n        sb.append('.');\n    }\n\n"
                        + "    #ASYNC #CO<Integer> emit(Trace t, int n) {\n"
                        + "        Object held = lock;\n"
                        + "        for (int i = 0; i < n; i++) {\n"
                        + "            write(\"v\" + await(later(i)));\n"
                        + "            synchronized (lock) {\n"
                        + "                sb.append(',');\n"
                        + "            }\n"
                        + "        }\n"
                        + "        flush();\n"
                        + "        t.log(\"out\", sb, held == lock, lock == this);\n"
                        + "        return done(sb.length());\n"
                        + "    }\n"
                        + "}\n");
                out.add("    " + type + " " + v + " = new " + type + "();");
                out.add("    t.log(\"" + tag + "\", await(" + v + ".emit(t, " + aw(s, 2) + ")));");
                out.add("    " + v + ".close();");
                break;
            }
        }
    }

    // ------------------------------------------------------------------ inner classes

    private void inner(Site s, List<String> out) {
        String inner = id + "Inner";
        members.computeIfAbsent("inner", key -> "int " + id + "ox = 10;\n"
                + "int " + id + "oz = 5;\n\n"
                + "final class " + inner + " {\n"
                + "    int " + id + "iy = 1;\n"
                + "    int " + id + "ox = 100;\n\n"
                + "    #ASYNC #CO<Integer> sum(Trace t, int k) {\n"
                + "        int a = " + id + "iy + await(later(k));\n"
                + "        int b = #OUTER.this." + id + "ox + await(later(1));\n"
                + "        int c = " + id + "ox + " + id + "oz;\n"
                + "        #OUTER.this." + id + "ox += await(later(2));\n"
                + "        " + id + "ox += 1;\n"
                + "        " + id + "oz++;\n"
                + "        t.log(\"inner\", a, b, c, #OUTER.this." + id + "ox, " + id + "ox, " + id + "oz);\n"
                + "        return done(a + b + c);\n"
                + "    }\n\n"
                + "    final class " + inner + "Deeper {\n"
                + "        int " + id + "iy = 1000;\n\n"
                + "        #ASYNC #CO<Integer> deep(Trace t) {\n"
                + "            int v = await(later(1)) + " + id + "iy + " + inner + ".this." + id + "iy + #OUTER.this."
                + id + "ox + " + id + "oz + " + id + "ox;\n"
                + "            t.log(\"deeper\", v);\n"
                + "            return done(v);\n"
                + "        }\n"
                + "    }\n"
                + "}\n\n"
                + "#ASYNC #CO<Integer> " + id + "mk(Trace t, int k) {\n"
                + "    " + inner + " in = new " + inner + "();\n"
                + "    int r = await(in.sum(t, k));\n"
                + "    " + inner + "." + inner + "Deeper d = in.new " + inner + "Deeper();\n"
                + "    r += await(d.deep(t));\n"
                + "    r += await(new " + inner + "().sum(t, await(later(1))));\n"
                + "    r += await(this.new " + inner + "().new " + inner + "Deeper().deep(t));\n"
                + "    t.log(\"mk\", r, " + id + "ox, this." + id + "oz);\n"
                + "    return done(r);\n"
                + "}\n");
        String tag = s.fresh("IN");
        if (s.instance()) {
            if (r.nextBoolean()) {
                out.add("    t.log(\"" + tag + "\", await(" + id + "mk(t, " + aw(s, 2) + ")), " + id + "ox);");
            } else {
                String v = s.fresh("in");
                out.add("    " + inner + " " + v + " = new " + inner + "();");
                out.add("    t.log(\"" + tag + "\", await(" + v + ".sum(t, " + aw(s, 1) + ")), " + id + "oz, this." + id
                        + "ox);");
                out.add("    t.log(\"" + tag + "\", await(" + v + ".new " + inner + "Deeper().deep(t)));");
            }
        } else {
            String o = s.fresh("ou");
            out.add("    #OUTER " + o + " = new #OUTER();");
            out.add("    t.log(\"" + tag + "\", await(" + o + "." + id + "mk(t, " + aw(s, 2) + ")), await(" + o + ".new "
                    + inner + "().sum(t, 1)), " + o + "." + id + "ox);");
        }
    }

    // ------------------------------------------------------------------ forms rejected today

    private void localType(Site s, List<String> out) {
        String n = s.fresh("Lt");
        switch (r.nextInt(3)) {
            case 0:
                out.add("    record " + n + "(int a, String b) {}");
                out.add("    " + n + " " + n + "v = new " + n + "(" + aw(s, 2) + ", \"r\");");
                out.add("    t.log(\"" + n + "\", " + n + "v, " + n + "v.a() + " + aw(s, 1) + ");");
                break;
            case 1:
                out.add("    enum " + n + " { A, B, C }");
                out.add("    " + n + " " + n + "v = " + n + ".values()[" + aw(s, 1) + "];");
                out.add("    t.log(\"" + n + "\", " + n + "v, " + n + "v.ordinal() + " + aw(s, 1) + ");");
                break;
            default:
                out.add("    interface " + n + " { int f(int x); }");
                out.add("    " + n + " " + n + "v = x -> x * 2;");
                out.add("    t.log(\"" + n + "\", " + n + "v.f(" + aw(s, 3) + "));");
                break;
        }
    }

    private void boundRef(Site s, List<String> out) {
        members.computeIfAbsent("fetch", key -> "#ASYNC #CO<Integer> " + id + "fetch(Trace t, Integer v) {\n"
                + "    t.log(\"fetch\", v);\n"
                + "    return done(v + await(later(1)));\n"
                + "}\n");
        String fn = s.fresh("fn");
        String recv = s.instance() ? "this" : "new #OUTER()";
        out.add("    BiFunction<Trace, Integer, #CO<Integer>> " + fn + " = " + recv + "::" + id + "fetch;");
        out.add("    t.log(\"" + fn + "\", await(" + fn + ".apply(t, " + aw(s, 2) + ")));");
    }

    private void nameCapture(Site s, List<String> out) {
        String type = Character.toUpperCase(id.charAt(0)) + id.substring(1) + "size";
        members.computeIfAbsent("size", key -> "enum " + type + " { S, M, L }\n\n"
                + "static #ASYNC #CO<Integer> " + id + "size(Trace t, int v) {\n"
                + "    " + type + " z = " + type + ".values()[v % 3];\n"
                + "    await(later(v));\n"
                + "    t.log(\"size\", z);\n"
                + "    return done(z.ordinal());\n"
                + "}\n");
        out.add("    t.log(\"" + s.fresh("SZ") + "\", await(" + id + "size(t, " + aw(s, 4) + ")));");
    }
}
