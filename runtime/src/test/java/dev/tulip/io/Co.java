package dev.tulip.io;

import dev.tulip.Awaitable;
import dev.tulip.Coroutine;

/**
 * A test coroutine written as a step function: step {@code n} gets the value of the await that step
 * {@code n - 1} returned, and returns the next awaitable or {@code co.finish(value)}. Exceptions at an
 * await propagate (tests that expect them catch them outside, from the task's result).
 */
final class Co<T> extends Coroutine<T> {
    interface Body<T> {
        Awaitable<?> step(Co<T> co, int n, Object sent) throws Throwable;
    }

    private final Body<T> body;

    private Co(Body<T> body) {
        this.body = body;
    }

    static <T> Co<T> of(Body<T> body) {
        return new Co<>(body);
    }

    Awaitable<?> finish(T value) {
        return complete(value);
    }

    @Override
    protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
        if (thrown != null) {
            throw thrown;
        }
        return body.step(this, state++, sent);
    }
}
