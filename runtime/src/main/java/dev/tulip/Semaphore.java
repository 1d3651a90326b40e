package dev.tulip;

/**
 * A counting semaphore for tasks: Python's {@code asyncio.Semaphore} (3.12 semantics).
 *
 * <p>It holds a counter decremented by each {@link #acquire()} and incremented by each
 * {@link #release()}; the counter never goes below zero: acquiring at zero waits. Waiting tasks get
 * permits in FIFO order, and a newcomer does not barge ahead of tasks that wait or were just woken
 * (gh-90155). Use it through the {@link Held} token, the Java form of {@code async with sem:}
 *
 * <pre>{@code
 * static final Semaphore SEM = new Semaphore(3);
 * ...
 * try (var permit = await(SEM.acquire())) {   // async with SEM:
 *     await(download(url));
 * }
 * }</pre>
 *
 * <p>When a permit is free and nobody waits, {@link #acquire()} takes it at once and returns an
 * already-done awaitable (no suspension, no allocation): await its result right away. A task cancelled
 * while waiting, or right after being handed a permit, gives the permit back to the next waiter.
 *
 * <p>A semaphore may be created outside any loop; it binds to the running loop on its first
 * contended use. Not thread-safe: use it from its loop's thread only (checked in debug mode).
 *
 * @see BoundedSemaphore
 */
public class Semaphore extends LoopBound {
    private int value;
    private final WaiterQueue waiters = new WaiterQueue();
    private final Held permit = new Token();

    /** Creates a semaphore with one permit; Python's {@code Semaphore()}. */
    public Semaphore() {
        this(1);
    }

    /**
     * Creates a semaphore; Python's {@code Semaphore(value)}.
     *
     * @param value the initial number of permits
     * @throws IllegalArgumentException if {@code value} is negative (Python's {@code ValueError})
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0, got " + value);
        }
        this.value = value;
    }

    /**
     * Tells whether {@link #acquire()} would have to wait: no permit is free, or tasks are already
     * waiting (FIFO order must let them go first). Python's {@code locked()}.
     *
     * @return true if an acquire would not complete at once
     */
    public boolean locked() {
        return value == 0 || !waiters.isEmpty();
    }

    /**
     * The number of free permits (Python's private {@code _value}; for diagnostics and tests).
     *
     * @return the counter
     */
    public int value() {
        return value;
    }

    /**
     * Acquires a permit; Python's {@code await sem.acquire()} or {@code async with sem:}. When
     * {@link #locked()} is false the permit is taken at once and the returned awaitable is already done;
     * otherwise the returned coroutine waits in FIFO order.
     *
     * @return an awaitable producing this semaphore's {@link Held} token, whose {@code close()} releases
     */
    public final Awaitable<Held> acquire() {
        if (!locked()) {
            checkThread("Semaphore.acquire");
            value--;
            return ready(permit);
        }
        return new Acquire(this);
    }

    /**
     * Releases a permit, waking the first waiting task if any; Python's {@code release()}.
     *
     * @throws IllegalStateException for a {@link BoundedSemaphore} released more times than acquired
     */
    public void release() {
        checkThread("Semaphore.release");
        value++;
        wakeUpNext();
    }

    /** Hands a permit to the first waiter still pending: asyncio's {@code _wake_up_next}. */
    private boolean wakeUpNext() {
        for (WaiterQueue.Waiter w = waiters.first(); w != null; w = w.next) {
            if (!w.done()) {
                value--;
                w.wake(Boolean.TRUE);
                return true;
            }
        }
        return false;
    }

    /**
     * Describes the semaphore as Python does: {@code <Semaphore [unlocked, value:2]>}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        String extra = locked() ? "locked" : "unlocked, value:" + value;
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<" + getClass().getSimpleName() + " [" + extra + "]>";
    }

    private final class Token implements Held {
        @Override
        public void close() {
            release();
        }

        @Override
        public String toString() {
            return "<permit of " + Semaphore.this + ">";
        }
    }

    /**
     * The contended path of {@link #acquire()}:
     *
     * <pre>{@code
     * @Async Coroutine<Held> acquire() {
     *     if (!locked()) { value--; return done(permit); }
     *     Waiter fut = new Waiter(boundLoop());
     *     waiters.add(fut);
     *     try {
     *         try {
     *             await(fut);                 // wakeUpNext() already took our permit off the counter
     *         } finally {
     *             waiters.remove(fut);
     *         }
     *     } catch (Throwable e) {             // CancelledError
     *         if (fut.done() && !fut.cancelled()) value++;   // handed a permit we will not use
     *         throw e;
     *     } finally {
     *         while (value > 0) {             // newcomers queued behind us: wake as many as allowed
     *             if (!wakeUpNext()) break;
     *         }
     *     }
     *     return done(permit);
     * }
     * }</pre>
     */
    private static final class Acquire extends Coroutine<Held> {
        private final Semaphore sem;
        private WaiterQueue.Waiter fut;

        Acquire(Semaphore sem) {
            this.sem = sem;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            Semaphore s = sem;
            switch (state) {
                case 0:
                    if (thrown != null) {
                        throw thrown;
                    }
                    if (!s.locked()) {
                        s.value--;
                        return complete(s.permit);
                    }
                    fut = new WaiterQueue.Waiter(s.boundLoop());
                    s.waiters.add(fut);
                    state = 1;
                    return fut;
                case 1: {
                    state = 2;
                    WaiterQueue.Waiter f = fut;
                    fut = null;
                    s.waiters.remove(f);
                    if (thrown != null && f.done() && !f.cancelled()) {
                        s.value++;
                    }
                    while (s.value > 0) {
                        if (!s.wakeUpNext()) {
                            break;
                        }
                    }
                    if (thrown != null) {
                        throw thrown;
                    }
                    return complete(s.permit);
                }
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        @Override
        protected String name() {
            return "Semaphore.acquire";
        }
    }
}
