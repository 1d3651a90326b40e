package dev.tulip;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The implementations behind {@link Tulip#wait wait}, {@link Tulip#waitFor waitFor},
 * {@link Tulip#asCompleted asCompleted} and {@link Tulip#shield shield}: Python's
 * {@code asyncio/tasks.py}, with its coroutines written as state machines that follow the contract of
 * {@code docs/contract.md}, exactly as generated code would.
 */
final class Combinators {
    private Combinators() {
    }

    /** Wraps each awaitable in a future once (a repeated awaitable counts once), keeping input order. */
    @SuppressWarnings("unchecked")
    static <T> LinkedHashSet<AsyncFuture<T>> ensureFutures(EventLoop loop,
            Collection<? extends Awaitable<? extends T>> aws) {
        Map<Awaitable<?>, Boolean> seen = new IdentityHashMap<>();
        LinkedHashSet<AsyncFuture<T>> fs = new LinkedHashSet<>();
        for (Awaitable<? extends T> aw : aws) {
            Objects.requireNonNull(aw, "awaitable");
            if (seen.put(aw, Boolean.TRUE) == null) {
                fs.add((AsyncFuture<T>) loop.ensureFuture(aw));
            }
        }
        return fs;
    }

    /** The loop of the first future among the awaitables, or the running loop. */
    static EventLoop loopOf(Collection<? extends Awaitable<?>> aws) {
        for (Awaitable<?> aw : aws) {
            if (aw instanceof AsyncFuture) {
                return ((AsyncFuture<?>) aw).loop;
            }
        }
        return EventLoop.running();
    }

    static void checkTimeout(double seconds) {
        if (Double.isNaN(seconds)) {
            throw new IllegalArgumentException("timeout is NaN");
        }
    }

    private static void wakeWaiter(AsyncFuture<Void> waiter) {
        if (!waiter.done()) {
            waiter.setResult(null);
        }
    }

    // ---- wait ----

    /**
     * Python's {@code asyncio.wait} (with {@code _wait}):
     * <pre>{@code
     * @Async static <T> Coroutine<WaitResult<T>> wait(Collection<...> aws, double timeout, ReturnWhen returnWhen) {
     *     Set<AsyncFuture<T>> fs = ensureFutures(aws);
     *     AsyncFuture<Void> waiter = loop.createFuture();
     *     TimerHandle handle = timeout is finite ? loop.callLater(timeout, () -> wakeWaiter(waiter)) : null;
     *     int counter = fs.size();
     *     Consumer<AsyncFuture<?>> onCompletion = f -> {
     *         counter--;
     *         if (counter <= 0 || returnWhen == FIRST_COMPLETED
     *                 || returnWhen == FIRST_EXCEPTION && !f.cancelled() && f.exception() != null) {
     *             if (handle != null) handle.cancel();
     *             wakeWaiter(waiter);
     *         }
     *     };
     *     for (var f : fs) f.addDoneCallback(onCompletion);
     *     try {
     *         await(waiter);
     *     } finally {
     *         if (handle != null) handle.cancel();
     *         for (var f : fs) f.removeDoneCallback(onCompletion);
     *     }
     *     return done(new WaitResult<>(the done ones, the others));
     * }}</pre>
     */
    static final class Wait<T> extends Coroutine<WaitResult<T>> {
        private Collection<? extends Awaitable<? extends T>> aws;
        private final double timeout;
        private final ReturnWhen returnWhen;
        private LinkedHashSet<AsyncFuture<T>> fs;
        private AsyncFuture<Void> waiter;
        private TimerHandle handle;
        private int counter;
        private Consumer<AsyncFuture<?>> onCompletion;

        Wait(Collection<? extends Awaitable<? extends T>> aws, double timeout, ReturnWhen returnWhen) {
            this.aws = aws;
            this.timeout = timeout;
            this.returnWhen = returnWhen;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0: {
                    if (thrown != null) {
                        throw thrown;
                    }
                    EventLoop loop = EventLoop.running();
                    fs = ensureFutures(loop, aws);
                    aws = null;
                    AsyncFuture<Void> w = loop.createFuture();
                    waiter = w;
                    if (timeout != Double.POSITIVE_INFINITY) {
                        handle = loop.callLater(timeout, () -> wakeWaiter(w));
                    }
                    counter = fs.size();
                    onCompletion = this::onCompletion;
                    for (AsyncFuture<T> f : fs) {
                        f.addDoneCallback(onCompletion);
                    }
                    state = 1;
                    return w;
                }
                case 1: {
                    // finally
                    if (handle != null) {
                        handle.cancel();
                        handle = null;
                    }
                    for (AsyncFuture<T> f : fs) {
                        f.removeDoneCallback(onCompletion);
                    }
                    if (thrown != null) {
                        throw thrown;
                    }
                    LinkedHashSet<AsyncFuture<T>> done = new LinkedHashSet<>();
                    LinkedHashSet<AsyncFuture<T>> pending = new LinkedHashSet<>();
                    for (AsyncFuture<T> f : fs) {
                        (f.done() ? done : pending).add(f);
                    }
                    fs = null;
                    waiter = null;
                    onCompletion = null;
                    return complete(new WaitResult<>(done, pending));
                }
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        private void onCompletion(AsyncFuture<?> f) {
            counter--;
            if (counter <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null)) {
                if (handle != null) {
                    handle.cancel();
                }
                wakeWaiter(waiter);
            }
        }

        @Override
        protected String name() {
            return "wait";
        }
    }

    // ---- waitFor ----

    /**
     * Python 3.12's {@code asyncio.wait_for}:
     * <pre>{@code
     * @Async static <T> Coroutine<T> waitFor(Awaitable<T> aw, double timeout) {
     *     if (timeout <= 0) {
     *         AsyncFuture<T> fut = ensureFuture(aw);
     *         if (fut.done()) return done(fut.result());
     *         // _cancel_and_wait: cancel, then wait until it is really done, without awaiting it directly
     *         AsyncFuture<Void> waiter = loop.createFuture();
     *         Consumer<...> cb = f -> wakeWaiter(waiter);
     *         fut.addDoneCallback(cb);
     *         try {
     *             fut.cancel();
     *             await(waiter);
     *         } finally {
     *             fut.removeDoneCallback(cb);
     *         }
     *         try {
     *             return done(fut.result());
     *         } catch (CancelledError e) {
     *             throw new TimeoutError(..., e);
     *         }
     *     }
     *     try (var t = timeout(timeout)) {
     *         return done(await(aw));   // a coroutine runs right here, in the caller's task
     *     }
     * }}</pre>
     */
    static final class WaitFor<T> extends Coroutine<T> {
        private Awaitable<T> aw;
        private final double timeout;
        private AsyncFuture<T> fut;
        private AsyncFuture<Void> waiter;
        private Consumer<AsyncFuture<T>> releaser;
        private Timeout scope;

        WaitFor(Awaitable<T> aw, double timeout) {
            this.aw = aw;
            this.timeout = timeout;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0: {
                    if (thrown != null) {
                        throw thrown;
                    }
                    EventLoop loop = EventLoop.running();
                    Awaitable<T> a = aw;
                    aw = null;
                    if (timeout <= 0) {
                        AsyncFuture<T> f = loop.ensureFuture(a);
                        if (f.done()) {
                            return complete(f.result());
                        }
                        fut = f;
                        AsyncFuture<Void> w = loop.createFuture();
                        waiter = w;
                        releaser = x -> wakeWaiter(w);
                        f.addDoneCallback(releaser);
                        f.cancel();
                        state = 1;
                        return w;
                    }
                    scope = new Timeout(loop.time() + timeout);
                    state = 2;
                    return a;
                }
                case 1: {
                    AsyncFuture<T> f = fut;
                    f.removeDoneCallback(releaser);
                    fut = null;
                    waiter = null;
                    releaser = null;
                    if (thrown != null) {
                        throw thrown;
                    }
                    T result;
                    try {
                        result = f.result();
                    } catch (CancelledError e) {
                        throw new TimeoutError("waitFor: timeout " + timeout + " <= 0 and " + f + " was not done", e);
                    }
                    return complete(result);
                }
                case 2: {
                    Timeout t = scope;
                    scope = null;
                    Throwable replacement = t.exit(thrown);
                    if (replacement != null) {
                        throw replacement;
                    }
                    if (thrown != null) {
                        throw thrown;
                    }
                    return complete((T) sent);
                }
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        @Override
        protected String name() {
            return "waitFor";
        }
    }

    // ---- asCompleted ----

    /** Python 3.13's {@code _AsCompletedIterator}, iterated the plain way (each item resolves a result). */
    static final class AsCompleted<T> {
        /** What the timeout puts in the queue instead of a future (Python's None). */
        private static final Object TIMED_OUT = new Object();

        private final EventLoop loop;
        private final LinkedHashSet<AsyncFuture<T>> todo;
        /** Python's {@code Queue}: finished futures (or TIMED_OUT), and the getters waiting for one. */
        private final ArrayDeque<Object> done = new ArrayDeque<>();
        private final ArrayDeque<AsyncFuture<Void>> getters = new ArrayDeque<>();
        private TimerHandle timeoutHandle;
        private final Consumer<AsyncFuture<?>> onCompletion = this::handleCompletion;

        AsCompleted(Collection<? extends Awaitable<? extends T>> aws, double timeout) {
            loop = loopOf(aws);
            todo = ensureFutures(loop, aws);
            for (AsyncFuture<T> f : todo) {
                f.addDoneCallback(onCompletion);
            }
            if (!todo.isEmpty() && timeout != Double.POSITIVE_INFINITY) {
                timeoutHandle = loop.callLater(timeout, this::handleTimeout);
            }
        }

        List<Awaitable<T>> items() {
            int n = todo.size();
            List<Awaitable<T>> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(new WaitForOne<>(this));
            }
            return Collections.unmodifiableList(list);
        }

        private void handleTimeout() {
            for (AsyncFuture<T> f : todo) {
                f.removeDoneCallback(onCompletion);
                put(TIMED_OUT);
            }
            todo.clear();
        }

        private void handleCompletion(AsyncFuture<?> f) {
            if (todo.isEmpty()) {
                return; // the timeout came first
            }
            todo.remove(f);
            put(f);
            if (todo.isEmpty() && timeoutHandle != null) {
                timeoutHandle.cancel();
            }
        }

        /** Python's {@code Queue.put_nowait}: store, then wake the first getter still waiting. */
        private void put(Object item) {
            done.add(item);
            wakeupNext();
        }

        private void wakeupNext() {
            AsyncFuture<Void> g;
            while ((g = getters.poll()) != null) {
                if (!g.done()) {
                    g.setResult(null);
                    break;
                }
            }
        }
    }

    /**
     * One item of {@code asCompleted}: Python's {@code _wait_for_one(resolve=True)} with the queue's
     * {@code get()} inlined.
     * <pre>{@code
     * @Async Coroutine<T> waitForOne() {
     *     while (done.isEmpty()) {
     *         AsyncFuture<Void> getter = loop.createFuture();
     *         getters.add(getter);
     *         try {
     *             await(getter);
     *         } catch (Throwable e) {
     *             getter.cancel();
     *             getters.remove(getter);
     *             if (!done.isEmpty() && !getter.cancelled()) wakeupNext();  // pass our turn on
     *             throw e;
     *         }
     *     }
     *     Object f = done.poll();
     *     if (f == TIMED_OUT) throw new TimeoutError();
     *     return done(f.result());
     * }}</pre>
     */
    static final class WaitForOne<T> extends Coroutine<T> {
        private AsCompleted<T> owner;
        private AsyncFuture<Void> getter;

        WaitForOne(AsCompleted<T> owner) {
            this.owner = owner;
        }

        @Override
        @SuppressWarnings("unchecked")
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            AsCompleted<T> q = owner;
            for (;;) {
                switch (state) {
                    case 0: {
                        if (thrown != null) {
                            throw thrown;
                        }
                        if (q.done.isEmpty()) {
                            AsyncFuture<Void> g = q.loop.createFuture();
                            getter = g;
                            q.getters.add(g);
                            state = 1;
                            return g;
                        }
                        owner = null;
                        state = 2;
                        Object item = q.done.poll();
                        if (item == AsCompleted.TIMED_OUT) {
                            throw new TimeoutError("asCompleted: timed out");
                        }
                        return complete(((AsyncFuture<T>) item).result());
                    }
                    case 1: {
                        AsyncFuture<Void> g = getter;
                        getter = null;
                        if (thrown != null) {
                            g.cancel();
                            q.getters.remove(g);
                            if (!q.done.isEmpty() && !g.cancelled()) {
                                q.wakeupNext();
                            }
                            throw thrown;
                        }
                        state = 0;
                        continue;
                    }
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }

        @Override
        protected String name() {
            return "asCompleted";
        }
    }

    // ---- shield ----

    /** Python's {@code asyncio.shield}. */
    static <T> AsyncFuture<T> shield(Awaitable<T> aw) {
        Objects.requireNonNull(aw, "awaitable");
        EventLoop loop = aw instanceof AsyncFuture ? ((AsyncFuture<?>) aw).loop : EventLoop.running();
        AsyncFuture<T> inner = loop.ensureFuture(aw);
        if (inner.done()) {
            return inner;
        }
        ShieldFuture<T> outer = new ShieldFuture<>(loop, inner);
        Consumer<AsyncFuture<T>> innerDone = i -> {
            if (outer.cancelled()) {
                if (!i.cancelled()) {
                    i.exception(); // mark retrieved: the shield's awaiter is gone
                }
                return;
            }
            if (i.cancelled()) {
                outer.cancel();
            } else {
                Throwable exc = i.exception();
                if (exc != null) {
                    outer.setException(exc);
                } else {
                    outer.setResult(i.result());
                }
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(o -> {
            if (!inner.done()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }

    /** The outer future of {@link #shield}; a plain future that names what it shields. */
    static final class ShieldFuture<T> extends AsyncFuture<T> {
        private AsyncFuture<T> inner;

        ShieldFuture(EventLoop loop, AsyncFuture<T> inner) {
            super(loop);
            this.inner = inner;
        }

        @Override
        void onSettled() {
            inner = null;
        }

        @Override
        public String toString() {
            String text = outcomeText();
            AsyncFuture<T> i = inner;
            return "<shield [" + statusName() + "]" + (i != null ? " of " + i : "")
                    + (text.isEmpty() ? "" : " (" + text + ")") + ">";
        }
    }
}
