package dev.tulip;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The static facade of Tulip, used like Python's {@code asyncio.} prefix:
 * {@code import static dev.tulip.Tulip.*;}.
 *
 * <p>{@link #await await} and {@link #done done} are the two words of an {@link Async @Async} body;
 * everything else is asyncio's module-level API in camelCase.
 */
public final class Tulip {
    private Tulip() {
    }

    // ---- the words of an @Async body ----

    /**
     * Suspends the enclosing {@link Async @Async} method until the awaitable is done, and returns its
     * result (or throws its exception). Python's {@code await}.
     *
     * <p>This is a marker: Tulip's annotation processor compiles every call inside an {@code @Async} body
     * into a suspension point of the generated state machine. The method itself is never meant to run.
     *
     * @param awaitable a coroutine, task, future, or other awaitable
     * @param <T> the result type
     * @return the awaitable's result
     * @throws IllegalStateException always, if it ever runs: the call is outside an {@code @Async} method,
     *     or the annotation processor did not run
     */
    public static <T> T await(Awaitable<T> awaitable) {
        throw awaitOutsideCoroutine();
    }

    /**
     * Suspends the enclosing {@link Async @Async} method until the stage completes, and returns its
     * value: awaiting a {@link java.util.concurrent.CompletableFuture} completed on any thread.
     *
     * <p>A marker, like {@link #await(Awaitable)}.
     *
     * @param stage the stage to wait for
     * @param <T> the result type
     * @return the stage's value
     * @throws IllegalStateException always, if it ever runs
     */
    public static <T> T await(java.util.concurrent.CompletionStage<T> stage) {
        throw awaitOutsideCoroutine();
    }

    private static IllegalStateException awaitOutsideCoroutine() {
        return new IllegalStateException("await(...) ran as a plain method call. It is only legal inside an @Async"
                + " method compiled by Tulip's annotation processor: mark the enclosing method @Async (returning"
                + " Coroutine<T>), make sure tulip-processor is on javac's annotation processor path, and call the"
                + " method through its generated <Class>Async factory. From plain code, use run(...) or"
                + " EventLoop.runUntilComplete(...) instead.");
    }

    /**
     * What an {@link Async @Async} method returns: {@code return done(value);} ends the coroutine with
     * that value. Outside an {@code @Async} body it is simply a coroutine that completes at once.
     *
     * @param value the result
     * @param <T> the result type
     * @return a coroutine completing with {@code value}
     */
    public static <T> Coroutine<T> done(T value) {
        return Coroutines.completed(value);
    }

    /**
     * What an {@link Async @Async} method without a meaningful result returns: {@code return done();}.
     *
     * @param <T> the (unused) result type, usually {@link Void}
     * @return a coroutine completing with null
     */
    public static <T> Coroutine<T> done() {
        return Coroutines.completed(null);
    }

    // ---- running ----

    /**
     * Runs an awaitable on a new real-time event loop, then cancels what is left, shuts the default
     * executor down and closes the loop. Python's {@code asyncio.run}.
     *
     * @param main usually a coroutine
     * @param <T> the result type
     * @return its result
     * @throws IllegalStateException if called from a running event loop
     */
    public static <T> T run(Awaitable<T> main) {
        return run(main, new EventLoop());
    }

    /**
     * Like {@link #run}, on a virtual-time loop: sleeps take no real time and the run is deterministic.
     *
     * @param main usually a coroutine
     * @param <T> the result type
     * @return its result
     */
    public static <T> T runVirtual(Awaitable<T> main) {
        return run(main, EventLoop.virtualTime());
    }

    /**
     * Runs an awaitable on the given fresh loop, then cleans up and closes it, as {@link #run} does.
     *
     * @param main usually a coroutine
     * @param loop a loop that is not running
     * @param <T> the result type
     * @return its result
     */
    public static <T> T run(Awaitable<T> main, EventLoop loop) {
        Objects.requireNonNull(main, "main");
        if (EventLoop.runningOrNull() != null) {
            throw new IllegalStateException("run() cannot be called from a running event loop: await the coroutine"
                    + " instead, or schedule it with createTask");
        }
        try {
            return loop.runUntilComplete(main);
        } finally {
            try {
                Shutdown.cancelAllTasks(loop);
            } finally {
                loop.close();
            }
        }
    }

    // ---- sleeping ----

    /**
     * An awaitable that completes after a delay; {@code sleep(0)} yields to the other tasks once, without a
     * timer (Python's bare {@code yield} inside {@code asyncio.sleep(0)}).
     *
     * @param seconds how long (0 or negative: just yield)
     * @return the awaitable; await it once
     */
    public static Awaitable<Void> sleep(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("sleep(NaN)");
        }
        if (seconds <= 0) {
            return yieldNow();
        }
        return new Sleep(seconds);
    }

    /**
     * An awaitable that completes after a delay.
     *
     * @param delay how long
     * @return the awaitable; await it once
     */
    public static Awaitable<Void> sleep(Duration delay) {
        return sleep(delay.toNanos() / 1e9);
    }

    @SuppressWarnings("unchecked")
    private static Awaitable<Void> yieldNow() {
        return (Awaitable<Void>) (Awaitable<?>) Suspension.Marker.YIELD;
    }

    // ---- tasks ----

    /**
     * Schedules a coroutine as a task on the running loop; Python's {@code asyncio.create_task}.
     *
     * @param coroutine a coroutine that has not started
     * @param <T> the result type
     * @return the task
     */
    public static <T> Task<T> createTask(Coroutine<T> coroutine) {
        return EventLoop.running().createTask(coroutine);
    }

    /**
     * Schedules a coroutine as a named task on the running loop.
     *
     * @param coroutine a coroutine that has not started
     * @param name the task's name
     * @param <T> the result type
     * @return the task
     */
    public static <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        return EventLoop.running().createTask(coroutine, name);
    }

    /**
     * A future for any awaitable on the running loop: a future as is, a coroutine as a new task.
     * Python's {@code asyncio.ensure_future}.
     *
     * @param awaitable what to wrap
     * @param <T> the result type
     * @return a future
     */
    public static <T> AsyncFuture<T> ensureFuture(Awaitable<T> awaitable) {
        return EventLoop.running().ensureFuture(awaitable);
    }

    /**
     * The task running right now; Python's {@code asyncio.current_task()}.
     *
     * @return the current task, or null when called from a plain callback
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static Task<?> currentTask() {
        return EventLoop.running().currentTask();
    }

    /**
     * The running loop's tasks that are not done; Python's {@code asyncio.all_tasks()}.
     *
     * @return a snapshot
     */
    public static List<Task<?>> allTasks() {
        return EventLoop.running().allTasks();
    }

    // ---- threads ----

    /**
     * Runs a blocking call on the running loop's default executor and waits for its result without
     * blocking the loop; Python's {@code await asyncio.to_thread(func)}. Like Python's coroutine, the
     * call is submitted when the coroutine is awaited (or its task starts). Cancelling the awaiting task
     * before the call starts means it never runs; once running, it is not interrupted.
     *
     * @param callable the blocking work
     * @param <T> the result type
     * @return a coroutine producing the callable's result, or raising its exception
     */
    public static <T> Coroutine<T> toThread(java.util.concurrent.Callable<T> callable) {
        return new Threads.ToThread<>(callable);
    }

    /**
     * Runs a blocking call on an executor, from the running loop; Python's
     * {@code loop.run_in_executor(executor, func)}. See {@link EventLoop#runInExecutor}.
     *
     * @param executor where to run it; null for the loop's default executor
     * @param callable the blocking work
     * @param <T> the result type
     * @return a future completed on the loop with the callable's outcome
     */
    public static <T> AsyncFuture<T> runInExecutor(java.util.concurrent.Executor executor,
            java.util.concurrent.Callable<T> callable) {
        return EventLoop.running().runInExecutor(executor, callable);
    }

    /**
     * Wraps a {@link java.util.concurrent.CompletionStage} (typically a
     * {@link java.util.concurrent.CompletableFuture} completed on another thread) in a future of the
     * running loop; Python's {@code asyncio.wrap_future}. This is what {@code await(stage)} compiles to.
     *
     * <p>The future is completed on the loop thread when the stage completes, on any thread; a stage
     * that is already complete gives a future that is already done (awaiting it does not suspend). A
     * {@link java.util.concurrent.CompletionException} is unwrapped to its cause, and a cancelled stage
     * cancels the future. Cancelling the future cancels the stage when it is a
     * {@link java.util.concurrent.Future}. On a virtual-time loop, time does not move while a wrapped
     * stage is pending (it is work on another thread), so do not wrap a stage that only the loop's own
     * timers would complete: use an {@link AsyncFuture} for that.
     *
     * @param stage the stage to follow
     * @param <T> the result type
     * @return a future on the running loop
     * @throws IllegalStateException if no loop runs on this thread
     */
    public static <T> AsyncFuture<T> wrapFuture(java.util.concurrent.CompletionStage<T> stage) {
        return Threads.wrapFuture(EventLoop.running(), stage);
    }

    /**
     * Submits a coroutine to a loop running on another thread, from any thread; Python's
     * {@code asyncio.run_coroutine_threadsafe}. The coroutine is wrapped in a task on the loop thread.
     *
     * @param coroutine a coroutine that has not started
     * @param loop the (running) loop to run it on
     * @param <T> the result type
     * @return a CompletableFuture with the task's outcome; cancelling it cancels the task
     * @throws IllegalStateException if the loop is closed
     */
    public static <T> java.util.concurrent.CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coroutine,
            EventLoop loop) {
        return Threads.runCoroutineThreadsafe(coroutine, loop);
    }

    /**
     * The loop running on this thread; Python's {@code asyncio.get_running_loop()}.
     *
     * @return the running loop
     * @throws IllegalStateException if none
     */
    public static EventLoop getRunningLoop() {
        return EventLoop.running();
    }
}
