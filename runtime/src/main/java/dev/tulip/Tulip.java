package dev.tulip;

import java.time.Duration;
import java.util.Collection;
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

    // ---- the words of a generator body ----

    /**
     * Yields a value from the enclosing generator and returns the value sent back in: Python's
     * {@code data = yield value}. Used in a {@link Generator.Method @Generator.Method} method (returning
     * {@link Generator}) or an {@link Async @Async} method returning {@link AsyncGenerator}; the result
     * is what {@link Generator#send send} (or {@link AsyncGenerator#asend asend}) passed, null for
     * {@code next()}.
     *
     * <p>Write it qualified, {@code Tulip.yield(value)}: {@code yield} is a restricted identifier in
     * Java (the {@code switch} expression statement), so an unqualified {@code yield(value)} does not
     * compile even with a static import.
     *
     * <pre>{@code
     * String data = Tulip.yield(count);   // yields count; data is the value sent in
     * }</pre>
     *
     * <p>A marker, like {@link #await(Awaitable) await}: Tulip's annotation processor compiles each call
     * into a suspension point of the generated state machine.
     *
     * @param value the value to yield
     * @param <S> the type of the value sent in
     * @return the value sent in
     * @throws IllegalStateException always, if it ever runs
     */
    public static <S> S yield(Object value) {
        throw markerOutsideGenerator("Tulip.yield(...)");
    }

    /**
     * Yields null and returns the value sent in: Python's bare {@code data = yield}, as in a generator
     * used as a consumer ({@code String data = Tulip.yield();}). A marker, like {@link #yield(Object)}.
     *
     * @param <S> the type of the value sent in
     * @return the value sent in
     * @throws IllegalStateException always, if it ever runs
     */
    public static <S> S yield() {
        throw markerOutsideGenerator("Tulip.yield()");
    }

    /**
     * Delegates to another generator until it is exhausted, and returns its return value: Python's
     * {@code result = yield from gen}. Every value it yields is yielded by the enclosing generator, and
     * {@code send}, {@code throwInto} and {@code close} are forwarded to it (PEP 380). A marker, like
     * {@link #yield(Object)}; only in a {@link Generator.Method @Generator.Method} body (as in Python,
     * an asynchronous generator cannot delegate).
     *
     * @param source the generator to delegate to
     * @param <R> the type of its return value
     * @return the delegate's return value ({@link Generator#returnValue()})
     * @throws IllegalStateException always, if it ever runs
     */
    public static <R> R yieldFrom(Generator<?> source) {
        throw markerOutsideGenerator("Tulip.yieldFrom(...)");
    }

    /**
     * Yields every element of an iterable: Python's {@code yield from iterable}. Sending a non-null value
     * to the enclosing generator meanwhile raises {@link UnsupportedOperationException} at this
     * statement, as Python raises {@code AttributeError} for an iterator without {@code send}. A marker.
     *
     * @param source the elements to yield
     * @throws IllegalStateException always, if it ever runs
     */
    public static void yieldFrom(Iterable<?> source) {
        throw markerOutsideGenerator("Tulip.yieldFrom(...)");
    }

    /**
     * Yields every remaining element of an iterator; like {@link #yieldFrom(Iterable)}. An iterator that
     * is {@link AutoCloseable} is closed when the generator is closed during the delegation. A marker.
     *
     * @param source the iterator to drain
     * @throws IllegalStateException always, if it ever runs
     */
    public static void yieldFrom(java.util.Iterator<?> source) {
        throw markerOutsideGenerator("Tulip.yieldFrom(...)");
    }

    /**
     * What a generator method returns at its end: {@code return Tulip.doneYielding();}, Python's plain
     * {@code return} (or falling off the end) in a generator. The generator is then exhausted. Its type
     * adapts to the method's return type: {@link Generator Generator&lt;T&gt;} or
     * {@link AsyncGenerator AsyncGenerator&lt;T&gt;}. A marker, like {@link #yield(Object)}.
     *
     * @param <G> the generator type the method returns
     * @return never
     * @throws IllegalStateException always, if it ever runs
     */
    public static <G extends Iterable<?>> G doneYielding() {
        throw markerOutsideGenerator("Tulip.doneYielding()");
    }

    /**
     * What a generator method returns to end with a value: {@code return Tulip.doneYielding(value);},
     * Python's {@code return value} in a generator, which becomes {@link StopIteration#value()},
     * {@link Generator#returnValue()} and the result of a {@link #yieldFrom(Generator) yieldFrom} of this
     * generator. Only for {@link Generator} methods: as in Python, an asynchronous generator cannot
     * return a value. A marker, like {@link #yield(Object)}.
     *
     * @param value the return value
     * @param <T> the type of the values the generator yields
     * @return never
     * @throws IllegalStateException always, if it ever runs
     */
    public static <T> Generator<T> doneYielding(Object value) {
        throw markerOutsideGenerator("Tulip.doneYielding(...)");
    }

    /**
     * Collects every value of an asynchronous iterable into a new list: Python's async comprehension
     * {@code [x async for x in source]}.
     *
     * <pre>{@code
     * List<String> all = await(collect(dwarfs()));
     * }</pre>
     *
     * The iteration runs in the task that awaits the result; if that task is cancelled while an
     * {@link AsyncGenerator} source awaits, the cancellation is raised inside the generator.
     *
     * @param source what to iterate, usually an {@link AsyncGenerator}
     * @param <T> the element type
     * @return a coroutine producing a new (mutable) list of the values in order; await it once
     */
    public static <T> Coroutine<List<T>> collect(AsyncIterable<? extends T> source) {
        return new Collect<>(Objects.requireNonNull(source, "source"), null);
    }

    /**
     * Collects the values of an asynchronous iterable that pass a test: Python's
     * {@code [x async for x in source if keep(x)]}.
     *
     * <pre>{@code
     * List<String> withE = await(collect(dwarfs(), name -> name.contains("e")));
     * }</pre>
     *
     * @param source what to iterate, usually an {@link AsyncGenerator}
     * @param keep the condition a value must meet to be collected; if it throws, the coroutine fails
     *     with that exception (the source is left where it is, as in Python; close a generator with
     *     {@link AsyncGenerator#aclose()})
     * @param <T> the element type
     * @return a coroutine producing a new (mutable) list of the values kept, in order; await it once
     */
    public static <T> Coroutine<List<T>> collect(AsyncIterable<? extends T> source,
            java.util.function.Predicate<? super T> keep) {
        return new Collect<>(Objects.requireNonNull(source, "source"), Objects.requireNonNull(keep, "keep"));
    }

    private static IllegalStateException markerOutsideGenerator(String marker) {
        return new IllegalStateException(marker + " ran as a plain method call. It is only legal inside a generator"
                + " compiled by Tulip's annotation processor: a @Generator.Method method returning Generator<T>, or"
                + " an @Async method returning AsyncGenerator<T>; make sure tulip-processor is on javac's annotation"
                + " processor path, and call the method through its generated companion factory.");
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
     * Runs an awaitable as {@link #run(Awaitable)} does, optionally in debug mode (Python's
     * {@code asyncio.run(main, debug=True)}): slow steps are logged, never-awaited coroutines reported.
     *
     * @param main usually a coroutine
     * @param debug whether to enable debug mode
     * @param <T> the result type
     * @return its result
     */
    public static <T> T run(Awaitable<T> main, boolean debug) {
        EventLoop loop = new EventLoop();
        loop.setDebug(debug);
        return run(main, loop);
    }

    /**
     * Like {@link #run(Awaitable, boolean)}, on a virtual-time loop.
     *
     * @param main usually a coroutine
     * @param debug whether to enable debug mode
     * @param <T> the result type
     * @return its result
     */
    public static <T> T runVirtual(Awaitable<T> main, boolean debug) {
        EventLoop loop = EventLoop.virtualTime();
        loop.setDebug(debug);
        return run(main, loop);
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

    // ---- combinators and structured concurrency (asyncio/tasks.py, timeouts.py, taskgroups.py) ----

    /**
     * Runs awaitables concurrently and collects their results in argument order; Python's
     * {@code asyncio.gather(*aws)}.
     *
     * <p>Coroutines are wrapped in tasks right away (on the running loop), so they start even if the
     * result is never awaited; an awaitable given twice is run once and its result appears twice. The
     * returned future
     * <ul>
     *   <li>completes with the list of results (unmodifiable, may hold nulls) when all are done;</li>
     *   <li>fails with the first exception raised by a child, as soon as it is raised; the other children
     *       keep running (use a {@link TaskGroup} to cancel them instead);</li>
     *   <li>fails with {@link CancelledError} if a child is cancelled by someone else; its siblings are
     *       not cancelled;</li>
     *   <li>when cancelled ({@code cancel()}, or cancelling the task that awaits it), cancels every
     *       child that is not done, then fails with {@code CancelledError}.</li>
     * </ul>
     * With no arguments it is done at once, with an empty list.
     *
     * @param aws coroutines, tasks or futures
     * @param <T> the common result type
     * @return a future for the list of results
     * @throws IllegalStateException if a coroutine must be wrapped and no loop is running, or the futures
     *     belong to different loops
     */
    @SafeVarargs
    public static <T> AsyncFuture<List<T>> gather(Awaitable<? extends T>... aws) {
        List<Awaitable<?>> list = new java.util.ArrayList<>(aws.length);
        for (Awaitable<?> aw : aws) {
            list.add(aw);
        }
        return GatheringFuture.of(list, false);
    }

    /**
     * Like {@link #gather(Awaitable...)}, for a collection of awaitables.
     *
     * @param aws coroutines, tasks or futures, in the order of the results
     * @param <T> the common result type
     * @return a future for the list of results
     */
    public static <T> AsyncFuture<List<T>> gather(Collection<? extends Awaitable<? extends T>> aws) {
        return GatheringFuture.of(aws, false);
    }

    /**
     * Like {@link #gather(Awaitable...)}, but a failed child does not fail the gathering: its entry in
     * the list is the exception (a {@link CancelledError} for a cancelled child). Python's
     * {@code asyncio.gather(*aws, return_exceptions=True)}. Cancelling the returned future still makes
     * it fail with {@code CancelledError}.
     *
     * @param aws coroutines, tasks or futures
     * @return a future for the list of results and exceptions
     */
    public static AsyncFuture<List<Object>> gatherReturnExceptions(Awaitable<?>... aws) {
        return GatheringFuture.of(java.util.Arrays.asList(aws), true);
    }

    /**
     * Like {@link #gatherReturnExceptions(Awaitable...)}, for a collection of awaitables.
     *
     * @param aws coroutines, tasks or futures, in the order of the results
     * @return a future for the list of results and exceptions
     */
    public static AsyncFuture<List<Object>> gatherReturnExceptions(Collection<? extends Awaitable<?>> aws) {
        return GatheringFuture.of(aws, true);
    }

    /**
     * Waits until all the awaitables are done; Python's {@code asyncio.wait(aws)}. Call it as
     * {@code Tulip.wait(...)} (see {@link #wait(Collection, double, ReturnWhen)}).
     *
     * @param aws coroutines (wrapped in tasks when the wait starts), tasks or futures; not empty
     * @param <T> the common result type
     * @return a coroutine producing the done and pending futures
     * @throws IllegalArgumentException if {@code aws} is empty
     * @see #wait(Collection, double, ReturnWhen)
     */
    public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<? extends T>> aws) {
        return wait(aws, Double.POSITIVE_INFINITY, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Waits until the awaitables are done or the timeout passes.
     *
     * @param aws coroutines, tasks or futures; not empty
     * @param timeoutSeconds how long to wait at most
     * @param <T> the common result type
     * @return a coroutine producing the done and pending futures
     * @see #wait(Collection, double, ReturnWhen)
     */
    public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<? extends T>> aws,
            double timeoutSeconds) {
        return wait(aws, timeoutSeconds, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Waits until the condition given by {@code returnWhen} holds.
     *
     * @param aws coroutines, tasks or futures; not empty
     * @param returnWhen when to return
     * @param <T> the common result type
     * @return a coroutine producing the done and pending futures
     * @see #wait(Collection, double, ReturnWhen)
     */
    public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<? extends T>> aws,
            ReturnWhen returnWhen) {
        return wait(aws, Double.POSITIVE_INFINITY, returnWhen);
    }

    /**
     * Waits for awaitables until {@code returnWhen} holds or the timeout passes; Python's
     * {@code asyncio.wait(aws, timeout=..., return_when=...)}.
     *
     * <p>Coroutines are wrapped in tasks when the returned coroutine starts; an awaitable given twice
     * counts once. The result holds the futures that are done and those still pending, each in the order
     * given. Unlike {@link #waitFor waitFor}, {@code wait} neither raises on timeout nor cancels
     * anything: the pending futures go on running. Cancelling the waiting task does not cancel them
     * either.
     *
     * <p>Write the call qualified, {@code Tulip.wait(...)}: every class inherits {@link Object#wait()},
     * which hides a statically imported {@code wait} from unqualified calls.
     *
     * <pre>{@code
     * WaitResult<String> r = await(Tulip.wait(List.of(a, b), 5, ReturnWhen.FIRST_COMPLETED));
     * }</pre>
     *
     * @param aws coroutines, tasks or futures; not empty
     * @param timeoutSeconds how long to wait at most; {@link Double#POSITIVE_INFINITY} for no limit
     * @param returnWhen when to return
     * @param <T> the common result type
     * @return a coroutine producing the done and pending futures; await it once
     * @throws IllegalArgumentException if {@code aws} is empty (Python's ValueError) or the timeout is
     *     NaN
     */
    public static <T> Coroutine<WaitResult<T>> wait(Collection<? extends Awaitable<? extends T>> aws,
            double timeoutSeconds, ReturnWhen returnWhen) {
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(returnWhen, "returnWhen");
        Combinators.checkTimeout(timeoutSeconds);
        if (aws.isEmpty()) {
            throw new IllegalArgumentException("wait(...): the collection of awaitables is empty");
        }
        return new Combinators.Wait<>(List.copyOf(aws), timeoutSeconds, returnWhen);
    }

    /**
     * Returns awaitables that produce the results of {@code aws} in the order they complete; Python's
     * {@code asyncio.as_completed(aws)}.
     *
     * <pre>{@code
     * for (Awaitable<String> next : asCompleted(List.of(fetch("a"), fetch("b")))) {
     *     String page = await(next);   // the first page to arrive, then the second
     * }
     * }</pre>
     *
     * Coroutines are wrapped in tasks right away; an awaitable given twice counts once, so there is one
     * item per distinct awaitable. Each item is a coroutine, to be awaited once: the first item awaited
     * gets the first result (or raises the first exception), whatever its position.
     *
     * @param aws coroutines, tasks or futures
     * @param <T> the common result type
     * @return one awaitable per distinct input, in an unmodifiable list
     */
    public static <T> List<Awaitable<T>> asCompleted(Collection<? extends Awaitable<? extends T>> aws) {
        return asCompleted(aws, Double.POSITIVE_INFINITY);
    }

    /**
     * Like {@link #asCompleted(Collection)}, with a deadline: once {@code timeoutSeconds} have passed,
     * every item not yet resolved raises {@link TimeoutError} when awaited (the inputs are not
     * cancelled).
     *
     * @param aws coroutines, tasks or futures
     * @param timeoutSeconds the time limit for all of them; {@link Double#POSITIVE_INFINITY} for none
     * @param <T> the common result type
     * @return one awaitable per distinct input, in an unmodifiable list
     */
    public static <T> List<Awaitable<T>> asCompleted(Collection<? extends Awaitable<? extends T>> aws,
            double timeoutSeconds) {
        Objects.requireNonNull(aws, "aws");
        Combinators.checkTimeout(timeoutSeconds);
        return new Combinators.AsCompleted<T>(aws, timeoutSeconds).items();
    }

    /**
     * Awaits with a time limit; Python 3.12's {@code asyncio.wait_for}.
     *
     * <p>A coroutine runs inside the awaiting task, under a {@link #timeout timeout} scope; a future or
     * task is awaited under one. At the deadline the awaited work is cancelled, {@code waitFor} waits
     * until it has actually finished (its {@code finally} blocks, including awaits in them, have run),
     * and raises {@link TimeoutError}. If the waiting task is cancelled, the awaited work is cancelled
     * too. With {@code timeoutSeconds <= 0}, an awaitable that is already done produces its result;
     * otherwise it is cancelled, waited for, and TimeoutError is raised. To keep the work running after
     * the deadline, wrap it in {@link #shield shield}.
     *
     * @param aw a coroutine, task or future
     * @param timeoutSeconds the time limit; {@link Double#POSITIVE_INFINITY} for none
     * @param <T> the result type
     * @return a coroutine producing the result; await it once
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> aw, double timeoutSeconds) {
        Objects.requireNonNull(aw, "aw");
        Combinators.checkTimeout(timeoutSeconds);
        return new Combinators.WaitFor<>(aw, timeoutSeconds);
    }

    /**
     * A deadline {@code seconds} from now for the block of a try-with-resources in an
     * {@link Async @Async} method; Python's {@code asyncio.timeout(delay)}. See {@link Timeout}.
     *
     * <pre>{@code
     * try (var t = timeout(5)) {
     *     await(longWork());
     * } catch (TimeoutError e) { ... }
     * }</pre>
     *
     * @param seconds the delay; {@link Double#POSITIVE_INFINITY} for no deadline (Python's None)
     * @return the timeout scope, already entered for the running task
     * @throws IllegalStateException if no task is running
     */
    public static Timeout timeout(double seconds) {
        return new Timeout(EventLoop.running().time() + seconds);
    }

    /**
     * Like {@link #timeout(double)}.
     *
     * @param delay the delay
     * @return the timeout scope, already entered for the running task
     */
    public static Timeout timeout(Duration delay) {
        return timeout(delay.toNanos() / 1e9);
    }

    /**
     * A deadline at an absolute loop {@link EventLoop#time() time}; Python's {@code asyncio.timeout_at}.
     *
     * @param when the deadline; {@link Double#POSITIVE_INFINITY} for none
     * @return the timeout scope, already entered for the running task
     * @throws IllegalStateException if no task is running
     */
    public static Timeout timeoutAt(double when) {
        return new Timeout(when);
    }

    /**
     * Protects an awaitable from the cancellation of its awaiter; Python's {@code asyncio.shield}.
     *
     * <p>{@code await(shield(work))} is {@code await(work)}, except that cancelling the awaiting task
     * cancels only the returned outer future: the awaiter gets its {@link CancelledError}, while
     * {@code work} (a coroutine is wrapped in a task) keeps running. Cancelling {@code work} itself
     * still cancels the shield. If {@code work} is already done, it is returned as is.
     *
     * @param aw a coroutine, task or future
     * @param <T> the result type
     * @return a future that follows {@code aw} but can be cancelled on its own
     */
    public static <T> AsyncFuture<T> shield(Awaitable<T> aw) {
        return Combinators.shield(aw);
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
