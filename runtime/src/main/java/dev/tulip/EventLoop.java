package dev.tulip;

import java.lang.ref.Cleaner;
import java.nio.channels.SelectableChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A single-threaded event loop: Python's {@code asyncio} event loop.
 *
 * <p>Each iteration moves due timers to the ready queue, then runs every callback and task step that
 * was ready when the iteration began, in FIFO order; what they schedule runs in the next iteration.
 * This is asyncio's {@code _run_once}, and it gives Tulip programs the same interleavings as their
 * Python originals.
 *
 * <h2>Time</h2>
 * A loop runs on real time ({@link #EventLoop()}) or on <em>virtual time</em>
 * ({@link #virtualTime()}): when nothing is ready, a virtual loop jumps straight to the next timer, so
 * programs that sleep for minutes run instantly and deterministically; tests and simulations use it.
 * Work on other threads (through the loop's bridges) is waited for before time jumps.
 *
 * <h2>I/O</h2>
 * {@link #addReader}/{@link #addWriter} watch any {@link SelectableChannel} (sockets, server sockets,
 * pipes): the callback runs on the loop whenever the channel is ready, as asyncio's {@code add_reader}.
 * The first registration gives the loop a NIO {@link java.nio.channels.Selector}; from then on each
 * iteration polls it (without waiting when callbacks are ready), and {@link #callSoonThreadsafe} wakes
 * it. Until then the loop parks its thread and holds no descriptor.
 *
 * <p><b>Virtual time with real I/O.</b> A virtual-time loop never moves its clock past an instant while
 * I/O is ready: before jumping to the next timer it polls the selector without waiting, and runs the
 * callbacks of every channel that is ready. Data written on loopback by this process is in the peer's
 * receive queue when {@code write} returns, so a client and a server on one virtual loop see every
 * byte before any timer fires, deterministically. When no timer is due and channels are watched, the
 * loop waits for I/O in real time (instead of reporting a deadlock), since a peer outside the process
 * may still send. I/O from outside the process that arrives after a jump is seen at the new instant:
 * time is not held back waiting for peers the loop cannot know about.
 *
 * <h2>Threads</h2>
 * A loop runs on the thread that calls {@link #runForever()} or {@link #runUntilComplete}; one loop at
 * a time per thread. Only {@link #callSoonThreadsafe}, {@link #stop()} through it, {@link #time()} and
 * {@link #isRunning()} may be called from other threads. In debug mode (see {@link #setDebug}) other
 * entry points fail fast when called from the wrong thread.
 */
public final class EventLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.tulip");
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
    private static final Cleaner CLEANER = Cleaner.create();

    /** Tasks (stepped) and handles (fired), in the order they became ready. */
    private final ArrayDeque<Object> ready = new ArrayDeque<>();
    private final TimerQueue timers = new TimerQueue();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    /** Operations running on other threads that will call back through the inbox (virtual time waits for them). */
    private final AtomicInteger externalWork = new AtomicInteger();
    private final Set<UnretrievedException> unretrieved = ConcurrentHashMap.newKeySet();

    private final boolean virtual;
    private double virtualNow;
    private volatile Thread thread;
    /** How the loop waits: parking until the first channel is watched, then {@link #io}. */
    private volatile Poller poller = ParkingPoller.INSTANCE;
    private SelectorPoller io;
    private volatile boolean stopping;
    private volatile boolean closed;
    private boolean debug = Boolean.getBoolean("tulip.debug");
    private double slowCallbackDuration = 0.1;
    private ExceptionHandler exceptionHandler;

    private Task<?> currentTask;
    private Task<?> firstPending;
    private int pendingCount;
    private ExecutorService defaultExecutor;

    /**
     * Receives errors that have no caller to go to: exceptions thrown by callbacks, and task or future
     * exceptions that nobody retrieved. Python's loop exception handler.
     */
    @FunctionalInterface
    public interface ExceptionHandler {
        /**
         * Handles an error.
         *
         * @param loop the loop reporting it
         * @param message what happened
         * @param exception the exception, or null
         */
        void handle(EventLoop loop, String message, Throwable exception);
    }

    /** Creates a loop on real time. */
    public EventLoop() {
        this(false);
    }

    private EventLoop(boolean virtual) {
        this.virtual = virtual;
    }

    /**
     * Creates a loop on virtual time: it starts at time 0 and, when nothing is ready, jumps to the next
     * timer instead of waiting.
     *
     * @return a new virtual-time loop
     */
    public static EventLoop virtualTime() {
        return new EventLoop(true);
    }

    /**
     * The loop running on the calling thread; Python's {@code asyncio.get_running_loop()}.
     *
     * @return the running loop
     * @throws IllegalStateException if no loop is running on this thread
     */
    public static EventLoop running() {
        EventLoop loop = RUNNING.get();
        if (loop == null) {
            throw new IllegalStateException("no running event loop: call this from a coroutine or callback"
                    + " running on a loop (start one with Tulip.run(...))");
        }
        return loop;
    }

    /** The loop running on this thread, or null. */
    static EventLoop runningOrNull() {
        return RUNNING.get();
    }

    /**
     * Tells whether this loop runs on virtual time.
     *
     * @return true for a virtual-time loop
     */
    public boolean isVirtualTime() {
        return virtual;
    }

    /**
     * The loop's clock in seconds: monotonic on a real-time loop, starting at 0 on a virtual one.
     *
     * @return the current loop time
     */
    public double time() {
        return virtual ? virtualNow : System.nanoTime() / 1e9;
    }

    // ---- running ----

    /**
     * Runs the loop until {@link #stop()} is called.
     *
     * @throws IllegalStateException if the loop is closed or already running, or another loop runs on
     *     this thread
     */
    public void runForever() {
        checkNotClosed();
        if (thread != null) {
            throw new IllegalStateException("This event loop is already running");
        }
        if (RUNNING.get() != null) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running on this thread");
        }
        thread = Thread.currentThread();
        RUNNING.set(this);
        try {
            for (;;) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            RUNNING.remove();
            thread = null;
        }
    }

    /**
     * Runs the loop until the awaitable is done, and returns its result; a coroutine is wrapped in a
     * task first. Python's {@code loop.run_until_complete}.
     *
     * @param awaitable what to run
     * @param <T> the result type
     * @return the result
     * @throws CancelledError if it was cancelled; any exception it failed with is rethrown as is
     */
    public <T> T runUntilComplete(Awaitable<T> awaitable) {
        checkNotClosed();
        AsyncFuture<T> future = ensureFuture(awaitable);
        java.util.function.Consumer<AsyncFuture<T>> stopper = f -> stop();
        future.addDoneCallback(stopper);
        try {
            runForever();
        } finally {
            future.removeDoneCallback(stopper);
        }
        if (!future.done()) {
            throw new IllegalStateException("Event loop stopped before the future completed: " + future);
        }
        return future.result();
    }

    /**
     * Stops the loop after the current iteration; from another thread, go through
     * {@link #callSoonThreadsafe}.
     */
    public void stop() {
        stopping = true;
        poller.wakeup(thread);
    }

    /**
     * Tells whether the loop is running.
     *
     * @return true while in {@link #runForever()} or {@link #runUntilComplete}
     */
    public boolean isRunning() {
        return thread != null;
    }

    /**
     * Tells whether the loop was closed.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop: drops pending callbacks and timers, reports the exceptions that no one retrieved,
     * warns about tasks still pending, and shuts the default executor down. Idempotent.
     *
     * @throws IllegalStateException if the loop is running
     */
    @Override
    public void close() {
        if (thread != null) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        closed = true;
        if (debug) {
            DebugTracking.loopDebugOff(); // coroutine tracking lasts while a debug loop is open
        }
        for (Task<?> t = firstPending; t != null; t = t.nextPending) {
            LOG.log(System.Logger.Level.WARNING, "Task was destroyed but it is pending: {0}", t);
        }
        ready.clear();
        timers.clear();
        if (io != null) {
            io.close();
        }
        for (UnretrievedException u : new ArrayList<>(unretrieved)) {
            u.run();
        }
        ExecutorService executor = defaultExecutor;
        defaultExecutor = null;
        if (executor != null) {
            executor.shutdown();
        }
    }

    // ---- scheduling ----

    /**
     * Schedules a callback for the next iteration; callbacks run in the order they were scheduled.
     *
     * @param callback what to run
     * @return a handle that can cancel it
     */
    public Handle callSoon(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkThread("callSoon");
        Handle h = new Handle.OfRunnable(callback);
        ready.add(h);
        return h;
    }

    /**
     * Schedules a callback after a delay.
     *
     * @param delaySeconds seconds from now (negative counts as 0)
     * @param callback what to run
     * @return a handle that can cancel it
     */
    public TimerHandle callLater(double delaySeconds, Runnable callback) {
        return callAt(time() + delaySeconds, callback);
    }

    /**
     * Schedules a callback at a loop time; equal deadlines run in scheduling order.
     *
     * @param when a {@link #time()} value
     * @param callback what to run
     * @return a handle that can cancel it
     */
    public TimerHandle callAt(double when, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (Double.isNaN(when)) {
            throw new IllegalArgumentException("callAt: when is NaN");
        }
        checkThread("callAt");
        TimerHandle h = new TimerHandle.OfRunnable(callback);
        h.loop = this;
        h.when = when;
        schedule(h);
        return h;
    }

    /**
     * Schedules a callback from any thread, and wakes the loop if it is waiting. The only scheduling
     * method that other threads may call.
     *
     * @param callback what to run on the loop thread
     */
    public void callSoonThreadsafe(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (closed) {
            throw new IllegalStateException("Event loop is closed");
        }
        inbox.add(callback);
        poller.wakeup(thread);
    }

    // ---- I/O readiness ----

    /**
     * Calls {@code callback} on the loop whenever {@code channel} is ready for reading (or, for a server
     * socket, has a connection to accept), until {@link #removeReader}; Python's {@code loop.add_reader}.
     * The channel is made non-blocking. A channel has at most one reader: a new one replaces the old.
     *
     * @param channel any selectable channel: socket, server socket, pipe end
     * @param callback what to run, on the loop thread, each iteration the channel is ready
     * @throws IllegalArgumentException if the channel is closed
     */
    public void addReader(SelectableChannel channel, Runnable callback) {
        addWatch(channel, true, callback);
    }

    /**
     * Calls {@code callback} on the loop whenever {@code channel} is ready for writing (for a socket
     * whose non-blocking connect is pending: when the connect has finished, so call
     * {@link java.nio.channels.SocketChannel#finishConnect()}), until {@link #removeWriter}; Python's
     * {@code loop.add_writer}. A channel has at most one writer: a new one replaces the old.
     *
     * @param channel any selectable channel
     * @param callback what to run, on the loop thread, each iteration the channel is ready
     * @throws IllegalArgumentException if the channel is closed
     */
    public void addWriter(SelectableChannel channel, Runnable callback) {
        addWatch(channel, false, callback);
    }

    /**
     * Stops watching a channel for reading; a callback already queued for this iteration does not run.
     *
     * @param channel the channel
     * @return true if a reader was registered
     */
    public boolean removeReader(SelectableChannel channel) {
        checkThread("removeReader");
        return io != null && io.remove(channel, true);
    }

    /**
     * Stops watching a channel for writing; a callback already queued for this iteration does not run.
     *
     * @param channel the channel
     * @return true if a writer was registered
     */
    public boolean removeWriter(SelectableChannel channel) {
        checkThread("removeWriter");
        return io != null && io.remove(channel, false);
    }

    private void addWatch(SelectableChannel channel, boolean read, Runnable callback) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(callback, "callback");
        checkNotClosed();
        checkThread(read ? "addReader" : "addWriter");
        SelectorPoller p = io;
        if (p == null) {
            p = new SelectorPoller();
            io = p;
            poller = p; // volatile: a thread that still sees the parking poller posted before we poll
        }
        p.add(channel, read, new Handle.OfRunnable(callback));
    }

    /**
     * Creates a future bound to this loop.
     *
     * @param <T> the result type
     * @return a pending future
     */
    public <T> AsyncFuture<T> createFuture() {
        return new AsyncFuture<>(this);
    }

    /**
     * Wraps a coroutine in a task and schedules its first step.
     *
     * @param coroutine a coroutine that has not started
     * @param <T> the result type
     * @return the task
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    /**
     * Wraps a coroutine in a named task and schedules its first step.
     *
     * @param coroutine a coroutine that has not started
     * @param name the task's name, or null for {@code Task-N}
     * @param <T> the result type
     * @return the task
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        checkNotClosed();
        checkThread("createTask");
        Task<T> task = new Task<>(this, coroutine, name);
        readyTask(task);
        return task;
    }

    /**
     * Runs a blocking call on an executor and returns a future of this loop completed with its outcome;
     * Python's {@code loop.run_in_executor(executor, func)}. The outcome comes back through
     * {@link #callSoonThreadsafe}; a virtual-time loop waits for it before moving time forward.
     * Cancelling the future before the call starts means it never runs; a running call is not
     * interrupted and its outcome is dropped.
     *
     * @param executor where to run it; null for the loop's default executor (a cached pool of daemon
     *     threads, shut down when the loop closes)
     * @param callable the blocking work
     * @param <T> the result type
     * @return the future
     * @throws java.util.concurrent.RejectedExecutionException if the executor refuses the work
     */
    public <T> AsyncFuture<T> runInExecutor(java.util.concurrent.Executor executor,
            java.util.concurrent.Callable<T> callable) {
        checkNotClosed();
        return Threads.runInExecutor(this, executor, callable);
    }

    /**
     * Returns a future for an awaitable: a future or task as is, a coroutine wrapped in a new task,
     * anything else in a task that awaits it. Python's {@code asyncio.ensure_future}.
     *
     * @param awaitable what to wrap
     * @param <T> the result type
     * @return a future on this loop
     */
    @SuppressWarnings("unchecked")
    public <T> AsyncFuture<T> ensureFuture(Awaitable<T> awaitable) {
        Objects.requireNonNull(awaitable, "awaitable");
        if (awaitable instanceof AsyncFuture) {
            AsyncFuture<T> f = (AsyncFuture<T>) awaitable;
            if (f.loop != this) {
                throw new IllegalStateException(f + " belongs to a different event loop");
            }
            return f;
        }
        if (awaitable instanceof Coroutine) {
            return createTask((Coroutine<T>) awaitable);
        }
        return createTask(Coroutines.awaiting(awaitable));
    }

    /**
     * The tasks of this loop that are not done yet.
     *
     * @return a snapshot, in creation order
     */
    public List<Task<?>> allTasks() {
        List<Task<?>> list = new ArrayList<>(pendingCount);
        for (Task<?> t = firstPending; t != null; t = t.nextPending) {
            list.add(t);
        }
        java.util.Collections.reverse(list);
        return list;
    }

    /**
     * How many timers are scheduled and not cancelled (cancelled timers leave the heap at once).
     *
     * @return the number of pending timers
     */
    public int scheduledTimerCount() {
        return timers.size();
    }

    /**
     * How many tasks and callbacks are ready to run in the loop's next pass (testing tools use it, with
     * {@link #nextTimerTime()}, to tell when the loop has gone idle).
     *
     * @return the length of the ready queue; call from the loop's thread
     */
    public int readyCount() {
        return ready.size();
    }

    /**
     * When the earliest scheduled timer is due, on this loop's clock.
     *
     * @return its time, or {@code NaN} when no timer is scheduled; call from the loop's thread
     */
    public double nextTimerTime() {
        TimerHandle next = timers.peek();
        return next == null ? Double.NaN : next.when;
    }

    /**
     * The task whose coroutine is running right now, or null when a plain callback runs.
     *
     * @return the current task, or null
     */
    public Task<?> currentTask() {
        return currentTask;
    }

    // ---- debug and errors ----

    /**
     * Enables debug mode: a callback or task step that keeps the loop longer than the slow-callback
     * duration (0.1 s by default) is logged with the task and the duration; coroutines created from now
     * on that are never awaited are reported with where they were created; thread misuse fails fast.
     * Also enabled by the system property {@code tulip.debug=true}, or {@code Tulip.run(main, true)}.
     *
     * @param enabled whether to enable it
     */
    public void setDebug(boolean enabled) {
        if (enabled && !debug) {
            DebugTracking.loopDebugOn();
        } else if (!enabled && debug) {
            DebugTracking.loopDebugOff();
        }
        debug = enabled;
    }

    /**
     * Tells whether debug mode is on.
     *
     * @return true in debug mode
     */
    public boolean getDebug() {
        return debug;
    }

    /**
     * In debug mode, a callback or task step that keeps the loop longer than this is logged.
     *
     * @param seconds the threshold (default 0.1)
     */
    public void setSlowCallbackDuration(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("slow callback duration must be >= 0, got " + seconds);
        }
        slowCallbackDuration = seconds;
    }

    /**
     * The debug-mode threshold for slow steps.
     *
     * @return seconds
     */
    public double getSlowCallbackDuration() {
        return slowCallbackDuration;
    }

    /**
     * Replaces the handler of errors that have no caller (null restores the default, which logs
     * through {@link System.Logger} {@code dev.tulip}).
     *
     * @param handler the handler, or null
     */
    public void setExceptionHandler(ExceptionHandler handler) {
        exceptionHandler = handler;
    }

    /**
     * Reports an error to the exception handler.
     *
     * @param message what happened
     * @param exception the exception, or null
     */
    public void callExceptionHandler(String message, Throwable exception) {
        ExceptionHandler h = exceptionHandler;
        if (h != null) {
            try {
                h.handle(this, message, exception);
                return;
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, "Unhandled error in exception handler", t);
            }
        }
        LOG.log(System.Logger.Level.ERROR, message, exception);
    }

    // ---- internals ----

    /** Puts a task on the ready queue, allocation-free. */
    void readyTask(Task<?> task) {
        ready.add(task);
    }

    /** Schedules a handle made by the runtime (a done callback), as {@link #callSoon} does. */
    void readyHandle(Handle handle) {
        checkThread("callSoon");
        ready.add(handle);
    }

    void schedule(TimerHandle timer) {
        timers.add(timer);
    }

    void timerCancelled(TimerHandle timer) {
        timers.remove(timer);
    }

    Task<?> enterTask(Task<?> task) {
        Task<?> previous = currentTask;
        currentTask = task;
        return previous;
    }

    void leaveTask(Task<?> previous) {
        currentTask = previous;
    }

    void taskCreated(Task<?> task) {
        Task<?> first = firstPending;
        task.nextPending = first;
        if (first != null) {
            first.previousPending = task;
        }
        firstPending = task;
        pendingCount++;
    }

    void taskDone(Task<?> task) {
        Task<?> prev = task.previousPending;
        Task<?> next = task.nextPending;
        if (prev != null) {
            prev.nextPending = next;
        } else if (firstPending == task) {
            firstPending = next;
        } else {
            return; // not in the list
        }
        if (next != null) {
            next.previousPending = prev;
        }
        task.previousPending = null;
        task.nextPending = null;
        pendingCount--;
    }

    UnretrievedException trackUnretrieved(AsyncFuture<?> future, Throwable exception) {
        String kind = future instanceof Task ? "Task" : "Future";
        UnretrievedException u = new UnretrievedException(this,
                kind + " exception was never retrieved: " + future, exception);
        unretrieved.add(u);
        CLEANER.register(future, u);
        return u;
    }

    void forgetUnretrieved(UnretrievedException u) {
        unretrieved.remove(u);
    }

    boolean claimUnretrieved(UnretrievedException u) {
        return unretrieved.remove(u);
    }

    /** Marks the start of work on another thread that will report back through the inbox. */
    void beginExternalWork() {
        externalWork.incrementAndGet();
    }

    /** Marks the end of such work; call it from the callback that reports back, on the loop thread. */
    void endExternalWork() {
        externalWork.decrementAndGet();
    }

    /**
     * The loop's shared executor for blocking calls, created on first use and shut down with the loop.
     *
     * @return the default executor
     */
    synchronized ExecutorService defaultExecutor() {
        checkNotClosed();
        ExecutorService e = defaultExecutor;
        if (e == null) {
            AtomicInteger n = new AtomicInteger();
            e = java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "tulip-executor-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            defaultExecutor = e;
        }
        return e;
    }

    private void checkNotClosed() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed");
        }
    }

    void checkThread(String what) {
        if (debug) {
            Thread t = thread;
            if (t != null && t != Thread.currentThread()) {
                throw new IllegalStateException(what + " called from thread '" + Thread.currentThread().getName()
                        + "' but the loop runs on '" + t.getName() + "': use callSoonThreadsafe from other threads");
            }
        }
    }

    /** One iteration: asyncio's {@code BaseEventLoop._run_once}. */
    private void runOnce() {
        drainInbox();
        if (ready.isEmpty() && !stopping) {
            waitForWork();
            drainInbox();
        } else if (io != null) {
            io.poll(0, ready); // callbacks are ready: look at I/O without waiting, so it is not starved
        }
        if (!timers.isEmpty()) {
            // Read the clock only when a timer may be due: System.nanoTime() costs about as much as a
            // whole sleep(0) step, and loops that only yield or exchange futures need no clock at all.
            double now = time();
            double end = virtual ? now : now + 1e-9;
            TimerHandle t;
            while ((t = timers.peek()) != null && (virtual ? t.when <= end : t.when < end)) {
                timers.poll();
                ready.add(t);
            }
        }
        for (int n = ready.size(); n > 0; n--) {
            Object item = ready.poll();
            if (item instanceof Task) {
                runStep((Task<?>) item);
            } else {
                Handle h = (Handle) item;
                if (!h.cancelled) {
                    runHandle(h);
                }
            }
        }
    }

    private void runStep(Task<?> task) {
        if (debug) {
            long start = System.nanoTime();
            task.step();
            reportIfSlow(start, task);
        } else {
            task.step();
        }
    }

    private void runHandle(Handle h) {
        long start = debug ? System.nanoTime() : 0;
        try {
            h.fire();
        } catch (Throwable e) {
            if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                throw (VirtualMachineError) e;
            }
            callExceptionHandler("Exception in callback " + h, e);
        }
        if (debug) {
            reportIfSlow(start, h);
        }
    }

    private void reportIfSlow(long startNanos, Object what) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (seconds >= slowCallbackDuration) {
            LOG.log(System.Logger.Level.WARNING, String.format(java.util.Locale.ROOT,
                    "Executing %s took %.3f seconds", what, seconds));
        }
    }

    private void drainInbox() {
        Runnable r;
        while ((r = inbox.poll()) != null) {
            ready.add(new Handle.OfRunnable(r));
        }
    }

    /** Nothing is ready: wait for the next timer or for another thread to call in. */
    private void waitForWork() {
        TimerHandle next = timers.peek();
        Poller p = poller;
        if (virtual) {
            while (externalWork.get() > 0 && inbox.isEmpty() && !stopping) {
                if (p.poll(10_000_000L, ready) > 0) {
                    return;
                }
            }
            if (!inbox.isEmpty() || stopping) {
                return;
            }
            if (io != null && io.poll(0, ready) > 0) {
                return; // I/O is ready at this instant: time does not move past it
            }
            if (next == null && io != null && io.hasRegistrations()) {
                while (inbox.isEmpty() && !stopping) {
                    if (io.poll(-1, ready) > 0) {
                        return;
                    }
                }
                return;
            }
            if (next != null) {
                if (next.when > virtualNow) {
                    virtualNow = next.when;
                }
                return;
            }
            throw new IllegalStateException("Event loop on virtual time has nothing left to run: every task waits"
                    + " for something that no callback, timer or thread will ever provide (deadlock). Pending: "
                    + allTasks());
        }
        if (next == null) {
            while (inbox.isEmpty() && !stopping) {
                if (p.poll(-1, ready) > 0) {
                    return;
                }
            }
        } else {
            long nanos;
            while (inbox.isEmpty() && !stopping
                    && (nanos = (long) ((next.when - time()) * 1e9)) > 0) {
                if (p.poll(nanos, ready) > 0) {
                    return;
                }
            }
        }
    }
}
