package dev.tulip;

/**
 * Small hand-written coroutines used by the runtime. They follow the state-machine contract exactly
 * as generated code does (see {@code docs/contract.md}).
 */
final class Coroutines {
    private Coroutines() {
    }

    /** A coroutine that completes at once with a value: what {@code done(value)} returns at run time. */
    static <T> Coroutine<T> completed(T value) {
        return new Completed<>(value);
    }

    /** A coroutine that awaits an awaitable and returns its result: lets any awaitable become a task. */
    static <T> Coroutine<T> awaiting(Awaitable<T> awaitable) {
        return new Awaiting<>(awaitable);
    }

    private static final class Completed<T> extends Coroutine<T> {
        private final T value;

        Completed(T value) {
            this.value = value;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            return complete(value);
        }

        @Override
        protected String name() {
            return "done";
        }
    }

    private static final class Awaiting<T> extends Coroutine<T> {
        private Awaitable<T> awaitable;

        Awaiting(Awaitable<T> awaitable) {
            this.awaitable = awaitable;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0:
                    state = 1;
                    Awaitable<T> a = awaitable;
                    awaitable = null;
                    return a;
                case 1:
                    if (thrown != null) {
                        throw thrown;
                    }
                    return complete((T) sent);
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        @Override
        protected String name() {
            return "await";
        }
    }
}
