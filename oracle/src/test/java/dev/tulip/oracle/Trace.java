package dev.tulip.oracle;

import dev.tulip.AsyncFuture;
import dev.tulip.BrokenBarrierError;
import dev.tulip.CancelledError;
import dev.tulip.EventLoop;
import dev.tulip.ExceptionGroup;
import dev.tulip.Task;
import dev.tulip.TimeoutError;
import dev.tulip.Tulip;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * What generated Java programs log, formatted exactly as the Python side's prelude in
 * {@code oracle.py}: {@code <virtual microseconds> <task name> <event>}.
 */
public final class Trace {
    /** The lines of the program running now. */
    static final List<String> LINES = new ArrayList<>();

    private Trace() {
    }

    /**
     * Logs an event of the current task.
     *
     * @param text the event
     */
    public static void log(String text) {
        long micros = Math.round(EventLoop.running().time() * 1e6);
        LINES.add(micros + " " + Tulip.currentTask().name() + " " + text);
    }

    /**
     * Always true: lets a generated {@code throw} or block sit where javac wants reachable code.
     *
     * @return true
     */
    public static boolean always() {
        return true;
    }

    /**
     * An exception as the Python side prints it ({@code kind(e)}).
     *
     * @param e the exception
     * @return for example {@code Boom:w1}, {@code CancelledError:m2}, {@code ExceptionGroup[Boom:w1]}
     */
    public static String kind(Throwable e) {
        if (e instanceof ExceptionGroup g) {
            List<String> kinds = new ArrayList<>();
            for (Throwable x : g.exceptions()) {
                kinds.add(kind(x));
            }
            kinds.sort(null);
            return "ExceptionGroup[" + String.join(",", kinds) + "]";
        }
        if (e instanceof TimeoutError) {
            return "TimeoutError";
        }
        if (e instanceof BrokenBarrierError) {
            return "BrokenBarrierError";
        }
        String name = e instanceof CancelledError ? "CancelledError" : e.getClass().getSimpleName();
        return name + ":" + (e.getMessage() == null ? "" : e.getMessage());
    }

    /**
     * A value as the Python side prints it ({@code show(v)}).
     *
     * @param v the value
     * @return its text
     */
    public static String show(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof Throwable t) {
            return kind(t);
        }
        if (v instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object x : list) {
                parts.add(show(x));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return String.valueOf(v);
    }

    /**
     * The sorted names of tasks ({@code names(tasks)}).
     *
     * @param futures tasks
     * @return {@code [w0, w2]}
     */
    public static String names(Collection<? extends AsyncFuture<?>> futures) {
        List<String> names = new ArrayList<>();
        for (AsyncFuture<?> f : futures) {
            names.add(((Task<?>) f).name());
        }
        names.sort(null);
        return "[" + String.join(", ", names) + "]";
    }
}
