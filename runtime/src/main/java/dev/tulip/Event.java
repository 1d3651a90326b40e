package dev.tulip;

/**
 * A flag that tasks can wait for: Python's {@code asyncio.Event}.
 *
 * <p>The flag starts false. {@link #set()} makes it true and wakes every waiting task;
 * {@link #clear()} makes it false again; {@link #waitUntilSet()} waits until it is true (at once if it
 * already is). Python's {@code wait()} is named {@code waitUntilSet()} here because
 * {@link Object#wait()} is final in Java:
 *
 * <pre>{@code
 * await(ready.waitUntilSet());     // await ready.wait()
 * }</pre>
 *
 * <p>An event may be created outside any loop; it binds to the running loop the first time a task
 * waits on it. Not thread-safe: to set it from another thread, go through
 * {@code loop.callSoonThreadsafe(event::set)}.
 */
public final class Event extends LoopBound {
    private boolean value;
    private final WaiterQueue waiters = new WaiterQueue();

    /** Creates an event whose flag is false; no loop is needed. */
    public Event() {
    }

    /**
     * Tells whether the flag is true; Python's {@code is_set()}.
     *
     * @return the flag
     */
    public boolean isSet() {
        return value;
    }

    /**
     * Sets the flag and wakes every task waiting for it; tasks that wait afterwards do not wait at all.
     * Python's {@code set()}.
     */
    public void set() {
        checkThread("Event.set");
        if (!value) {
            value = true;
            for (WaiterQueue.Waiter w = waiters.first(); w != null; w = w.next) {
                w.wake(Boolean.TRUE);
            }
        }
    }

    /** Clears the flag: later waiters wait until the next {@link #set()}. Python's {@code clear()}. */
    public void clear() {
        checkThread("Event.clear");
        value = false;
    }

    /**
     * Waits until the flag is true; Python's {@code await event.wait()}. Like Python's coroutine, it
     * checks the flag when it is awaited, not when it is called.
     *
     * @return a coroutine producing true once the flag is set
     */
    public Coroutine<Boolean> waitUntilSet() {
        return new Wait(this);
    }

    /**
     * Describes the event as Python does: {@code <Event [unset, waiters:1]>}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        String extra = value ? "set" : "unset";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return "<Event [" + extra + "]>";
    }

    /**
     * <pre>{@code
     * @Async Coroutine<Boolean> waitUntilSet() {
     *     if (value) return done(true);
     *     Waiter fut = new Waiter(boundLoop());
     *     waiters.add(fut);
     *     try {
     *         await(fut);
     *         return done(true);
     *     } finally {
     *         waiters.remove(fut);
     *     }
     * }
     * }</pre>
     */
    private static final class Wait extends Coroutine<Boolean> {
        private final Event event;
        private WaiterQueue.Waiter fut;

        Wait(Event event) {
            this.event = event;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            Event e = event;
            switch (state) {
                case 0:
                    if (thrown != null) {
                        throw thrown;
                    }
                    if (e.value) {
                        return complete(Boolean.TRUE);
                    }
                    fut = new WaiterQueue.Waiter(e.boundLoop());
                    e.waiters.add(fut);
                    state = 1;
                    return fut;
                case 1:
                    state = 2;
                    e.waiters.remove(fut);
                    fut = null;
                    if (thrown != null) {
                        throw thrown;
                    }
                    return complete(Boolean.TRUE);
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        @Override
        protected String name() {
            return "Event.waitUntilSet";
        }
    }
}
