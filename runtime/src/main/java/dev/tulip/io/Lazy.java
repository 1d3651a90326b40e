package dev.tulip.io;

import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import java.util.function.Supplier;

/** A coroutine that starts an operation when first resumed (so on the loop) and awaits its future. */
final class Lazy<T> extends Coroutine<T> {
    private final String name;
    private Supplier<? extends Awaitable<T>> start;

    Lazy(String name, Supplier<? extends Awaitable<T>> start) {
        this.name = name;
        this.start = start;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
        if (thrown != null) {
            throw thrown;
        }
        if (state == 0) {
            state = 1;
            Supplier<? extends Awaitable<T>> s = start;
            start = null;
            return s.get();
        }
        return complete((T) sent);
    }

    @Override
    protected String name() {
        return name;
    }
}
