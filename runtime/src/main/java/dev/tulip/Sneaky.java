package dev.tulip;

/** Rethrows any throwable without declaring it, as Python raises any exception. */
final class Sneaky {
    private Sneaky() {
    }

    /**
     * Throws {@code t} unchanged; the declared return lets callers write {@code throw Sneaky.raise(t)}
     * so that the compiler sees the control flow end.
     */
    static RuntimeException raise(Throwable t) {
        return Sneaky.<RuntimeException>doRaise(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E doRaise(Throwable t) throws E {
        throw (E) t;
    }
}
