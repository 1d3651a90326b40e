package dev.tulip;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks: Python's {@code asyncio.Condition}.
 *
 * <p>Tasks holding the condition's lock wait for a notification with {@link #waitNotified()} (which
 * releases the lock while waiting and takes it back before returning), or for a predicate with
 * {@link #waitFor}. Another task holding the lock wakes them with {@link #notifyWaiters(int)} or
 * {@link #notifyAllWaiters()}. Python's {@code wait}, {@code notify} and {@code notify_all} are renamed
 * because {@link Object#wait()}, {@link Object#notify()} and {@link Object#notifyAll()} are final in
 * Java:
 *
 * <pre>{@code
 * try (var held = await(cond.acquire())) {        // async with cond:
 *     await(cond.waitFor(() -> !items.isEmpty()));    // await cond.wait_for(lambda: items)
 *     take(items);
 * }
 * ...
 * try (var held = await(cond.acquire())) {        // async with cond:
 *     items.add(x);
 *     cond.notifyWaiters();                           // cond.notify()
 * }
 * }</pre>
 *
 * <p>As in Python 3.13, {@code waitNotified()} always holds the lock again when it ends, even when the
 * task is cancelled while waiting for it; and a task that is cancelled after being notified passes
 * the notification on to another waiter (which may then see a spurious wake-up, allowed by the
 * condition-variable protocol: re-check the state, or use {@code waitFor}).
 *
 * <p>Not thread-safe: use it from its loop's thread only.
 */
public final class Condition extends LoopBound {
    private final Lock lock;
    private final WaiterQueue waiters = new WaiterQueue();

    /** Creates a condition with a new {@link Lock}; Python's {@code Condition()}. */
    public Condition() {
        this(new Lock());
    }

    /**
     * Creates a condition over an existing lock; Python's {@code Condition(lock)}.
     *
     * @param lock the underlying lock
     */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /**
     * Acquires the underlying lock; see {@link Lock#acquire()}.
     *
     * @return an awaitable producing the lock's {@link Held} token
     */
    public Awaitable<Held> acquire() {
        return lock.acquire();
    }

    /**
     * Releases the underlying lock; see {@link Lock#release()}.
     *
     * @throws IllegalStateException if the lock is not locked
     */
    public void release() {
        lock.release();
    }

    /**
     * Tells whether the underlying lock is held.
     *
     * @return true if locked
     */
    public boolean locked() {
        return lock.locked();
    }

    /**
     * Releases the lock, waits until notified, then re-acquires the lock; Python's
     * {@code await cond.wait()}. The lock must be held when the coroutine is awaited. It may return
     * spuriously, so re-check the state afterwards (or use {@link #waitFor}).
     *
     * @return a coroutine producing true
     */
    public Coroutine<Boolean> waitNotified() {
        return new Wait(this);
    }

    /**
     * Waits until a predicate is true, evaluating it with the lock held, first right away and then
     * after each notification; Python's {@code await cond.wait_for(predicate)}.
     *
     * @param predicate the condition to wait for
     * @return a coroutine producing true (the predicate's final value)
     */
    public Coroutine<Boolean> waitFor(BooleanSupplier predicate) {
        return new WaitFor(this, Objects.requireNonNull(predicate, "predicate"));
    }

    /**
     * Wakes one waiting task, if any; Python's {@code notify()}. The caller must hold the lock, and the
     * woken task returns from its wait only once it can take the lock back.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void notifyWaiters() {
        notifyWaiters(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks; Python's {@code notify(n)}.
     *
     * @param n how many tasks to wake at most
     * @throws IllegalStateException if the lock is not held
     */
    public void notifyWaiters(int n) {
        checkThread("Condition.notify");
        if (!lock.locked()) {
            throw new IllegalStateException("cannot notify on un-acquired lock");
        }
        notifyUpTo(n);
    }

    /**
     * Wakes every waiting task; Python's {@code notify_all()}.
     *
     * @throws IllegalStateException if the lock is not held
     */
    public void notifyAllWaiters() {
        notifyWaiters(Integer.MAX_VALUE);
    }

    /** Wakes up to n pending waiters, without the lock check: asyncio's {@code _notify}. */
    void notifyUpTo(int n) {
        int woken = 0;
        for (WaiterQueue.Waiter w = waiters.first(); w != null && woken < n; w = w.next) {
            if (w.wake(Boolean.FALSE)) {
                woken++;
            }
        }
    }

    /**
     * Describes the condition as Python does: {@code <Condition [locked, waiters:1]>}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        String extra = lock.locked() ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Condition [" + extra + "]>";
    }

    /**
     * <pre>{@code
     * @Async Coroutine<Boolean> waitNotified() {
     *     if (!locked()) throw new IllegalStateException("cannot wait on un-acquired lock");
     *     Waiter fut = new Waiter(boundLoop());
     *     release();
     *     try {
     *         try {
     *             waiters.add(fut);
     *             try {
     *                 await(fut);
     *                 return done(true);
     *             } finally {
     *                 waiters.remove(fut);
     *             }
     *         } finally {
     *             CancelledError err = null;       // the lock must be held again, even if cancelled
     *             for (;;) {
     *                 try {
     *                     await(lock.acquire());
     *                     break;
     *                 } catch (CancelledError e) {
     *                     err = e;
     *                 }
     *             }
     *             if (err != null) throw err;
     *         }
     *     } catch (Throwable t) {
     *         notifyUpTo(1);                       // we may have been notified: pass it on
     *         throw t;
     *     }
     * }
     * }</pre>
     */
    private static final class Wait extends Coroutine<Boolean> {
        private final Condition cond;
        private WaiterQueue.Waiter fut;
        /** What leaves the inner try: null (return true) or the exception from the wait. */
        private Throwable pending;
        private CancelledError err;

        Wait(Condition cond) {
            this.cond = cond;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            Condition c = cond;
            for (;;) {
                switch (state) {
                    case 0:
                        if (thrown != null) {
                            throw thrown;
                        }
                        if (!c.lock.locked()) {
                            throw new IllegalStateException("cannot wait on un-acquired lock");
                        }
                        fut = new WaiterQueue.Waiter(c.boundLoop());
                        c.lock.release();
                        c.waiters.add(fut);
                        state = 1;
                        return fut;
                    case 1: // after await(fut)
                        c.waiters.remove(fut);
                        fut = null;
                        pending = thrown;
                        thrown = null;
                        state = 2;
                        continue;
                    case 2: // re-acquire loop
                        state = 3;
                        return c.lock.acquire();
                    case 3:
                        if (thrown instanceof CancelledError) {
                            err = (CancelledError) thrown;
                            thrown = null;
                            state = 2;
                            continue;
                        }
                        state = 4;
                        Throwable out = thrown != null ? thrown : err != null ? err : pending;
                        pending = null;
                        err = null;
                        if (out != null) {
                            c.notifyUpTo(1);
                            throw out;
                        }
                        return complete(Boolean.TRUE);
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }

        @Override
        protected String name() {
            return "Condition.waitNotified";
        }
    }

    /**
     * <pre>{@code
     * @Async Coroutine<Boolean> waitFor(BooleanSupplier predicate) {
     *     boolean result = predicate.getAsBoolean();
     *     while (!result) {
     *         await(waitNotified());
     *         result = predicate.getAsBoolean();
     *     }
     *     return done(result);
     * }
     * }</pre>
     */
    private static final class WaitFor extends Coroutine<Boolean> {
        private final Condition cond;
        private final BooleanSupplier predicate;

        WaitFor(Condition cond, BooleanSupplier predicate) {
            this.cond = cond;
            this.predicate = predicate;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            if (state > 1) {
                throw new IllegalStateException("resumed in state " + state);
            }
            if (predicate.getAsBoolean()) {
                state = 2;
                return complete(Boolean.TRUE);
            }
            state = 1;
            return cond.waitNotified();
        }

        @Override
        protected String name() {
            return "Condition.waitFor";
        }
    }
}
