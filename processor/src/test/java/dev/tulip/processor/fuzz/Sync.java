package dev.tulip.processor.fuzz;

/**
 * The reference world's awaitable: a value (or a failure) computed when awaited. In a reference
 * class, {@code await(Sync)} is a plain static method that calls {@link #get()}, so the very same
 * source text that suspends in an {@code @Async} method runs synchronously there.
 */
public final class Sync<T> {
    /** A computation that may throw anything, checked exceptions included. */
    public interface Body<T> {
        T run() throws Throwable;
    }

    private final Body<T> body;

    private Sync(Body<T> body) {
        this.body = body;
    }

    public static <T> Sync<T> of(T value) {
        return new Sync<>(() -> value);
    }

    public static <T> Sync<T> lazy(Body<T> body) {
        return new Sync<>(body);
    }

    /** Runs the computation; exceptions (checked ones too) propagate unwrapped. */
    public T get() {
        try {
            return body.run();
        } catch (Throwable e) {
            throw Sync.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> E sneaky(Throwable e) throws E {
        throw (E) e;
    }
}
