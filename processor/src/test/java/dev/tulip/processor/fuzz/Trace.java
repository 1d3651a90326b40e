package dev.tulip.processor.fuzz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a fuzzed program records as it runs: the values it logs, in order. Every program receives one
 * and logs through it only, so two executions of the same source (plain Java and a Tulip state
 * machine) must produce identical traces. Exceptions are recorded with their class, message,
 * suppressed exceptions and cause.
 */
public final class Trace {
    private static final int MAX_LINES = 20_000;
    private final List<String> lines = new ArrayList<>();
    private volatile boolean sealed;

    /** Records one line: the parts, formatted and joined by spaces. */
    public void log(Object... parts) {
        StringBuilder b = new StringBuilder();
        for (Object p : parts) {
            if (b.length() > 0) {
                b.append(' ');
            }
            b.append(fmt(p));
        }
        add(b.toString());
    }

    /** No more lines: what runs after the end of a run (abandoned reference generators) is not traced. */
    void seal() {
        sealed = true;
    }

    void add(String line) {
        if (sealed) {
            return;
        }
        if (lines.size() >= MAX_LINES) {
            throw new IllegalStateException("trace too long: the generator produced a runaway program");
        }
        lines.add(line);
    }

    /** Logs a value and returns it: makes the evaluation order of operands visible. */
    public int v(String tag, int x) {
        log(tag, x);
        return x;
    }

    public long v(String tag, long x) {
        log(tag, x);
        return x;
    }

    public boolean b(String tag, boolean x) {
        log(tag, x);
        return x;
    }

    public String s(String tag, String x) {
        log(tag, x);
        return x;
    }

    /** Throws {@link Boom} when {@code cond} holds. */
    public void boom(boolean cond, String msg) {
        if (cond) {
            log("throw", msg);
            throw new Boom(msg);
        }
    }

    /** Throws the checked {@link CheckedBoom} when {@code cond} holds. */
    public void check(boolean cond, String msg) throws CheckedBoom {
        if (cond) {
            log("throw", msg);
            throw new CheckedBoom(msg);
        }
    }

    /**
     * A fresh monitor for {@code synchronized}: a shared one would deadlock the reference world, where a
     * generator body runs on its own thread while its consumer may hold the monitor.
     */
    public Object monitor() {
        return new Object();
    }

    /** Its argument, as an Object (for instanceof patterns). */
    public Object obj(Object o) {
        return o;
    }

    /** Returns {@code e}: {@code throw t.pass(e)} reads {@code t} after the awaits before the throw. */
    public <E extends Throwable> E pass(E e) {
        return e;
    }

    /** A new cell, logged: a receiver whose evaluation is visible. */
    public Cell cell(String tag, int v) {
        log(tag, "cell", v);
        return new Cell(this, tag, v);
    }

    public List<String> lines() {
        return lines;
    }

    public static String fmt(Object o) {
        if (o instanceof Throwable) {
            return describe((Throwable) o);
        }
        if (o instanceof int[]) {
            return Arrays.toString((int[]) o);
        }
        if (o instanceof Cell) {
            return "Cell(" + ((Cell) o).v + ")";
        }
        return String.valueOf(o);
    }

    /** Class, message, suppressed exceptions and cause: what must agree between executions. */
    public static String describe(Throwable e) {
        String message = e.getMessage();
        if (message != null && message.contains("<generator ")) {
            // a Tulip generator is named Class.method, a reference one method
            message = message.replaceAll("<generator [\\w$]+\\.", "<generator ");
        }
        StringBuilder b = new StringBuilder(e.getClass().getSimpleName()).append('(').append(message).append(')');
        Throwable[] sup = e.getSuppressed();
        if (sup.length > 0) {
            b.append("{suppressed:");
            for (Throwable s : sup) {
                b.append(' ').append(describe(s));
            }
            b.append('}');
        }
        if (e.getCause() != null && e.getCause() != e) {
            b.append("<-").append(describe(e.getCause()));
        }
        return b.toString();
    }
}
