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
import javax.net.ssl.SSLContext;

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
     * Connects over TLS with a context and the default options (asyncio's
     * {@code open_connection(host, port, ssl=context)}): the server's certificate must be trusted by the
     * context and name {@code host}. See {@link #openConnection(String, int, TlsOptions)}.
     *
     * @param host a name or literal address, also the name the certificate is checked against
     * @param port the port
     * @param context the TLS context (its trust managers decide whom to trust)
     * @return a coroutine producing the connection once the handshake is done
     */
    public static Coroutine<Connection> openConnection(String host, int port, SSLContext context) {
        return openConnection(host, port, TlsOptions.of(context));
    }

    /**
     * Connects over TLS: the coroutine completes once the handshake is done. It fails with an
     * {@link javax.net.ssl.SSLHandshakeException} naming the peer, whose cause is the engine's (an
     * untrusted certificate, a name mismatch, no common protocol), when the handshake fails, is cut or
     * takes longer than {@link TlsOptions#handshakeTimeout()}. Cancelling it closes the socket. The streams
     * behave as plain ones; {@link StreamWriter#sslSession()} tells the protocol, cipher suite and peer
     * certificates.
     *
     * @param host a name or literal address
     * @param port the port
     * @param tls the TLS options
     * @return a coroutine producing the connection
     */
    public static Coroutine<Connection> openConnection(String host, int port, TlsOptions tls) {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT, tls);
    }

    /**
     * Connects over TLS with a reader limit of one's own; see {@link #openConnection(String, int, TlsOptions)}.
     *
     * @param host a name or literal address
     * @param port the port
     * @param limit the reader's limit (see {@link StreamReader})
     * @param tls the TLS options
     * @return a coroutine producing the connection
     */
    public static Coroutine<Connection> openConnection(String host, int port, int limit, TlsOptions tls) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        checkPort(port);
        checkLimit(limit);
        return new Lazy<>("Streams.openConnection", () -> {
            Connector c = new Connector(EventLoop.running(), host, port, limit, tls);
            c.start();
            return c.result;
        });
    }

    /**
     * Starts a TLS server with a context holding its key and certificate (asyncio's
     * {@code start_server(handler, host, port, ssl=context)}); see
     * {@link #startServer(ConnectionHandler, String, int, TlsOptions)}.
     *
     * @param handler what runs for each connection, once its handshake is done
     * @param host where to listen, or null for everywhere
     * @param port the port, or 0
     * @param context the TLS context (its key managers give the certificate)
     * @return a coroutine producing the server
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, SSLContext context) {
        return startServer(handler, host, port, TlsOptions.of(context));
    }

    /**
     * Starts a TLS server: each accepted connection runs the handshake first (bounded by
     * {@link TlsOptions#handshakeTimeout()}), and the handler runs only once it is done. A failed
     * handshake closes the connection after sending the engine's alert and is logged at DEBUG on
     * {@code dev.tulip.io} (asyncio logs it in debug mode only): a client's failure is not the server's.
     *
     * @param handler what runs for each connection
     * @param host where to listen, or null for everywhere
     * @param port the port, or 0
     * @param tls the TLS options
     * @return a coroutine producing the server
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, TlsOptions tls) {
        Objects.requireNonNull(tls, "tls");
        return startServer(handler, host, port, StreamReader.DEFAULT_LIMIT, 100, tls);
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
        return startServer(handler, host, port, limit, backlog, null);
    }

    private static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, int limit,
            int backlog, TlsOptions tls) {
        Objects.requireNonNull(handler, "handler");
        checkPort(port);
        checkLimit(limit);
        if (backlog <= 0) {
            throw new IllegalArgumentException("backlog must be positive, got " + backlog);
        }
        return new Lazy<>("Streams.startServer", () -> {
            EventLoop loop = EventLoop.running();
            if (host == null) {
                return done(loop, bind(loop, handler, null, port, limit, backlog, tls));
            }
            if (Connector.isLiteral(host)) {
                InetAddress[] literal;
                try {
                    literal = new InetAddress[] {InetAddress.getByName(host)};
                } catch (IOException e) {
                    throw SocketTransport.sneaky(e);
                }
                return done(loop, bind(loop, handler, literal, port, limit, backlog, tls));
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
                    result.setResult(bind(loop, handler, f.result(), port, limit, backlog, tls));
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
            int backlog, TlsOptions tls) {
        return bind(loop, handler, hosts, port, limit, backlog, null, tls);
    }

    private static Server bind(EventLoop loop, ConnectionHandler handler, InetAddress[] hosts, int port, int limit,
            int backlog, LoopGroup workers, TlsOptions tls) {
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
        return new Server(loop, handler, listeners, limit, backlog, workers, tls);
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
        return startServer(workers, handler, host, port, (TlsOptions) null);
    }

    /**
     * Starts a TLS server whose connections run on the loops of {@code workers}; each connection's
     * handshake runs on its loop. See {@link #startServer(LoopGroup, ConnectionHandler, String, int)} and
     * {@link #startServer(ConnectionHandler, String, int, TlsOptions)}.
     *
     * @param workers the loops that run the connections
     * @param handler what runs for each connection, on its loop, once its handshake is done
     * @param host where to listen (null or a literal address)
     * @param port the port, or 0
     * @param tls the TLS options, or null for plain TCP
     * @return a coroutine producing the server (owned by the awaiting loop)
     */
    public static Coroutine<Server> startServer(LoopGroup workers, ConnectionHandler handler, String host, int port,
            TlsOptions tls) {
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
            return done(loop, bind(loop, handler, hosts, port, StreamReader.DEFAULT_LIMIT, 100, workers, tls));
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
