package dev.tulip;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link Tulip#wait(java.util.Collection, double, ReturnWhen) wait(...)} produces: Python's
 * {@code (done, pending)} pair of sets.
 *
 * <p>Both sets are unmodifiable and iterate in the order the awaitables were given (Python's sets have
 * no useful order; Tulip's are deterministic). A coroutine passed to {@code wait} appears as the task
 * that was created for it.
 *
 * @param done the futures that are done (with a result, an exception, or cancelled)
 * @param pending the futures still pending when {@code wait} returned
 * @param <T> the result type of the futures
 */
public record WaitResult<T>(Set<AsyncFuture<T>> done, Set<AsyncFuture<T>> pending) {
    /**
     * Wraps the two sets, keeping their iteration order.
     *
     * @param done the futures that are done
     * @param pending the futures that are not
     */
    public WaitResult {
        done = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(done, "done")));
        pending = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(pending, "pending")));
    }

    /**
     * Describes the result by its futures.
     *
     * @return for example {@code <WaitResult done=[...] pending=[...]>}
     */
    @Override
    public String toString() {
        return "<WaitResult done=" + done + " pending=" + pending + ">";
    }
}
