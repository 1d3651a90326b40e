package dev.tulip.io;

import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import java.io.IOException;
import java.net.UnknownHostException;
import dev.tulip.AsyncFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Opening TCP streams: Python's {@code asyncio.open_connection} and {@code asyncio.start_server}.
 *
 * <pre>{@code
 * @Async static Void echo(StreamReader reader, StreamWriter writer) {
 *     for (byte[] line : reader) {
 *         writer.write(line);
 *         await(writer.drain());
 *     }
 *     return done();
 * }
 * @Async static Void main() {
 *     try (Server server = await(Streams.startServer(Main::echo, "127.0.0.1", 0))) {
 *         Connection c = await(Streams.openConnection("127.0.0.1", server.port()));
 *         c.writer().write("hello\n");
 *         byte[] line = await(c.reader().readLine());
 *         c.close();
 *     }
 *     return done();
 * }}</pre>
 *
 * <p>Both return lazy coroutines that run on the loop awaiting them. Errors: a refused connection raises
 * {@link java.net.ConnectException} (naming host, port and address), an unknown host
 * {@link java.net.UnknownHostException}; both are thrown undeclared, as Python raises {@code OSError}.
 */
public final class Streams {
    private Streams() {
    }

    /**
     * Connects to {@code host:port}, trying each address the host resolves to in turn.
     *
     * @param host a name or literal address
     * @param port the port
     * @return a coroutine producing the connection
     */
    public static Coroutine<Connection> openConnection(String host, int port) {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * Connects, with a reader buffer limit other than 64 KiB.
     *
     * @param host a name or literal address
     * @param port the port
     * @param limit the reader's limit (see {@link StreamReader})
     * @return a coroutine producing the connection
     */
    public static Coroutine<Connection> openConnection(String host, int port, int limit) {
        Objects.requireNonNull(host, "host");
        checkPort(port);
        checkLimit(limit);
        return new Lazy<>("Streams.openConnection", () -> {
            Connector c = new Connector(EventLoop.running(), host, port, limit);
            c.start();
            return c.result;
        });
    }

    /**
     * Starts a server on {@code host:port}; it accepts at once. Port 0 lets the OS choose
     * ({@link Server#port()} says which). A null host listens on all interfaces; a name listens on every
     * address it resolves to.
     *
     * @param handler what runs for each connection
     * @param host where to listen, or null for everywhere
     * @param port the port, or 0
     * @return a coroutine producing the server
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port) {
        return startServer(handler, host, port, StreamReader.DEFAULT_LIMIT, 100);
    }

    /**
     * Starts a server with a reader limit and listen backlog of one's own.
     *
     * @param handler what runs for each connection
     * @param host where to listen, or null for everywhere
     * @param port the port, or 0
     * @param limit the readers' limit (see {@link StreamReader})
     * @param backlog the listen backlog, also the most connections accepted per loop iteration
     * @return a coroutine producing the server
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, int limit,
            int backlog) {
        Objects.requireNonNull(handler, "handler");
        checkPort(port);
        checkLimit(limit);
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be positive, got " + backlog);
        }
        return new Lazy<>("Streams.startServer", () -> {
            EventLoop loop = EventLoop.running();
            if (host == null) {
                return done(loop, bind(loop, handler, null, port, limit, backlog));
            }
            if (Connector.isLiteral(host)) {
                InetAddress[] literal;
                try {
                    literal = new InetAddress[] {InetAddress.getByName(host)};
                } catch (IOException e) {
                    throw SocketTransport.sneaky(e);
                }
                return done(loop, bind(loop, handler, literal, port, limit, backlog));
            }
            AsyncFuture<Server> result = loop.createFuture();
            AsyncFuture<InetAddress[]> lookup = loop.runInExecutor(null, () -> InetAddress.getAllByName(host));
            lookup.addDoneCallback(f -> {
                if (result.done()) {
                    return;
                }
                if (f.cancelled()) {
                    result.cancel();
                    return;
                }
                Throwable e = f.exception();
                if (e != null) {
                    UnknownHostException u = new UnknownHostException("Cannot resolve host '" + host + "': "
                            + e.getMessage());
                    u.initCause(e);
                    result.setException(u);
                    return;
                }
                try {
                    result.setResult(bind(loop, handler, f.result(), port, limit, backlog));
                } catch (Throwable t) {
                    result.setException(t);
                }
            });
            return result;
        });
    }

    private static AsyncFuture<Server> done(EventLoop loop, Server s) {
        AsyncFuture<Server> f = loop.createFuture();
        f.setResult(s);
        return f;
    }

    private static Server bind(EventLoop loop, ConnectionHandler handler, InetAddress[] hosts, int port, int limit,
            int backlog) {
        return bind(loop, handler, hosts, port, limit, backlog, null);
    }

    private static Server bind(EventLoop loop, ConnectionHandler handler, InetAddress[] hosts, int port, int limit,
            int backlog, LoopGroup workers) {
        List<InetSocketAddress> targets = new ArrayList<>();
        if (hosts == null) {
            targets.add(new InetSocketAddress(port));
        } else {
            for (InetAddress a : hosts) {
                targets.add(new InetSocketAddress(a, port));
            }
        }
        List<ServerSocketChannel> listeners = new ArrayList<>();
        int chosen = port;
        try {
            for (InetSocketAddress t : targets) {
                ServerSocketChannel l = ServerSocketChannel.open();
                listeners.add(l);
                l.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                l.configureBlocking(false);
                InetSocketAddress at = chosen == 0 ? t : new InetSocketAddress(t.getAddress(), chosen);
                try {
                    l.bind(at, backlog);
                } catch (IOException e) {
                    IOException b = new java.net.BindException("error while attempting to bind on address "
                            + at + ": " + e.getMessage());
                    b.initCause(e);
                    throw b;
                }
                chosen = ((InetSocketAddress) l.getLocalAddress()).getPort();
            }
        } catch (IOException e) {
            for (ServerSocketChannel l : listeners) {
                try {
                    l.close();
                } catch (IOException ignored) {
                    // failing already
                }
            }
            throw SocketTransport.sneaky(e);
        }
        return new Server(loop, handler, listeners, limit, backlog, workers);
    }

    /**
     * Starts a server whose connections run on the loops of {@code workers} (round robin), Netty's
     * boss/worker model: the loop awaiting this accepts, the group's loops serve. The handler is called
     * on the connection's loop. {@code host} must be null or a literal address here.
     *
     * @param workers the loops that run the connections
     * @param handler what runs for each connection, on its loop
     * @param host where to listen (null or a literal address)
     * @param port the port, or 0
     * @return a coroutine producing the server (owned by the awaiting loop)
     */
    public static Coroutine<Server> startServer(LoopGroup workers, ConnectionHandler handler, String host, int port) {
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(handler, "handler");
        checkPort(port);
        if (host != null && !Connector.isLiteral(host)) {
            throw new IllegalArgumentException("startServer on a LoopGroup takes null or a literal address, got " + host);
        }
        return new Lazy<>("Streams.startServer", () -> {
            EventLoop loop = EventLoop.running();
            InetAddress[] hosts;
            try {
                hosts = host == null ? null : new InetAddress[] {InetAddress.getByName(host)};
            } catch (IOException e) {
                throw SocketTransport.sneaky(e);
            }
            return done(loop, bind(loop, handler, hosts, port, StreamReader.DEFAULT_LIMIT, 100, workers));
        });
    }

    private static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, got " + port);
        }
    }

    private static void checkLimit(int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
    }
}
