package dev.tulip.internal;

/**
 * Restores, in generated code, the checked exceptions an {@code @Async} method declares.
 *
 * <p>A companion's factory declares no exceptions: creating a coroutine runs none of its code, so the
 * exceptions can only arrive where it is awaited or run, and plain code creating one must not be made
 * to catch them. Inside a state machine, though, a call that the user wrote inside a {@code try} must
 * still let its {@code catch} clauses be valid Java (a catch of a checked exception that nothing in
 * the {@code try} declares does not compile), exactly as in the user's source, which javac checked as
 * written. Generated code therefore writes such a call {@code Declared.<X>raising().value(factory(...))}:
 * an identity that declares {@code X}. It allocates nothing.
 *
 * @param <X> the exception declared
 */
public final class Declared<X extends Throwable> {
    private static final Declared<?> INSTANCE = new Declared<>();

    private Declared() {
    }

    /**
     * The declaration of {@code X}.
     *
     * @param <X> the exception the next {@link #value} declares
     * @return the one instance
     */
    @SuppressWarnings("unchecked")
    public static <X extends Throwable> Declared<X> raising() {
        return (Declared<X>) INSTANCE;
    }

    /**
     * Returns its argument, declaring {@code X}.
     *
     * @param value what the factory created
     * @param <T> its type
     * @return {@code value}
     * @throws X never: only declared
     */
    public <T> T value(T value) throws X {
        return value;
    }
}
