package dev.tulip.test;

import dev.tulip.AsyncFuture;
import dev.tulip.Awaitable;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fresh virtual-time event loop for one test, with kotlinx-coroutines-test's controls of time:
 * {@link #currentTime()}, {@link #advanceTimeBy(double)} and {@link #advanceUntilIdle()}.
 *
 * <p>Each control works from both sides of the loop. In a coroutine running on it, await what it
 * returns ({@code await(loop.advanceTimeBy(5))}): the other tasks run meanwhile. From plain test code
 * (the loop is not running), it runs the loop itself until the point is reached, and returns an
 * awaitable that is already done.
 *
 * <p>{@link TulipTestExtension} injects one into test methods, constructors and lifecycle methods
 * (as a {@code TestLoop} or an {@link EventLoop} parameter), and checks it when the test ends.
 */
public final class TestLoop {
    private final EventLoop loop = EventLoop.virtualTime();
    private final List<String> errors = new ArrayList<>();
    private final List<Throwable> errorCauses = new ArrayList<>();

    /** Creates a loop on virtual time whose unhandled errors (unretrieved exceptions) fail the test. */
    public TestLoop() {
        loop.setExceptionHandler((l, message, exception) -> {
            synchronized (errors) {
                errors.add(message);
                errorCauses.add(exception);
            }
        });
    }

    /**
     * The event loop itself, on virtual time.
     *
     * @return the loop
     */
    public EventLoop loop() {
        return loop;
    }

    /**
     * The virtual clock, in seconds since the test started (kotlinx's {@code currentTime}).
     *
     * @return the loop's time
     */
    public double currentTime() {
        return loop.time();
    }

    /**
     * Moves virtual time forward by {@code seconds}, running every task and callback due before then;
     * the clock then reads {@code currentTime() + seconds} (kotlinx's {@code advanceTimeBy}). Timers due
     * at exactly that time and scheduled before this call run before the caller resumes (they were
     * first in line); kotlinx leaves those for later.
     *
     * @param seconds how far to advance, at least 0
     * @return await it in a coroutine; from plain code it is already done
     */
    public Awaitable<Void> advanceTimeBy(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("advanceTimeBy(" + seconds + "): the delay must be 0 or more");
        }
        AsyncFuture<Void> reached = loop.createFuture();
        loop.callAt(loop.time() + seconds, () -> reached.setResult(null));
        return drive(reached);
    }

    /**
     * Runs every other task and callback, advancing virtual time from timer to timer, until nothing is
     * ready and no timer is scheduled (kotlinx's {@code advanceUntilIdle}). Tasks suspended on something
     * no timer will provide stay suspended.
     *
     * @return await it in a coroutine; from plain code it is already done
     */
    public Awaitable<Void> advanceUntilIdle() {
        AsyncFuture<Void> idle = loop.createFuture();
        loop.callSoon(() -> checkIdle(idle));
        return drive(idle);
    }

    /**
     * Runs an awaitable to completion on this loop from plain test code (the loop must not be running),
     * and returns its result; tasks it leaves behind stay on the loop, and the extension reports them
     * when the test ends.
     *
     * @param main usually a coroutine from a companion's factory
     * @param <T> the result type
     * @return its result
     */
    public <T> T run(Awaitable<T> main) {
        return loop.runUntilComplete(Objects.requireNonNull(main, "main"));
    }

    private void checkIdle(AsyncFuture<Void> idle) {
        if (loop.readyCount() > 0) {
            loop.callSoon(() -> checkIdle(idle)); // others are ready: look again after them
        } else if (loop.scheduledTimerCount() == 0) {
            idle.setResult(null);
        } else {
            // Nothing ready: the loop jumps to the earliest timer; look again right after it fires.
            loop.callAt(loop.nextTimerTime(), () -> checkIdle(idle));
        }
    }

    private Awaitable<Void> drive(AsyncFuture<Void> point) {
        if (!loop.isRunning()) {
            loop.runUntilComplete(point);
        }
        return point;
    }

    /** The tasks of this loop that have not finished. */
    List<Task<?>> pendingTasks() {
        List<Task<?>> pending = new ArrayList<>();
        for (Task<?> t : loop.allTasks()) {
            if (!t.done()) {
                pending.add(t);
            }
        }
        return pending;
    }

    /** Errors reported to the loop's exception handler so far, with their exceptions (or null). */
    List<String> errors() {
        synchronized (errors) {
            return new ArrayList<>(errors);
        }
    }

    List<Throwable> errorCauses() {
        synchronized (errors) {
            return new ArrayList<>(errorCauses);
        }
    }
}
