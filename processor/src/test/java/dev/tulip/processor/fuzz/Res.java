package dev.tulip.processor.fuzz;

/** A resource that logs when it is opened and closed, and can fail on close. */
public final class Res implements AutoCloseable {
    private final Trace t;
    private final String name;
    private final boolean failOnClose;

    public Res(Trace t, String name, boolean failOnClose) {
        this.t = t;
        this.name = name;
        this.failOnClose = failOnClose;
        t.log("open", name);
    }

    public String id() {
        return name;
    }

    @Override
    public void close() {
        t.log("close", name);
        if (failOnClose) {
            throw new Boom("close " + name);
        }
    }
}
