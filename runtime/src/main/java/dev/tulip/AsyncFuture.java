package dev.tulip;

import java.util.ArrayList;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A low-level awaitable holding a result that will be set later: Python's {@code asyncio.Future}.
 * Created with {@link EventLoop#createFuture()}; named {@code AsyncFuture} so that it does not clash
 * with {@link java.util.concurrent.Future}.
 *
 * <p>A future is pending until {@link #setResult}, {@link #setException} or {@link #cancel()} is called,
 * then done for good. Done callbacks are scheduled on the loop (never run inline), in the order they
 * were added. A task awaiting the future is woken the same way. Futures belong to one loop and are not
 * thread-safe: complete them from another thread through {@link EventLoop#callSoonThreadsafe}.
 *
 * <p>An exception that nobody retrieves (with {@link #result()}, {@link #exception()} or by awaiting
 * the future) is reported to the loop's exception handler when the future is garbage-collected or the
 * loop closes, whichever comes first.
 *
 * @param <T> the type of the result
 */
public non-sealed class AsyncFuture<T> implements Awaitable<T> {
    static final byte PENDING = 0;
    static final byte SUCCEEDED = 1;
    static final byte FAILED = 2;
    static final byte CANCELLED = 3;

    final EventLoop loop;
    private byte status;
    /** The result, the exception, or the cancellation message, by status. */
    private Object outcome;
    /** Null, one callback, or an {@code ArrayList} of them; a callback is a Task or a Consumer. */
    private Object callbacks;
    /** Set while an exception is held that nobody has retrieved yet. */
    private UnretrievedException unretrieved;

    /**
     * Creates a pending future bound to a loop; {@link EventLoop#createFuture()} is the usual way.
     *
     * @param loop the loop that runs the callbacks
     */
    public AsyncFuture(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /**
     * The loop this future belongs to.
     *
     * @return the loop
     */
    public EventLoop getLoop() {
        return loop;
    }

    /**
     * Tells whether the future has a result, an exception, or was cancelled.
     *
     * @return true once done
     */
    public boolean done() {
        return status != PENDING;
    }

    /**
     * Tells whether the future was cancelled.
     *
     * @return true if cancelled
     */
    public boolean cancelled() {
        return status == CANCELLED;
    }

    /**
     * Returns the result, or throws the future's exception exactly as it was set (a checked exception
     * is thrown undeclared, as Python would raise it).
     *
     * @return the result
     * @throws CancelledError if the future was cancelled
     * @throws InvalidStateError if the future is not done yet
     */
    @SuppressWarnings("unchecked")
    public T result() {
        switch (status) {
            case SUCCEEDED:
                return (T) outcome;
            case FAILED:
                markRetrieved();
                throw Sneaky.raise((Throwable) outcome);
            case CANCELLED:
                throw makeCancelledError(true);
            default:
                throw new InvalidStateError("Result is not set: " + this + " is still pending; await it first");
        }
    }

    /**
     * Returns the exception the future failed with, or null if it succeeded.
     *
     * @return the exception, or null
     * @throws CancelledError if the future was cancelled
     * @throws InvalidStateError if the future is not done yet
     */
    public Throwable exception() {
        switch (status) {
            case SUCCEEDED:
                return null;
            case FAILED:
                markRetrieved();
                return (Throwable) outcome;
            case CANCELLED:
                throw makeCancelledError(true);
            default:
                throw new InvalidStateError("Exception is not set: " + this + " is still pending");
        }
    }

    /**
     * Completes the future with a value and schedules its callbacks.
     *
     * @param value the result
     * @throws InvalidStateError if the future is already done
     */
    public void setResult(T value) {
        loop.checkThread("AsyncFuture.setResult");
        if (status != PENDING) {
            throw new InvalidStateError("setResult on a future that is already done: " + this);
        }
        settle(SUCCEEDED, value);
    }

    /**
     * Completes the future with an exception and schedules its callbacks.
     *
     * @param exception the exception that awaiting the future will raise
     * @throws InvalidStateError if the future is already done
     */
    public void setException(Throwable exception) {
        Objects.requireNonNull(exception, "exception");
        loop.checkThread("AsyncFuture.setException");
        if (status != PENDING) {
            throw new InvalidStateError("setException on a future that is already done: " + this);
        }
        settle(FAILED, exception);
    }

    /**
     * Cancels the future if it is still pending.
     *
     * @return true if it was pending and is now cancelled
     */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the future if it is still pending; awaiting it will raise a {@link CancelledError}
     * carrying the message.
     *
     * @param message why, or null
     * @return true if it was pending and is now cancelled
     */
    public boolean cancel(String message) {
        loop.checkThread("AsyncFuture.cancel");
        if (status != PENDING) {
            return false;
        }
        settle(CANCELLED, message);
        return true;
    }

    /**
     * Adds a callback run (through the loop, never inline) when the future is done. If it is already
     * done, the callback is scheduled right away.
     *
     * @param callback receives this future
     */
    public void addDoneCallback(Consumer<? super AsyncFuture<T>> callback) {
        Objects.requireNonNull(callback, "callback");
        loop.checkThread("AsyncFuture.addDoneCallback");
        if (status != PENDING) {
            scheduleCallback(callback);
        } else {
            addCallback(callback);
        }
    }

    /**
     * Removes every registration of a callback that has not been scheduled yet.
     *
     * @param callback the callback given to {@link #addDoneCallback}
     * @return how many registrations were removed
     */
    public int removeDoneCallback(Consumer<? super AsyncFuture<T>> callback) {
        return removeCallback(callback);
    }

    /**
     * A {@link java.util.concurrent.CompletableFuture} that completes like this future, for code on
     * other threads; cancelling it (from any thread) cancels this future on its loop. Call it on the
     * loop's thread.
     *
     * @return a new CompletableFuture following this future
     */
    public java.util.concurrent.CompletableFuture<T> toCompletableFuture() {
        return Threads.toCompletableFuture(this);
    }

    // ---- internals shared with Task and the combinators ----

    /** Registers a task to wake when this future is done; the task reads the outcome itself. */
    final void addWaiter(Task<?> task) {
        addCallback(task);
    }

    final void removeWaiter(Task<?> task) {
        removeCallback(task);
    }

    final byte status() {
        return status;
    }

    /**
     * Makes a future that succeeded pending again. Only for runtime-internal futures that nothing else
     * can reach any more (a queue's waiter once its task has resumed), so that they can be reused.
     */
    final void rearm() {
        status = PENDING;
        outcome = null;
    }

    /** The raw outcome for a task resuming after this future: marks an exception retrieved. */
    final Object takeValue() {
        return status == SUCCEEDED ? outcome : null;
    }

    /** The exception to raise in a task resuming after this future, or null when it succeeded. */
    final Throwable takeError() {
        if (status == FAILED) {
            markRetrieved();
            return (Throwable) outcome;
        }
        if (status == CANCELLED) {
            return makeCancelledError(false);
        }
        return null;
    }

    /**
     * The error that tells a consumer this future was cancelled: asyncio's {@code _make_cancelled_error}.
     * A task whose coroutine ended by raising a {@link CancelledError} keeps that very exception as its
     * outcome (its cancel message is then gone, as in CPython, whose {@code Task.__step} calls
     * {@code super().cancel()} without it): the first consumer gets that exception, later ones a new
     * one without message.
     *
     * @param userFacing whether a user called {@code result()}/{@code exception()} (a stack trace helps)
     *     rather than the runtime resuming an awaiting task
     */
    private CancelledError makeCancelledError(boolean userFacing) {
        Object o = outcome;
        if (o instanceof CancelledError) {
            outcome = null;
            return (CancelledError) o;
        }
        return userFacing ? new CancelledError((String) o) : CancelledError.raised((String) o);
    }

    /**
     * The cancel message a cancelled future keeps (null when there is none, or when its task's coroutine
     * raised the cancellation itself); asyncio's {@code _cancel_message}.
     *
     * @return the message or null
     */
    final String cancelMessage() {
        return outcome instanceof String ? (String) outcome : null;
    }

    final void settle(byte newStatus, Object newOutcome) {
        status = newStatus;
        outcome = newOutcome;
        if (newStatus == FAILED) {
            unretrieved = loop.trackUnretrieved(this, (Throwable) newOutcome);
        }
        Object cbs = callbacks;
        callbacks = null;
        if (cbs instanceof ArrayList) {
            for (Object cb : (ArrayList<?>) cbs) {
                scheduleCallback(cb);
            }
        } else if (cbs != null) {
            scheduleCallback(cbs);
        }
        onSettled();
    }

    /** Hook for subclasses that keep bookkeeping on completion (tasks leave the loop's list). */
    void onSettled() {
    }

    /** Describes the outcome for {@link #toString()}. */
    final String outcomeText() {
        switch (status) {
            case SUCCEEDED:
                return Repr.of(outcome);
            case FAILED:
                return String.valueOf(outcome);
            case CANCELLED:
                return outcome instanceof String ? Repr.of(outcome) : "";
            default:
                return "";
        }
    }

    private void markRetrieved() {
        UnretrievedException u = unretrieved;
        if (u != null) {
            unretrieved = null;
            loop.forgetUnretrieved(u);
        }
    }

    @SuppressWarnings("unchecked")
    private void scheduleCallback(Object cb) {
        if (cb instanceof Task) {
            loop.readyTask((Task<?>) cb);
        } else {
            loop.readyHandle(new Handle.OfDoneCallback((Consumer<Object>) cb, this));
        }
    }

    @SuppressWarnings("unchecked")
    private void addCallback(Object cb) {
        Object cbs = callbacks;
        if (cbs == null) {
            callbacks = cb;
        } else if (cbs instanceof ArrayList) {
            ((ArrayList<Object>) cbs).add(cb);
        } else {
            ArrayList<Object> list = new ArrayList<>(4);
            list.add(cbs);
            list.add(cb);
            callbacks = list;
        }
    }

    private int removeCallback(Object cb) {
        Object cbs = callbacks;
        if (cbs == null) {
            return 0;
        }
        if (cbs instanceof ArrayList) {
            ArrayList<?> list = (ArrayList<?>) cbs;
            int before = list.size();
            list.removeIf(x -> x.equals(cb));
            int removed = before - list.size();
            if (list.isEmpty()) {
                callbacks = null;
            }
            return removed;
        }
        if (cbs.equals(cb)) {
            callbacks = null;
            return 1;
        }
        return 0;
    }

    /**
     * Describes the future in the style of the seeds' hand-made task:
     * {@code <AsyncFuture [PENDING]>}, {@code <AsyncFuture [FINISHED] (42)>}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        String text = outcomeText();
        return "<AsyncFuture [" + statusName() + "]" + (text.isEmpty() ? "" : " (" + text + ")") + ">";
    }

    String statusName() {
        switch (status) {
            case SUCCEEDED:
                return "FINISHED";
            case FAILED:
                return "ERROR";
            case CANCELLED:
                return "CANCELLED";
            default:
                return "PENDING";
        }
    }
}
