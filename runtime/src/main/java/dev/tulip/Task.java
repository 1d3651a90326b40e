package dev.tulip;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A coroutine scheduled on an event loop: Python's {@code asyncio.Task}. Created by
 * {@link Tulip#createTask createTask} or {@link EventLoop#createTask}; its first step is scheduled
 * with {@code callSoon}, so it starts on a later loop iteration, never inline.
 *
 * <p>A task drives a stack of coroutines: when the running coroutine awaits another coroutine, the task
 * steps the inner one directly (Python's {@code yield from} delegation: no extra task, no trip through
 * the loop), and resumes the outer one with its result when it completes. Awaiting something that is
 * already done continues without suspending. When the innermost coroutine awaits a pending future, the
 * task suspends until the future is done.
 *
 * <p>{@link #cancel()} raises {@link CancelledError} in the coroutine at the await where it is
 * suspended (its {@code catch} and {@code finally} blocks run) and cancels the future it awaits. A task
 * cancelled before its first step never runs its body. The loop keeps every pending task strongly
 * reachable, so a fire-and-forget task is never garbage-collected mid-flight.
 *
 * @param <T> the type of the task's result
 */
public final class Task<T> extends AsyncFuture<T> {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private final int number;
    private String name;
    /**
     * The innermost coroutine of the stack: the one to resume next. The task's own coroutine is the
     * root of this stack (see {@link #getCoro()}); it is not kept in a field of its own, to save 8 bytes
     * per task (a million tasks, 8 MB).
     */
    private Coroutine<?> current;
    /** The future or sleep this task is suspended on, or null. */
    private Object waitingOn;
    private boolean started;
    private boolean mustCancel;
    private String cancelMessage;
    private int cancelRequests;

    /** Neighbours in the loop's list of pending tasks. */
    Task<?> previousPending;
    Task<?> nextPending;

    Task(EventLoop loop, Coroutine<T> coroutine, String name) {
        super(loop);
        Objects.requireNonNull(coroutine, "coroutine");
        if (coroutine.parent != null) {
            throw new IllegalStateException("Cannot wrap " + coroutine + " in a task: it is already awaited or"
                    + " scheduled. A coroutine runs once; call the @Async method again for a new one.");
        }
        this.number = COUNTER.incrementAndGet();
        this.name = name;
        this.current = coroutine;
        coroutine.parent = this;
        if (DebugTracking.enabled) {
            DebugTracking.started(coroutine);
        }
        loop.taskCreated(this);
    }

    /**
     * The task's name: the one given at creation, or {@code Task-N}.
     *
     * @return the name
     */
    public String name() {
        String n = name;
        return n != null ? n : "Task-" + number;
    }

    /**
     * Renames the task.
     *
     * @param name the new name
     */
    public void setName(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * The coroutine this task runs, or null once the task is done (it is released then).
     *
     * @return the coroutine, or null
     */
    @SuppressWarnings("unchecked")
    public Coroutine<T> getCoro() {
        // The root of the stack: parent links run from the innermost coroutine up to the one whose parent
        // is this task. They are never cleared, so this holds even while a step runs and current is stale.
        Coroutine<?> c = current;
        if (c == null) {
            return null;
        }
        Object parent;
        while ((parent = c.parent) != this) {
            c = (Coroutine<?>) parent;
        }
        return (Coroutine<T>) c;
    }

    /**
     * What the task is suspended on: the future or coroutine it awaits, a sleep, or null when it is
     * ready, running, not started or done. For diagnostics (a deadlock report names it).
     *
     * @return the awaited thing, or null
     */
    public Object awaiting() {
        return waitingOn;
    }

    /**
     * Requests cancellation: raises {@link CancelledError} in the coroutine at its current await (at its
     * first step if it has not started). The coroutine may catch it; see {@link CancelledError}.
     *
     * @return false if the task is already done, true otherwise
     */
    @Override
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Requests cancellation with a message carried by the {@link CancelledError}.
     *
     * @param message why, or null
     * @return false if the task is already done, true otherwise
     */
    @Override
    public boolean cancel(String message) {
        loop.checkThread("Task.cancel");
        if (done()) {
            return false;
        }
        cancelRequests++;
        Object w = waitingOn;
        if (w != null && cancelWaited(w, message)) {
            // The awaited thing is cancelled and will wake us with CancelledError.
            return true;
        }
        mustCancel = true;
        cancelMessage = message;
        return true;
    }

    /**
     * How many cancellation requests are pending: {@link #cancel()} calls not yet balanced by
     * {@link #uncancel()}. Used by structured concurrency ({@link TaskGroup}, {@link Tulip#timeout}) to
     * tell their own cancellation from an outside one, as in Python 3.11.
     *
     * @return the number of pending cancellation requests
     */
    public int cancelling() {
        return cancelRequests;
    }

    /**
     * Decrements the count of pending cancellation requests.
     *
     * @return the remaining count
     */
    public int uncancel() {
        if (cancelRequests > 0) {
            cancelRequests--;
            if (cancelRequests == 0) {
                mustCancel = false;
            }
        }
        return cancelRequests;
    }

    /**
     * Tasks are completed by their coroutine only.
     *
     * @param value ignored
     * @throws UnsupportedOperationException always
     */
    @Override
    public void setResult(T value) {
        throw new UnsupportedOperationException("A task's result is what its coroutine returns; use an AsyncFuture"
                + " (EventLoop.createFuture()) for a result set by hand");
    }

    /**
     * Tasks are completed by their coroutine only.
     *
     * @param exception ignored
     * @throws UnsupportedOperationException always
     */
    @Override
    public void setException(Throwable exception) {
        throw new UnsupportedOperationException("A task fails when its coroutine throws; use an AsyncFuture"
                + " (EventLoop.createFuture()) for an exception set by hand");
    }

    /**
     * Describes the task in the style of the seeds: {@code <Task 'tic_tac' [FINISHED] ('Boom!')>}. The
     * status is NEW before the first step, RUNNING until done, then FINISHED, ERROR or CANCELLED.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        String status = done() ? statusName() : started ? "RUNNING" : "NEW";
        String text = outcomeText();
        return "<Task '" + name() + "' [" + status + "]" + (text.isEmpty() ? "" : " (" + text + ")") + ">";
    }

    @Override
    void onSettled() {
        current = null;
        waitingOn = null;
        loop.taskDone(this);
    }

    // ---- the driver ----

    /** One step of the task: run by the loop whenever the task is ready. */
    void step() {
        if (done()) {
            return; // woken after being completed (a stale wake-up): nothing to do
        }
        Object value = null;
        Throwable error = null;
        Object w = waitingOn;
        if (w != null) {
            waitingOn = null;
            if (w instanceof AsyncFuture) {
                AsyncFuture<?> f = (AsyncFuture<?>) w;
                error = f.takeError();
                value = error == null ? f.takeValue() : null;
            } else {
                error = ((Sleep) w).takeError();
            }
        }
        if (mustCancel) {
            mustCancel = false;
            if (!(error instanceof CancelledError)) {
                // Already woken with a cancellation (an earlier cancel() cancelled what we awaited):
                // keep that one, as asyncio's __step does.
                error = CancelledError.raised(cancelMessage);
            }
            value = null;
        }
        if (!started) {
            started = true;
            if (error != null) {
                // Cancelled before its first step: the body never runs.
                finishExceptionally(error);
                return;
            }
        }
        Task<?> previous = loop.enterTask(this);
        try {
            drive(current, value, error);
        } finally {
            loop.leaveTask(previous);
        }
    }

    /**
     * Resumes the coroutine stack until the innermost coroutine suspends on something pending or the
     * outermost one completes. A loop, not recursion: deep await chains use no Java stack.
     */
    private void drive(Coroutine<?> c, Object value, Throwable error) {
        for (;;) {
            Awaitable<?> next;
            try {
                next = c.resume(value, error);
            } catch (Throwable t) {
                Object parent = c.parent; // read first: release() may recycle c (Queue.put/get)
                c.release();
                if (parent == this) {
                    finishExceptionally(t);
                    return;
                }
                c = (Coroutine<?>) parent;
                AsyncFrames.add(t, c);
                value = null;
                error = t;
                continue;
            }
            value = null;
            error = null;
            if (next == Coroutine.COMPLETED) {
                value = c.result;
                c.result = null;
                Object parent = c.parent; // read first: release() may recycle c (Queue.put/get)
                c.release();
                if (parent == this) {
                    finish(value);
                    return;
                }
                c = (Coroutine<?>) parent;
            } else if (next == Suspension.Marker.YIELD) {
                // sleep(0) first: the hottest suspension, told apart by one comparison.
                current = c;
                loop.readyTask(this);
                return;
            } else if (next instanceof Coroutine) {
                Coroutine<?> child = (Coroutine<?>) next;
                if (child instanceof InlineCoroutine && child.parent == null && !DebugTracking.enabled) {
                    // Queue.put with room, Queue.get with an item: done in place, the parent goes on.
                    InlineCoroutine<?> inline = (InlineCoroutine<?>) child;
                    if (inline.tryNow()) {
                        value = inline.result;
                        inline.result = null;
                        inline.recycle();
                        continue;
                    }
                }
                if (child.parent != null) {
                    error = reusedCoroutine(child);
                } else {
                    child.parent = c;
                    if (DebugTracking.enabled) {
                        DebugTracking.started(child);
                    }
                    c = child;
                }
            } else if (next instanceof AsyncFuture) {
                AsyncFuture<?> f = (AsyncFuture<?>) next;
                if (f.done()) {
                    error = f.takeError();
                    value = error == null ? f.takeValue() : null;
                } else if (f.loop != loop || f == this) {
                    error = badFuture(f);
                } else {
                    current = c;
                    waitingOn = f;
                    f.addWaiter(this);
                    if (mustCancel && f.cancel(cancelMessage)) {
                        mustCancel = false;
                    }
                    return;
                }
            } else if (next instanceof Sleep) {
                Sleep s = (Sleep) next;
                if (!s.start(this)) {
                    error = reusedSleep(s);
                } else {
                    current = c;
                    waitingOn = s;
                    if (mustCancel && s.cancelWait(cancelMessage)) {
                        mustCancel = false;
                    }
                    return;
                }
            } else {
                error = unexpected(c, next);
            }
        }
    }

    // The errors of drive(), built out of line: they are rare, and keeping their string building out of
    // drive() keeps the hot loop small for the JIT (drive runs on every resumption).

    private static IllegalStateException reusedCoroutine(Coroutine<?> child) {
        return new IllegalStateException("cannot reuse already awaited coroutine " + child
                + ": a coroutine runs once; call the @Async method again for a new one, or wrap it"
                + " in a task (createTask) to await its result several times");
    }

    private IllegalStateException badFuture(AsyncFuture<?> f) {
        if (f == this) {
            return new IllegalStateException("Task cannot await on itself: " + this);
        }
        return new IllegalStateException("Task " + this + " awaited " + f + ", which belongs to a different event loop");
    }

    private static IllegalStateException reusedSleep(Sleep s) {
        return new IllegalStateException("cannot reuse already awaited " + s + ": call sleep(...) again for a new one");
    }

    private static RuntimeException unexpected(Coroutine<?> c, Awaitable<?> next) {
        if (next == null) {
            return new NullPointerException("await(null) in " + c + ": there is nothing to await");
        }
        return new IllegalStateException("unexpected awaitable " + next);
    }

    private boolean cancelWaited(Object w, String message) {
        if (w instanceof AsyncFuture) {
            return ((AsyncFuture<?>) w).cancel(message);
        }
        return ((Sleep) w).cancelWait(message);
    }

    private void finish(Object value) {
        if (mustCancel) {
            // Cancelled right before the coroutine returned: the cancellation wins, as in asyncio.
            mustCancel = false;
            settle(CANCELLED, cancelMessage);
            return;
        }
        settle(SUCCEEDED, value);
    }

    private void finishExceptionally(Throwable t) {
        if (t instanceof CancelledError) {
            // CPython's Task.__step: super().cancel() without the message; the exception is kept for
            // the first consumer (see AsyncFuture.makeCancelledError).
            settle(CANCELLED, t);
        } else {
            settle(FAILED, t);
        }
    }
}
