package dev.tulip;

/**
 * Proof of an acquisition, released by {@link #close()}: what {@link Lock#acquire()},
 * {@link Semaphore#acquire()} and {@link Condition#acquire()} produce. It is the Java form of
 * Python's {@code async with lock:}
 *
 * <pre>{@code
 * try (var held = await(lock.acquire())) {    // async with lock:
 *     ...                                      //     ...
 * }                                            // lock.release()
 * }</pre>
 *
 * <p>Each primitive hands out one preallocated token, so acquiring allocates nothing; closing the token
 * simply calls the primitive's {@code release()}. Like Python's locks, tokens are not owned: closing
 * one twice releases twice (which a {@link Lock} rejects, since it is not locked any more).
 *
 * <p>javac's {@code -Xlint:try} warns when the resource variable is not used in the block; annotate
 * the method with {@code @SuppressWarnings("try")}, or write Python's explicit form
 * {@code await(lock.acquire()); try { ... } finally { lock.release(); }}.
 */
public interface Held extends AutoCloseable {
    /**
     * Releases what was acquired (the primitive's {@code release()}).
     *
     * @throws IllegalStateException if the primitive refuses the release (a lock that is not locked, a
     *     bounded semaphore released too many times)
     */
    @Override
    void close();
}
