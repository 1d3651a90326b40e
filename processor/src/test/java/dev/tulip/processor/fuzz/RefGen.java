package dev.tulip.processor.fuzz;

import dev.tulip.GeneratorExit;
import dev.tulip.StopIteration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The reference world's generator: an independent, plain-Java model of {@code dev.tulip.Generator} (and,
 * for {@code async} ones, of what {@code async for} and {@code aclose} observe of an
 * {@code AsyncGenerator}). The body of a generator method runs on a thread of its own;
 * {@code Tulip.yield(v)} hands {@code v} to the consumer and waits for the next request, so the body and
 * its consumer interleave exactly as a Tulip generator and its consumer do (strictly alternating: the
 * trace needs no more synchronization than the hand-off).
 *
 * <p>The public API mirrors {@code dev.tulip.Generator}'s javadoc, call by call:
 * <ul>
 *   <li>{@link #hasNext()} runs ahead to the next value and keeps it for {@link #next()};</li>
 *   <li>{@link #next()} / {@link #send send(v)} resume the body (the value sent is the result of
 *       {@code Tulip.yield}); a non-null value to a just-started generator raises
 *       IllegalStateException; one that hasNext() ran ahead too;</li>
 *   <li>{@link #throwInto} raises the exception at the yield (a generator that has not started is
 *       finished at once, a finished one raises it right away);</li>
 *   <li>{@link #close()} raises {@link GeneratorExit} at the yield, does nothing before the start or
 *       after the end, and fails with "generator ignored GeneratorExit" if the body yields again,
 *       leaving it suspended there;</li>
 *   <li>the call that runs the body to its end raises {@link StopIteration} with the return value
 *       (later calls: without), which {@link #returnValue()} also gives once the generator is
 *       exhausted; a body letting StopIteration escape raises IllegalStateException instead (PEP 479);</li>
 *   <li>{@code Tulip.yieldFrom(generator)} ({@link #yieldFrom(RefGen)}) runs in the delegating body's
 *       thread and forwards next, send, throwInto and close (a thrown GeneratorExit closes the delegate,
 *       then is raised in the delegating body) as PEP 380 does, and evaluates to the delegate's return
 *       value; {@code Tulip.yieldFrom(iterable)} ({@link #yieldFrom(Iterable)}) reads a plain iterator,
 *       refusing send(non-null) with UnsupportedOperationException.</li>
 * </ul>
 * Messages that name the generator ({@code <generator name (state)>}) use the method's name; the trace
 * drops the class name before it ({@link Trace#describe}).
 */
public final class RefGen<T> implements Iterable<T>, Iterator<T>, AutoCloseable {
    /** The generator method's body: returns null, or {@link #done(Object)} for a return value. */
    public interface Body {
        Object run() throws Throwable;
    }

    /** Thrown at the yield of a generator abandoned by its consumer, once the run is over. */
    static final class Abandoned extends Error {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("abandoned", null, false, false);
        }
    }

    /** The body returned (its return value), or a generator finished without running to a yield. */
    private static final class Finished {
        final Object value;

        Finished(Object value) {
            this.value = value;
        }
    }

    /** What the consumer asks of a suspended body: a value to send, an exception to raise, or close. */
    private static final class Op {
        final Object sent;
        final Throwable thrown;
        final boolean close;

        Op(Object sent, Throwable thrown, boolean close) {
            this.sent = sent;
            this.thrown = thrown;
            this.close = close;
        }
    }

    private static final Finished NOTHING = new Finished(null);
    private static final int CREATED = 0;
    private static final int SUSPENDED = 1;
    private static final int RUNNING = 2;
    private static final int CLOSED = 3;
    private static final ThreadLocal<RefGen<?>> CURRENT = new ThreadLocal<>();
    private static final List<RefGen<?>> STARTED = new ArrayList<>();
    /** Set while {@link #abandonAll} ends the bodies: no new body starts meanwhile. */
    private static volatile boolean abandoning;

    private final boolean async;
    private final String name;
    private final Body body;
    /** For a {@link #done} marker: the return value. */
    private final Object doneValue;

    // the hand-off between the consumer and the body's thread, under lock
    private final Object lock = new Object();
    private boolean generatorsTurn;
    private Op request;
    private boolean yielded;
    private Object value;
    private Object returned;
    private Throwable failure;
    private boolean abandoned;
    private Thread thread;

    // the generator's state, as dev.tulip.Generator keeps it
    private volatile int status = CREATED;
    private boolean ahead;
    private Object cached;
    private boolean closing;
    private boolean iteratorTaken;
    private Object returnValue;

    public RefGen(boolean async, String name, Body body) {
        this.async = async;
        this.name = name;
        this.body = body;
        this.doneValue = null;
    }

    public RefGen(boolean async, Body body) {
        this(async, "gen", body);
    }

    private RefGen(Object doneValue) {
        this.async = false;
        this.name = "done";
        this.body = null;
        this.doneValue = doneValue;
    }

    /** {@code Tulip.doneYielding(v)} in a reference body: {@code return} it, the generator returns v. */
    public static <T> RefGen<T> done(Object v) {
        return new RefGen<>(v);
    }

    // ------------------------------------------------------------------ the body's side

    private static RefGen<?> current(String what) {
        RefGen<?> g = CURRENT.get();
        if (g == null) {
            throw new IllegalStateException(what + " outside a reference generator");
        }
        return g;
    }

    /** {@code Tulip.yield(v)} in a reference generator body: returns the value sent in. */
    public static Object yield(Object v) {
        Op op = current("yield").suspend(v);
        if (op.close) {
            throw new GeneratorExit();
        }
        if (op.thrown != null) {
            throw Sync.<RuntimeException>sneaky(op.thrown);
        }
        return op.sent;
    }

    /**
     * {@code Tulip.yieldFrom(generator)}: drives the delegate from the delegating body's thread until it
     * finishes, yielding what it yields and forwarding what the consumer asks; returns its return value.
     */
    public static Object yieldFrom(RefGen<?> child) {
        RefGen<?> g = current("yieldFrom");
        if (child == null) {
            throw new NullPointerException("yieldFrom(null) in " + g + ": there is nothing to delegate to");
        }
        if (child.status == RUNNING) {
            throw alreadyExecuting();
        }
        Object r = child.deliver(null, null, false); // PEP 380: the delegation starts with next()
        for (;;) {
            if (r instanceof Finished) {
                return ((Finished) r).value;
            }
            Op op = g.suspend(r);
            if (op.close || op.thrown instanceof GeneratorExit) {
                // close the delegate first, then raise GeneratorExit here (or what closing it raised)
                Throwable exit = op.close ? new GeneratorExit() : op.thrown;
                if (child.status == RUNNING) {
                    throw alreadyExecuting();
                }
                try {
                    child.deliver(null, null, true);
                } catch (GeneratorExit e) {
                    // closed as intended
                }
                throw Sync.<RuntimeException>sneaky(exit);
            }
            if (child.status == RUNNING) {
                throw alreadyExecuting();
            }
            r = child.deliver(op.sent, op.thrown, false);
        }
    }

    /** {@code Tulip.yieldFrom(iterable)}: every element, as a Python iterator without send and throw. */
    public static void yieldFrom(Iterable<?> source) {
        RefGen<?> g = current("yieldFrom");
        Iterator<?> it = source.iterator();
        while (it.hasNext()) {
            Op op = g.suspend(it.next());
            if (op.close || op.thrown instanceof GeneratorExit) {
                Throwable exit = op.close ? new GeneratorExit() : op.thrown;
                if (it instanceof AutoCloseable) {
                    try {
                        ((AutoCloseable) it).close();
                    } catch (Throwable e) {
                        exit = e;
                    }
                }
                throw Sync.<RuntimeException>sneaky(exit);
            }
            if (op.thrown != null) {
                throw Sync.<RuntimeException>sneaky(op.thrown);
            }
            if (op.sent != null) {
                throw new UnsupportedOperationException("can't send a non-null value to " + it.getClass().getName()
                        + ": only a Generator delegate accepts send(value)");
            }
        }
    }

    /** Hands {@code v} to the consumer and waits for its next request. */
    private Op suspend(Object v) {
        synchronized (lock) {
            if (abandoned) {
                throw new Abandoned();
            }
            value = v;
            yielded = true;
            generatorsTurn = false;
            lock.notifyAll();
            awaitTurn(true);
            if (abandoned) {
                throw new Abandoned();
            }
            Op op = request;
            request = null;
            return op;
        }
    }

    private void awaitTurn(boolean generator) {
        while (generatorsTurn != generator) {
            try {
                lock.wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Abandoned();
            }
        }
    }

    private void runBody() {
        CURRENT.set(this);
        Throwable error = null;
        Object result = null;
        try {
            synchronized (lock) {
                awaitTurn(true);
                if (abandoned) {
                    throw new Abandoned();
                }
                request = null;
            }
            result = body.run();
        } catch (Abandoned a) {
            error = null;
        } catch (Throwable e) {
            error = e;
        } finally {
            synchronized (lock) {
                failure = error;
                returned = result instanceof RefGen && ((RefGen<?>) result).body == null
                        ? ((RefGen<?>) result).doneValue : null;
                yielded = false;
                generatorsTurn = false;
                lock.notifyAll();
            }
        }
    }

    // ------------------------------------------------------------------ the consumer's side

    /** Runs the body with a request until it yields (the value), returns ({@link Finished}) or raises. */
    private Object run(Op op) {
        status = RUNNING;
        boolean y;
        Object v;
        Object ret;
        Throwable f;
        synchronized (lock) {
            if (abandoning) {
                throw new Abandoned();
            }
            request = op;
            if (thread == null) {
                thread = new Thread(this::runBody, "ref-generator");
                thread.setDaemon(true);
                synchronized (STARTED) {
                    STARTED.add(this);
                }
                generatorsTurn = true;
                thread.start();
            } else {
                generatorsTurn = true;
                lock.notifyAll();
            }
            awaitTurn(false);
            y = yielded;
            yielded = false;
            v = value;
            value = null;
            ret = returned;
            f = failure;
            failure = null;
        }
        if (y) {
            if (closing) {
                closing = false;
                status = SUSPENDED;
                throw new IllegalStateException((async ? "async " : "") + "generator ignored GeneratorExit");
            }
            status = SUSPENDED;
            return v;
        }
        if (f != null) {
            if (f instanceof StopIteration) {
                f = new IllegalStateException("generator raised StopIteration", f);
            }
            finish();
            throw Sync.<RuntimeException>sneaky(f);
        }
        returnValue = ret;
        finish();
        return new Finished(ret);
    }

    /**
     * One operation: send (next when null), throw or close. Returns the value yielded, or a
     * {@link Finished} when the generator is (or was already) finished without raising.
     */
    private Object deliver(Object sent, Throwable thrown, boolean close) {
        int s = status;
        if (s == RUNNING) {
            throw alreadyExecuting();
        }
        if (s == CLOSED) {
            if (close || thrown == null) {
                return NOTHING;
            }
            throw Sync.<RuntimeException>sneaky(thrown);
        }
        if (s == CREATED) {
            if (close) {
                finish();
                return NOTHING;
            }
            if (thrown != null) {
                finish();
                throw Sync.<RuntimeException>sneaky(thrown);
            }
            if (sent != null) {
                throw new IllegalStateException("can't send non-null value to a just-started generator");
            }
            return run(new Op(null, null, false));
        }
        if (ahead) {
            if (!close && thrown == null) {
                if (sent != null) {
                    throw new IllegalStateException("hasNext() ran " + this + " ahead to a value that"
                            + " next() has not returned yet; call next() before send(value)");
                }
                Object v = cached;
                ahead = false;
                cached = null;
                return v;
            }
            ahead = false;
            cached = null;
        }
        if (close) {
            closing = true;
        }
        return run(new Op(sent, thrown, close));
    }

    private void finish() {
        status = CLOSED;
        closing = false;
        ahead = false;
        cached = null;
    }

    private static IllegalStateException alreadyExecuting() {
        return new IllegalStateException("generator already executing");
    }

    @Override
    public boolean hasNext() {
        if (ahead) {
            return true;
        }
        Object r = deliver(null, null, false);
        if (r instanceof Finished) {
            return false;
        }
        cached = r;
        ahead = true;
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (ahead) {
            ahead = false;
            return (T) cached;
        }
        boolean wasDone = status == CLOSED;
        Object r = deliver(null, null, false);
        if (r instanceof Finished) {
            throw new StopIteration(wasDone ? null : returnValue);
        }
        return (T) r;
    }

    @SuppressWarnings("unchecked")
    public T send(Object v) {
        if (v == null) {
            return next();
        }
        boolean wasDone = status == CLOSED;
        Object r = deliver(v, null, false);
        if (r instanceof Finished) {
            throw new StopIteration(wasDone ? null : returnValue);
        }
        return (T) r;
    }

    @SuppressWarnings("unchecked")
    public T throwInto(Throwable exception) {
        Objects.requireNonNull(exception, "exception");
        boolean wasDone = status == CLOSED;
        Object r = deliver(null, exception, false);
        if (r instanceof Finished) {
            throw new StopIteration(wasDone ? null : returnValue);
        }
        return (T) r;
    }

    @Override
    public void close() {
        if (status == CLOSED) {
            return;
        }
        try {
            deliver(null, null, true);
        } catch (GeneratorExit e) {
            // the body let GeneratorExit through: closed as intended
        }
    }

    @SuppressWarnings("unchecked")
    public <R> R returnValue() {
        if (status != CLOSED) {
            throw new IllegalStateException(this + " has no return value yet: it is not exhausted");
        }
        return (R) returnValue;
    }

    public boolean isExhausted() {
        return status == CLOSED;
    }

    @Override
    public Iterator<T> iterator() {
        if (!async) {
            if (iteratorTaken) {
                throw new IllegalStateException(this + " is iterated once: iterator() was already called; call the"
                        + " generator method again for a new generator");
            }
            iteratorTaken = true;
        }
        return this;
    }

    @Override
    public String toString() {
        String s;
        switch (status) {
            case SUSPENDED:
                s = " (suspended)";
                break;
            case RUNNING:
                s = " (running)";
                break;
            case CLOSED:
                s = " (exhausted)";
                break;
            default:
                s = "";
        }
        return "<generator " + name + s + ">";
    }

    /** Ends every generator left suspended by its consumer (their bodies see an error at their yield). */
    static void abandonAll() {
        abandoning = true;
        try {
            for (int round = 0; round < 3; round++) {
                List<RefGen<?>> all;
                synchronized (STARTED) {
                    all = new ArrayList<>(STARTED);
                    STARTED.clear();
                }
                if (all.isEmpty()) {
                    return;
                }
                for (RefGen<?> g : all) {
                    synchronized (g.lock) {
                        g.abandoned = true;
                        g.generatorsTurn = true;
                        g.lock.notifyAll();
                    }
                }
                for (RefGen<?> g : all) {
                    try {
                        g.thread.join(5000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        } finally {
            abandoning = false;
        }
    }
}
