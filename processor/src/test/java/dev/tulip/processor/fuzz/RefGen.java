package dev.tulip.processor.fuzz;

import dev.tulip.GeneratorExit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The reference world's generator: the body of a generator method runs on a thread of its own, and
 * {@code Tulip.yield(v)} hands {@code v} to the consumer and waits for the next request, so the body
 * and its consumer interleave exactly as a Tulip generator and its consumer do (strictly alternating:
 * the trace needs no more synchronization than the hand-off). Semantics mirrored from
 * {@code dev.tulip.AsyncGenerator} and {@code dev.tulip.Generator}: the body starts at the first
 * {@code hasNext()}; an exception from the body ends the generator and propagates to the consumer;
 * {@link #close()} raises {@link GeneratorExit} at the yield where the body is suspended (its finally
 * blocks run), does nothing before the start or after the end, and fails with "generator ignored
 * GeneratorExit" if the body yields again, leaving it suspended there.
 */
public final class RefGen<T> implements Iterable<T>, AutoCloseable {
    /** The generator method's body. */
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

    private static final int CREATED = 0;
    private static final int SUSPENDED = 1;
    private static final int CLOSED = 3;
    private static final ThreadLocal<RefGen<?>> CURRENT = new ThreadLocal<>();
    private static final List<RefGen<?>> STARTED = new ArrayList<>();

    private final boolean async;
    private final Body body;
    private final Object lock = new Object();
    private int status = CREATED;
    private boolean generatorsTurn;
    private boolean yielded;
    private boolean pending;
    private Object value;
    private Throwable failure;
    private Throwable toRaise;
    private boolean abandoned;
    private Thread thread;

    public RefGen(boolean async, Body body) {
        this.async = async;
        this.body = body;
    }

    /** {@code Tulip.yield(v)} in a reference generator body. */
    public static Object yield(Object v) {
        RefGen<?> g = CURRENT.get();
        if (g == null) {
            throw new IllegalStateException("yield outside a reference generator");
        }
        synchronized (g.lock) {
            g.value = v;
            g.yielded = true;
            g.generatorsTurn = false;
            g.lock.notifyAll();
            g.awaitTurn(true);
            if (g.abandoned) {
                throw new Abandoned();
            }
            Throwable raise = g.toRaise;
            g.toRaise = null;
            if (raise != null) {
                throw Sync.<RuntimeException>sneaky(raise);
            }
            return null;
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

    /** Runs the body to its next yield (true) or its end (false); rethrows what it throws. */
    private boolean step(Throwable raise) {
        synchronized (lock) {
            if (status == CREATED) {
                thread = new Thread(this::runBody, "ref-generator");
                thread.setDaemon(true);
                synchronized (STARTED) {
                    STARTED.add(this);
                }
                generatorsTurn = true;
                thread.start();
            } else {
                toRaise = raise;
                generatorsTurn = true;
                lock.notifyAll();
            }
            awaitTurn(false);
            if (yielded) {
                yielded = false;
                status = SUSPENDED;
                return true;
            }
            status = CLOSED;
            if (failure != null) {
                Throwable f = failure;
                failure = null;
                throw Sync.<RuntimeException>sneaky(f);
            }
            return false;
        }
    }

    private void runBody() {
        CURRENT.set(this);
        Throwable error = null;
        try {
            synchronized (lock) {
                awaitTurn(true);
            }
            body.run();
        } catch (Abandoned a) {
            error = null;
        } catch (Throwable e) {
            error = e;
        } finally {
            synchronized (lock) {
                failure = error;
                yielded = false;
                generatorsTurn = false;
                lock.notifyAll();
            }
        }
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<T>() {
            @Override
            public boolean hasNext() {
                if (pending) {
                    return true;
                }
                if (status == CLOSED) {
                    return false;
                }
                pending = step(null);
                return pending;
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                pending = false;
                return (T) value;
            }
        };
    }

    @Override
    public void close() {
        if (status == CREATED) {
            status = CLOSED;
            return;
        }
        if (status == CLOSED) {
            return;
        }
        pending = false;
        boolean again;
        try {
            again = step(new GeneratorExit());
        } catch (GeneratorExit e) {
            return;
        }
        if (again) {
            throw new IllegalStateException((async ? "async " : "") + "generator ignored GeneratorExit");
        }
    }

    /** Ends every generator left suspended by its consumer (their bodies see an error at their yield). */
    static void abandonAll() {
        List<RefGen<?>> all;
        synchronized (STARTED) {
            all = new ArrayList<>(STARTED);
            STARTED.clear();
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
}
