package dev.tulip;

/**
 * A scope whose exit is awaited and may translate the exception leaving it: Python's asynchronous
 * context manager protocol ({@code __aexit__}). TaskGroup and timeout(...)
 * are such scopes.
 *
 * <p>In an {@link Async @Async} method, a try-with-resources over an {@code AsyncContextManager}
 * follows Python's {@code async with}, not Java's suppressed-exception rule:
 *
 * <pre>{@code
 * try (var tg = new TaskGroup()) {     // the resource expression is the "enter"
 *     tg.createTask(work());
 * }
 * }</pre>
 *
 * is compiled as: run the block, catching what leaves it as {@code pending} (null when it ends
 * normally, or by return, break or continue); then {@code boolean swallow = await(tg.aexit(pending))};
 * if {@code aexit} fails, its exception propagates instead; otherwise {@code pending} propagates unless
 * {@code swallow} is true, and a return, break or continue resumes.
 *
 * It extends {@link AutoCloseable} only so that javac accepts it in a try-with-resources; its
 * {@link #close()} must not be called directly.
 */
public interface AsyncContextManager extends AutoCloseable {
    /**
     * Exits the scope; Python's {@code __aexit__}.
     *
     * @param pending the exception leaving the block, or null
     * @return an awaitable producing true to swallow {@code pending}; failing it replaces {@code pending}
     */
    Awaitable<Boolean> aexit(Throwable pending);

    /**
     * Not for direct use: the scope is exited by awaiting {@link #aexit}, which Tulip's processor does
     * for try-with-resources in {@code @Async} methods.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    default void close() {
        throw new UnsupportedOperationException("An AsyncContextManager is exited with await(aexit(pending)): use it in"
                + " a try-with-resources inside an @Async method, where Tulip does that for you");
    }
}
