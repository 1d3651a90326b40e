package dev.tulip;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * What every synchronisation primitive and queue shares: Python's {@code mixins._LoopBoundMixin}.
 *
 * <p>Primitives are created anywhere, even outside any loop (Python programs create them at module
 * level), and bind to the running loop the first time they have to wait (the first contended use).
 * Using them from another loop afterwards is an error, as in Python 3.10+. Uncontended operations do
 * not bind, so an uncontended module-level lock can serve successive {@code run(...)} calls.
 */
abstract class LoopBound {
    private static final VarHandle LOOP;

    static {
        try {
            LOOP = MethodHandles.lookup().findVarHandle(LoopBound.class, "loop", EventLoop.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The loop this primitive is bound to, or null before its first contended use. */
    private volatile EventLoop loop;
    /** A done future holding {@link #ready}'s value, on the loop that last asked for it. */
    private AsyncFuture<?> readyFuture;

    LoopBound() {
    }

    /**
     * The running loop, binding this primitive to it on first use: asyncio's {@code _get_loop()}.
     *
     * @throws IllegalStateException if no loop runs on this thread, or the primitive is bound to another
     */
    final EventLoop boundLoop() {
        EventLoop running = EventLoop.running();
        EventLoop l = loop;
        if (l == null) {
            if (LOOP.compareAndSet(this, null, running)) {
                return running;
            }
            l = loop;
        }
        if (l != running) {
            throw new IllegalStateException(this + " is bound to a different event loop");
        }
        return running;
    }

    /** In debug mode, fails fast when called from a thread other than the bound loop's. */
    final void checkThread(String what) {
        EventLoop l = loop;
        if (l != null) {
            l.checkThread(what);
        }
    }

    /**
     * An already-done awaitable producing {@code value}, reused across calls (no allocation on the hot
     * path). {@code value} must be the same object on every call for a given primitive.
     */
    @SuppressWarnings("unchecked")
    final <T> Awaitable<T> ready(T value) {
        EventLoop running = EventLoop.runningOrNull();
        AsyncFuture<?> f = readyFuture;
        if (f != null && f.loop == running) {
            return (Awaitable<T>) f;
        }
        if (running == null) {
            return Coroutines.completed(value); // outside any loop: a one-off, awaitable by runUntilComplete
        }
        AsyncFuture<T> done = new AsyncFuture<>(running);
        done.setResult(value);
        readyFuture = done;
        return done;
    }
}
