package dev.tulip;

/**
 * A mutual-exclusion lock for tasks: Python's {@code asyncio.Lock}.
 *
 * <p>Acquisition is fair: tasks that had to wait get the lock in FIFO order, and a newcomer never
 * barges ahead of a task that is waiting or was just woken. The lock is not owned: any task may
 * release it. Use it through the {@link Held} token, the Java form of {@code async with lock:}
 *
 * <pre>{@code
 * static final Lock LOCK = new Lock();         // module level, outside any loop
 * ...
 * try (var held = await(LOCK.acquire())) {     // async with LOCK:
 *     await(criticalSection());
 * }
 * }</pre>
 *
 * <p>An uncontended {@link #acquire()} takes the lock at once and returns an already-done awaitable:
 * awaiting it does not suspend and nothing is allocated. (That is why, unlike Python's coroutine,
 * {@code acquire()} acts when it is called when the lock is free: await its result right away, as
 * {@code await(lock.acquire())} does.) A contended acquire returns a coroutine that queues the task
 * when it is awaited.
 *
 * <p>Cancellation is safe: a waiting task that is cancelled leaves the queue, and one that is cancelled
 * right after being woken passes the wake-up on to the next waiter, so the lock is never leaked and no
 * wake-up is lost (asyncio's bpo-45997 and gh-90155 fixes). A lock may be created outside any loop; it
 * binds to the running loop on its first contended use and then refuses other loops.
 *
 * <p>Not thread-safe: use it from its loop's thread only (checked in debug mode).
 */
public final class Lock extends LoopBound {
    private boolean locked;
    private final WaiterQueue waiters = new WaiterQueue();
    private final Held held = new Token();

    /** Creates an unlocked lock; no loop is needed. */
    public Lock() {
    }

    /**
     * Tells whether the lock is held; Python's {@code locked()}.
     *
     * @return true if some task holds the lock
     */
    public boolean locked() {
        return locked;
    }

    /**
     * Acquires the lock; Python's {@code await lock.acquire()} or {@code async with lock:}. When the lock
     * is free and nobody waits, it is taken at once and the returned awaitable is already done;
     * otherwise the returned coroutine waits for the lock in FIFO order.
     *
     * @return an awaitable producing this lock's {@link Held} token, whose {@code close()} releases it
     */
    public Awaitable<Held> acquire() {
        if (!locked && waiters.isEmpty()) {
            checkThread("Lock.acquire");
            locked = true;
            return ready(held);
        }
        return new Acquire(this);
    }

    /**
     * Releases the lock and wakes the first waiting task, if any; Python's {@code release()}.
     *
     * @throws IllegalStateException if the lock is not locked (Python's {@code RuntimeError})
     */
    public void release() {
        checkThread("Lock.release");
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        locked = false;
        wakeUpFirst();
    }

    /** Makes sure the first waiter will run; a done first waiter is already on its way. */
    private void wakeUpFirst() {
        WaiterQueue.Waiter first = waiters.first();
        if (first != null) {
            first.wake(Boolean.TRUE);
        }
    }

    /**
     * Describes the lock as Python does: {@code <Lock [locked, waiters:2]>}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        String extra = locked ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Lock [" + extra + "]>";
    }

    private final class Token implements Held {
        @Override
        public void close() {
            release();
        }

        @Override
        public String toString() {
            return "<held " + Lock.this + ">";
        }
    }

    /**
     * The contended path of {@link #acquire()}:
     *
     * <pre>{@code
     * @Async Coroutine<Held> acquire() {
     *     if (!locked && waiters.isEmpty()) { locked = true; return done(held); }
     *     Waiter fut = new Waiter(boundLoop());
     *     waiters.add(fut);
     *     try {
     *         try {
     *             await(fut);
     *         } finally {
     *             waiters.remove(fut);
     *         }
     *     } catch (Throwable e) {           // CancelledError: the only one that can occur
     *         if (!locked) wakeUpFirst();   // woken and cancelled at once: pass the wake-up on
     *         throw e;
     *     }
     *     locked = true;
     *     return done(held);
     * }
     * }</pre>
     */
    private static final class Acquire extends Coroutine<Held> {
        private final Lock lock;
        private WaiterQueue.Waiter fut;

        Acquire(Lock lock) {
            this.lock = lock;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            Lock l = lock;
            switch (state) {
                case 0:
                    if (thrown != null) {
                        throw thrown;
                    }
                    if (!l.locked && l.waiters.isEmpty()) {
                        l.locked = true;
                        return complete(l.held);
                    }
                    fut = new WaiterQueue.Waiter(l.boundLoop());
                    l.waiters.add(fut);
                    state = 1;
                    return fut;
                case 1:
                    state = 2;
                    l.waiters.remove(fut);
                    fut = null;
                    if (thrown != null) {
                        if (!l.locked) {
                            l.wakeUpFirst();
                        }
                        throw thrown;
                    }
                    l.locked = true;
                    return complete(l.held);
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        @Override
        protected String name() {
            return "Lock.acquire";
        }
    }
}
