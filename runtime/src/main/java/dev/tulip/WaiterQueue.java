package dev.tulip;

/**
 * The FIFO of tasks waiting on a synchronisation primitive or a queue: asyncio's {@code deque} of
 * waiter futures, made intrusive so that a cancelled waiter leaves it in O(1) without allocation.
 *
 * <p>A waiter in the queue is either pending or <em>woken</em> (done with a result, its task not yet
 * resumed). A waiter that is cancelled unlinks itself at once: asyncio keeps cancelled futures in its
 * deques until their coroutine's {@code finally} runs, but every reader skips them ({@code
 * fut.cancelled()} / {@code fut.done()} checks), so dropping them early is the same behaviour.
 *
 * <p>Loop-thread only, like the primitives that use it.
 */
final class WaiterQueue {
    private Waiter head;
    private Waiter tail;
    private int size;

    /** The future a waiting task is suspended on; it unlinks itself from its queue when cancelled. */
    static final class Waiter extends AsyncFuture<Object> {
        Waiter previous;
        Waiter next;
        /** The queue this waiter is linked in, or null. */
        WaiterQueue queue;

        Waiter(EventLoop loop) {
            super(loop);
        }

        @Override
        public boolean cancel(String message) {
            if (!super.cancel(message)) {
                return false;
            }
            WaiterQueue q = queue;
            if (q != null) {
                q.remove(this);
            }
            return true;
        }

        /**
         * Wakes the waiting task if the waiter is still pending.
         *
         * @return true if it was pending (and is now woken)
         */
        boolean wake(Object value) {
            if (done()) {
                return false;
            }
            setResult(value);
            return true;
        }

        @Override
        public String toString() {
            return "<Waiter [" + statusName() + "]>";
        }
    }

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }

    /** The oldest waiter, or null; follow {@link Waiter#next} to iterate. */
    Waiter first() {
        return head;
    }

    void add(Waiter w) {
        if (w.queue != null) {
            throw new IllegalStateException(w + " is already queued");
        }
        w.queue = this;
        w.previous = tail;
        w.next = null;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        size++;
    }

    /** Removes the waiter if it is in this queue; does nothing otherwise (asyncio's remove in a finally). */
    void remove(Waiter w) {
        if (w.queue != this) {
            return;
        }
        Waiter p = w.previous;
        Waiter n = w.next;
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.previous = p;
        }
        w.previous = null;
        w.next = null;
        w.queue = null;
        size--;
    }

    /** Removes and returns the oldest waiter, or null. */
    Waiter poll() {
        Waiter w = head;
        if (w != null) {
            remove(w);
        }
        return w;
    }

    /**
     * Pops waiters until one is still pending and wakes it: asyncio's {@code Queue._wakeup_next}.
     *
     * @return true if a waiter was woken
     */
    boolean wakeNext() {
        Waiter w;
        while ((w = poll()) != null) {
            if (w.wake(null)) {
                return true;
            }
        }
        return false;
    }

    /** Pops every waiter, waking those still pending. */
    void wakeAllAndClear() {
        Waiter w;
        while ((w = poll()) != null) {
            w.wake(null);
        }
    }
}
