package dev.tulip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Several exceptions raised together: Python's {@code ExceptionGroup}. A {@link TaskGroup} raises one
 * when some of its tasks (or its body) failed, with every failure in {@link #exceptions()}, in the
 * order they happened.
 *
 * <p>Each exception of the group is also attached as a {@linkplain #getSuppressed() suppressed}
 * exception, so that stack traces printed by Java show all of them.
 *
 * <pre>{@code
 * try (var tg = new TaskGroup()) {
 *     tg.createTask(fetch("a"));
 *     tg.createTask(fetch("b"));
 * } catch (ExceptionGroup eg) {
 *     for (Throwable e : eg.exceptions()) { ... }
 * }
 * }</pre>
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The message without the count, as given. */
    private final String bareMessage;
    /** The exceptions of the group, in order. */
    private final List<Throwable> exceptions;

    /**
     * Creates a group.
     *
     * @param message what the group is about, as Python's first argument
     * @param exceptions the exceptions, in order; must not be empty
     * @throws IllegalArgumentException if {@code exceptions} is empty
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(describe(message, exceptions), null, true, true);
        this.bareMessage = message;
        List<Throwable> copy = new ArrayList<>(exceptions.size());
        for (Throwable e : exceptions) {
            copy.add(Objects.requireNonNull(e, "exception"));
        }
        this.exceptions = Collections.unmodifiableList(copy);
        for (Throwable e : copy) {
            if (e != this) {
                addSuppressed(e);
            }
        }
    }

    private static String describe(String message, List<? extends Throwable> exceptions) {
        Objects.requireNonNull(exceptions, "exceptions");
        if (exceptions.isEmpty()) {
            throw new IllegalArgumentException("an ExceptionGroup needs at least one exception");
        }
        int n = exceptions.size();
        return message + " (" + n + " sub-exception" + (n == 1 ? "" : "s") + ")";
    }

    /**
     * The exceptions of the group, in order; Python's {@code eg.exceptions}.
     *
     * @return an unmodifiable list
     */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    /**
     * The message given at creation, without the count of sub-exceptions; Python's {@code eg.message}.
     *
     * @return the message
     */
    public String message() {
        return bareMessage;
    }
}
