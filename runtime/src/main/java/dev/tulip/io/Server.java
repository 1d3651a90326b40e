package dev.tulip.io;

import dev.tulip.AsyncFuture;
import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A listening TCP server: Python's {@code asyncio.Server} from {@code start_server}. Each accepted
 * connection gets a {@link StreamReader}/{@link StreamWriter} pair and a new task running the
 * {@link ConnectionHandler}.
 *
 * <p>{@link #close()} stops listening; connections already accepted go on until they finish, or until
 * {@link #closeClients()}/{@link #abortClients()}. {@link #waitClosed()} completes when the server is
 * closed and every connection is gone (Python 3.12+). Usable in try-with-resources.
 *
 * <p>Not thread-safe: use it from its loop's thread (the loop that started it). With a {@link LoopGroup},
 * connections run on the group's loops and the server keeps its books through
 * {@link EventLoop#callSoonThreadsafe}.
 */
public final class Server implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("dev.tulip.io");
    private static final double ACCEPT_RETRY_DELAY = 1.0;

    private final EventLoop loop;
    private final ConnectionHandler handler;
    private final int limit;
    private final int backlog;
    private final List<ServerSocketChannel> listeners;
    private final Set<SocketTransport> connections = new LinkedHashSet<>();
    private final List<AsyncFuture<Void>> closeWaiters = new ArrayList<>();
    private AsyncFuture<Void> servingForever;
    private boolean closed;
    /** Where connections run: null for this server's own loop. */
    private final LoopGroup workers;
    /** TLS for every connection, or null. */
    private final TlsOptions tls;

    Server(EventLoop loop, ConnectionHandler handler, List<ServerSocketChannel> listeners, int limit, int backlog,
            LoopGroup workers, TlsOptions tls) {
        this.workers = workers;
        this.tls = tls;
        this.loop = loop;
        this.handler = handler;
        this.listeners = listeners;
        this.limit = limit;
        this.backlog = backlog;
        for (ServerSocketChannel l : listeners) {
            loop.addReader(l, () -> acceptReady(l));
        }
    }

    private void acceptReady(ServerSocketChannel listener) {
        for (int i = 0; i < backlog; i++) {
            SocketChannel ch;
            try {
                ch = listener.accept();
            } catch (IOException e) {
                // Out of descriptors (EMFILE) and the like: stop accepting for a while, as asyncio does,
                // instead of spinning on a listener that stays readable.
                LOG.log(System.Logger.Level.ERROR, "accept failed on " + this + "; retrying in "
                        + ACCEPT_RETRY_DELAY + " s", e);
                loop.removeReader(listener);
                loop.callLater(ACCEPT_RETRY_DELAY, () -> {
                    if (!closed) {
                        loop.addReader(listener, () -> acceptReady(listener));
                    }
                });
                return;
            }
            if (ch == null) {
                return;
            }
            accepted(ch);
        }
    }

    private void accepted(SocketChannel ch) {
        if (workers == null) {
            serve(loop, ch);
            return;
        }
        EventLoop worker = workers.next();
        pendingHandoffs++;
        try {
            worker.callSoonThreadsafe(() -> serve(worker, ch));
        } catch (IllegalStateException e) { // the worker loop is closed
            pendingHandoffs--;
            try {
                ch.close();
            } catch (IOException ignored) {
                // dropping it anyway
            }
        }
    }

    private int pendingHandoffs;

    /** Runs on the server's loop: book-keeping of connections that live on other loops. */
    private void onServerLoop(EventLoop from, Runnable r) {
        if (from == loop) {
            r.run();
        } else if (!loop.isClosed()) {
            try {
                loop.callSoonThreadsafe(r);
            } catch (IllegalStateException closedMeanwhile) {
                // the server's loop is gone: nobody is left to keep the books for
            }
        }
    }

    /** Sets a connection up on {@code on} (this server's loop, or a worker's) and starts its handler. */
    private void serve(EventLoop on, SocketChannel ch) {
        SocketTransport t;
        try {
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            t = new SocketTransport(on, ch, new StreamReader(on, limit));
            t.accepted = true;
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "dropping a connection that failed at accept", e);
            try {
                ch.close();
            } catch (IOException ignored) {
                // already failing
            }
            if (on != loop) {
                onServerLoop(on, () -> {
                    pendingHandoffs--;
                    checkWaiters();
                });
            }
            return;
        }
        onServerLoop(on, () -> {
            if (on != loop) {
                pendingHandoffs--;
            }
            connections.add(t);
        });
        t.onLost = () -> onServerLoop(on, () -> {
            connections.remove(t);
            checkWaiters();
        });
        if (tls == null) {
            startHandler(on, t);
            return;
        }
        javax.net.ssl.SSLEngine engine;
        try {
            engine = tls.newEngine(false, null, 0);
        } catch (RuntimeException e) {
            on.callExceptionHandler("TlsOptions.configure failed for a connection of " + this, e);
            t.abort();
            return;
        }
        // The handler runs once the handshake is done; a failed one has closed the connection already.
        TlsTransport s = new TlsTransport(t, engine, tls.handshakeTimeout());
        s.handshake.addDoneCallback(f -> {
            if (f.exception() != null) {
                LOG.log(System.Logger.Level.DEBUG, () -> "TLS handshake failed on " + this + ": " + f.exception());
            } else {
                startHandler(on, s);
            }
        });
    }

    private void startHandler(EventLoop on, Transport t) {
        StreamWriter writer = new StreamWriter(t);
        Coroutine<Void> body;
        try {
            body = handler.handle(t.reader, writer);
        } catch (RuntimeException | Error e) {
            on.callExceptionHandler("Unhandled exception in the connection handler of " + this, e);
            t.abort();
            return;
        }
        Task<Void> task = on.createTask(body);
        task.addDoneCallback(f -> {
            if (!f.cancelled() && f.exception() != null) {
                on.callExceptionHandler("Unhandled exception in the connection handler for " + t.peer, f.exception());
                t.abort();
            } else {
                t.close();
            }
        });
    }

    /**
     * The port of the first listening socket: what the OS chose when the server was started on port 0.
     *
     * @return the port
     */
    public int port() {
        return addresses().get(0).getPort();
    }

    /**
     * The addresses the server listens on.
     *
     * @return one per listening socket (empty once closed)
     */
    public List<InetSocketAddress> addresses() {
        List<InetSocketAddress> list = new ArrayList<>();
        for (ServerSocketChannel l : listeners) {
            try {
                list.add((InetSocketAddress) l.getLocalAddress());
            } catch (IOException e) {
                // closed: not listening there any more
            }
        }
        return list;
    }

    /**
     * Tells whether the server accepts connections.
     *
     * @return true until {@link #close()}
     */
    public boolean isServing() {
        return !closed;
    }

    /**
     * How many accepted connections are still open.
     *
     * @return the count
     */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Stops listening: the listening sockets are closed at once; accepted connections are left to finish.
     * Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (ServerSocketChannel l : listeners) {
            loop.removeReader(l);
            try {
                l.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing a listener failed", e);
            }
        }
        AsyncFuture<Void> f = servingForever;
        if (f != null && !f.done()) {
            f.cancel();
        }
        checkWaiters();
    }

    /** Closes every accepted connection after what is queued for it (Python 3.13's {@code close_clients}). */
    public void closeClients() {
        for (SocketTransport t : new ArrayList<>(connections)) {
            onLoopOf(t, () -> { // read tls on the connection's loop: a worker sets it there
                if (t.tls != null) {
                    t.tls.close(); // close_notify first
                } else {
                    t.close();
                }
            });
        }
    }

    /** Aborts every accepted connection at once (Python 3.13's {@code abort_clients}). */
    public void abortClients() {
        for (SocketTransport t : new ArrayList<>(connections)) {
            onLoopOf(t, t::abort);
        }
    }

    private void onLoopOf(SocketTransport t, Runnable r) {
        if (t.loop == loop) {
            r.run();
        } else {
            t.loop.callSoonThreadsafe(r);
        }
    }

    private void checkWaiters() {
        if (closed && connections.isEmpty() && pendingHandoffs == 0) {
            for (AsyncFuture<Void> w : closeWaiters) {
                if (!w.done()) {
                    w.setResult(null);
                }
            }
            closeWaiters.clear();
        }
    }

    /**
     * Completes when the server is closed and all its connections are gone.
     *
     * @return a coroutine completing then
     */
    public Coroutine<Void> waitClosed() {
        return new Lazy<>("Server.waitClosed", () -> {
            AsyncFuture<Void> w = loop.createFuture();
            closeWaiters.add(w);
            checkWaiters();
            return w;
        });
    }

    /**
     * Serves until cancelled; then closes the server (without waiting for its connections) and raises
     * the {@link dev.tulip.CancelledError}, as asyncio's {@code serve_forever}.
     *
     * @return a coroutine that never completes normally
     * @throws IllegalStateException (from the coroutine) if the server is closed or already serving forever
     */
    public Coroutine<Void> serveForever() {
        return new Coroutine<Void>() {
            @Override
            protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                if (state == 0) {
                    if (thrown != null) {
                        throw thrown;
                    }
                    if (servingForever != null) {
                        throw new IllegalStateException("server " + Server.this + " is already being awaited on serveForever()");
                    }
                    if (closed) {
                        throw new IllegalStateException("server " + Server.this + " is closed");
                    }
                    state = 1;
                    servingForever = loop.createFuture();
                    return servingForever;
                }
                servingForever = null;
                close();
                if (thrown != null) {
                    throw thrown;
                }
                throw new dev.tulip.CancelledError("server closed");
            }

            @Override
            protected String name() {
                return "Server.serveForever";
            }
        };
    }

    @Override
    public String toString() {
        return "<Server " + (closed ? "closed" : addresses().toString()) + " connections=" + connections.size() + ">";
    }
}
