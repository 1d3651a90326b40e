package dev.tulip;

import java.util.NoSuchElementException;

/**
 * Raised by {@link Generator#next()}, {@link Generator#send send} and {@link Generator#throwInto
 * throwInto} when the generator has no further value: Python's {@code StopIteration}.
 *
 * <p>As in Python, the exception raised by the call during which the generator's body returns carries
 * its return value ({@link #value()}); calls made after that raise one with a null value (the value
 * stays available from {@link Generator#returnValue()}). It extends
 * {@link NoSuchElementException}, so {@code next()} keeps the {@link java.util.Iterator} contract.
 *
 * <p>A generator body that lets a {@code StopIteration} escape (for instance from calling
 * {@code next()} on an exhausted inner generator) would end its caller's loop by accident; as in Python
 * (PEP 479), the generator raises an {@link IllegalStateException} "generator raised StopIteration"
 * instead, with the original as its cause.
 */
public class StopIteration extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    /** The return value; transient since it need not be serializable. */
    private final transient Object value;

    /** Creates a StopIteration without a value. */
    public StopIteration() {
        this(null);
    }

    /**
     * Creates a StopIteration carrying a generator's return value.
     *
     * @param value the return value, or null
     */
    public StopIteration(Object value) {
        super(value == null ? null : String.valueOf(value));
        this.value = value;
    }

    /**
     * The generator's return value: Python's {@code StopIteration.value}.
     *
     * @param <R> the type the caller expects
     * @return the value given to the generator's final {@code return}, or null
     */
    @SuppressWarnings("unchecked")
    public <R> R value() {
        return (R) value;
    }
}
