package dev.tulip.corpus;

import dev.tulip.Coroutine;
import dev.tulip.Tulip;

/**
 * How an asyncified library's entry points run their coroutines: to completion on a fresh virtual-time loop.
 *
 * <p>A loop cannot run inside another (Python's rule, kept by {@link Tulip#run}), so an entry point called
 * while one of its thread's coroutines runs (from a lambda, or a {@code toString()} in a string concatenation
 * inside an asyncified method) runs the original body it keeps instead; {@link #nested()} tells which.
 */
public final class Sync {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private Sync() {}

    /**
     * Whether an entry point of this thread is running a coroutine.
     *
     * @return true inside {@link #run}
     */
    public static boolean nested() {
        return DEPTH.get()[0] > 0;
    }

    /**
     * Runs a coroutine to completion on a fresh virtual-time loop.
     *
     * @param coroutine the asyncified method's coroutine
     * @param <T> its result type
     * @return its result (its exception is thrown as it is)
     */
    public static <T> T run(Coroutine<T> coroutine) {
        int[] depth = DEPTH.get();
        depth[0]++;
        try {
            return Tulip.runVirtual(coroutine);
        } finally {
            depth[0]--;
        }
    }
}
