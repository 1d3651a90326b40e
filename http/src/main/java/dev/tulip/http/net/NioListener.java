package dev.tulip.http.net;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;

import dev.tulip.Async;
import dev.tulip.AsyncCloseable;
import dev.tulip.AsyncFuture;
import dev.tulip.Awaitable;
import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.Tulip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A listening socket that runs a handler task per accepted connection, on the loop that started it
 * (NIO.2's {@link AsynchronousServerSocketChannel}; accepts are handed to the loop through
 * {@link Tulip#wrapFuture}). In try-with-resources of an {@code @Async} method it is closed on exit.
 */
public final class NioListener implements AsyncCloseable {
    private static final System.Logger LOG = System.getLogger("dev.tulip.http");

    /** What runs for each connection. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Serves one connection; the transport is aborted when the coroutine ends, if not closed before.
         *
         * @param transport the connection
         * @return the serving coroutine
         */
        Coroutine<Void> handle(Transport transport);
    }

    private final AsynchronousServerSocketChannel channel;
    private final int port;
    private final Handler handler;
    private final Set<Transport> live = new LinkedHashSet<>();
    private final Set<Task<Void>> tasks = new LinkedHashSet<>();
    private Task<Void> acceptor;
    private boolean closed;

    private NioListener(AsynchronousServerSocketChannel channel, Handler handler) throws IOException {
        this.channel = channel;
        this.port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        this.handler = handler;
    }

    /**
     * Starts listening and accepting, on the running loop.
     *
     * @param handler what serves each connection
     * @param host the address to bind ({@code "127.0.0.1"}, {@code "0.0.0.0"}, a host name)
     * @param port the port, 0 for any free one (see {@link #port()})
     * @return the listener
     * @throws UncheckedIOException when the address cannot be bound
     */
    public static NioListener start(Handler handler, String host, int port) {
        EventLoop.running();
        try {
            AsynchronousServerSocketChannel ch = AsynchronousServerSocketChannel.open();
            ch.bind(new InetSocketAddress(host, port), 1024);
            NioListener l = new NioListener(ch, handler);
            l.acceptor = Tulip.createTask(NioListenerAsync.acceptLoop(l), "accept :" + l.port);
            return l;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port, e);
        }
    }

    /**
     * The port listened on (the one chosen when 0 was asked for).
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * The connections being served.
     *
     * @return how many
     */
    public int connectionCount() {
        return live.size();
    }

    private AsyncFuture<AsynchronousSocketChannel> acceptOne() {
        CompletableFuture<AsynchronousSocketChannel> cf = new CompletableFuture<>();
        channel.accept(null, new CompletionHandler<AsynchronousSocketChannel, Void>() {
            @Override
            public void completed(AsynchronousSocketChannel c, Void a) {
                cf.complete(c);
            }

            @Override
            public void failed(Throwable t, Void a) {
                cf.completeExceptionally(t);
            }
        });
        return Tulip.wrapFuture(cf);
    }

    @Async
    static Coroutine<Void> acceptLoop(NioListener l) {
        while (!l.closed) {
            AsynchronousSocketChannel c;
            try {
                c = await(l.acceptOne());
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                if (e instanceof java.nio.channels.ClosedChannelException || l.closed) {
                    break;
                }
                LOG.log(System.Logger.Level.WARNING, "accept failed on port {0}: {1}", l.port, e);
                continue;
            }
            Transport t = new NioTransport(c);
            l.live.add(t);
            Task<Void> task = Tulip.createTask(serve(l, t), "connection " + t.remoteAddress());
            l.tasks.add(task);
            task.addDoneCallback(x -> l.tasks.remove(task));
        }
        return done();
    }

    @Async
    static Coroutine<Void> serve(NioListener l, Transport t) {
        try {
            await(l.handler.handle(t));
        } catch (CancelledError e) {
            throw e;
        } catch (Throwable e) {
            if (e instanceof IOException) {
                // the peer went away (reset, broken pipe): its business, not a fault here
                LOG.log(System.Logger.Level.DEBUG, "connection " + t.remoteAddress() + ": " + e);
            } else {
                LOG.log(System.Logger.Level.WARNING, "the handler of " + t.remoteAddress() + " failed", e);
            }
        } finally {
            l.live.remove(t);
            t.close();
        }
        return done();
    }

    /** Stops listening and aborts every connection; their handlers see the end of their streams. */
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing the listener: {0}", e);
        }
        if (acceptor != null) {
            acceptor.cancel();
        }
        for (Transport t : new ArrayList<>(live)) {
            t.abort();
        }
    }

    /**
     * Waits until every connection's handler has ended (after {@link #close()}).
     *
     * @return the waiting coroutine
     */
    public Coroutine<Void> waitClosed() {
        return NioListenerAsync.waitAll(new ArrayList<>(tasks));
    }

    @Async
    static Coroutine<Void> waitAll(List<Task<Void>> tasks) {
        for (Task<Void> t : tasks) {
            try {
                await(t);
            } catch (Throwable ignored) {
                // reported by serve(); here only the end matters
            }
        }
        return done();
    }

    /**
     * Closes and waits for the handlers (what try-with-resources awaits).
     *
     * @return the closing coroutine
     */
    @Override
    public Awaitable<Void> aclose() {
        close();
        return waitClosed();
    }
}
