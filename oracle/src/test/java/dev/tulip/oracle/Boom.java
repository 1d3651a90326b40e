package dev.tulip.oracle;

/** The exception random programs raise (Python's {@code class Boom(Exception)}). */
public final class Boom extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates one.
     *
     * @param message its message
     */
    public Boom(String message) {
        super(message);
    }
}
