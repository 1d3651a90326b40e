package dev.tulip.processor.fuzz;

/** A mutable object with a public field: receivers, {@code new} arguments and field compound assignments. */
public final class Cell {
    private final Trace t;
    private final String name;
    public int v;

    public Cell(Trace t, String name, int v) {
        this.t = t;
        this.name = name;
        this.v = v;
        t.log("new", name, v);
    }

    /** Logs and returns {@code v + x}. */
    public int plus(int x) {
        t.log(name, "plus", v, x);
        return v + x;
    }

    /** Adds to the field, logs, returns this. */
    public Cell add(int x) {
        v += x;
        t.log(name, "add", x, "=", v);
        return this;
    }

    public int get() {
        return v;
    }
}
