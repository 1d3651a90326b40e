package dev.tulip.io;

import dev.tulip.AsyncFuture;
import dev.tulip.EventLoop;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link Streams#openConnection}: resolves the host (on the loop's executor unless it is a literal
 * address, as asyncio runs {@code getaddrinfo} there), then tries each address with a non-blocking
 * connect watched by the loop. Cancelling the result future closes the socket being connected.
 */
final class Connector {
    private final EventLoop loop;
    private final String host;
    private final int port;
    private final int limit;
    final AsyncFuture<Connection> result;
    private List<InetAddress> addresses;
    private int next;
    private SocketChannel channel;
    private IOException firstError;
    /** TLS to run once connected, or null for plain TCP. */
    private final TlsOptions tls;
    private TlsTransport handshaking;

    Connector(EventLoop loop, String host, int port, int limit) {
        this(loop, host, port, limit, null);
    }

    Connector(EventLoop loop, String host, int port, int limit, TlsOptions tls) {
        this.tls = tls;
        this.loop = loop;
        this.host = host;
        this.port = port;
        this.limit = limit;
        this.result = loop.createFuture();
        result.addDoneCallback(f -> {
            if (f.cancelled()) {
                abandon();
            }
        });
    }

    void start() {
        if (isLiteral(host)) {
            try {
                addresses = List.of(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                result.setException(e);
                return;
            }
            tryNext();
            return;
        }
        AsyncFuture<InetAddress[]> lookup = loop.runInExecutor(null, () -> InetAddress.getAllByName(host));
        lookup.addDoneCallback(f -> {
            if (result.done()) {
                return;
            }
            Throwable e = f.cancelled() ? null : f.exception();
            if (e != null) {
                UnknownHostException u = new UnknownHostException("Cannot resolve host '" + host + "': "
                        + e.getMessage());
                u.initCause(e);
                result.setException(u);
                return;
            }
            addresses = List.of(f.result());
            tryNext();
        });
    }

    static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    }

    private void tryNext() {
        while (next < addresses.size()) {
            InetSocketAddress target = new InetSocketAddress(addresses.get(next++), port);
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (ch.connect(target)) {
                    connected(ch);
                    return;
                }
                channel = ch;
                SocketChannel watched = ch;
                loop.addWriter(ch, () -> finish(watched, target));
                return;
            } catch (IOException e) {
                close(ch);
                failed(target, e);
            }
        }
        IOException e = firstError != null ? firstError
                : new ConnectException("No address to connect to for " + host + ":" + port);
        result.setException(e);
    }

    private void finish(SocketChannel ch, InetSocketAddress target) {
        loop.removeWriter(ch);
        channel = null;
        if (result.done()) {
            close(ch);
            return;
        }
        try {
            if (ch.finishConnect()) {
                connected(ch);
                return;
            }
            channel = ch;
            loop.addWriter(ch, () -> finish(ch, target));
        } catch (IOException e) {
            close(ch);
            failed(target, e);
            tryNext();
        }
    }

    private void failed(InetSocketAddress target, IOException e) {
        ConnectException c = new ConnectException("Connect call failed to " + host + ":" + port + " (" + target
                + "): " + e.getMessage());
        c.initCause(e);
        if (firstError == null) {
            firstError = c;
        } else {
            firstError.addSuppressed(c);
        }
    }

    private void connected(SocketChannel ch) throws IOException {
        StreamReader reader = new StreamReader(loop, limit);
        SocketTransport t = new SocketTransport(loop, ch, reader);
        if (tls == null) {
            result.setResult(new Connection(reader, new StreamWriter(t)));
            return;
        }
        javax.net.ssl.SSLEngine engine;
        try {
            engine = tls.newEngine(true, host, port);
        } catch (RuntimeException e) {
            t.abort();
            result.setException(e);
            return;
        }
        TlsTransport s = new TlsTransport(t, engine, tls.handshakeTimeout());
        handshaking = s;
        s.handshake.addDoneCallback(f -> {
            handshaking = null;
            Throwable e = f.exception(); // retrieved even when nobody waits any more
            if (result.done()) {
                s.abort();
            } else if (e != null) {
                result.setException(e);
            } else {
                result.setResult(new Connection(reader, new StreamWriter(s)));
            }
        });
    }

    private void abandon() {
        TlsTransport s = handshaking;
        handshaking = null;
        if (s != null) {
            s.abort();
        }
        SocketChannel ch = channel;
        channel = null;
        if (ch != null) {
            loop.removeWriter(ch);
            close(ch);
        }
    }

    private static void close(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to release beyond what close already did
            }
        }
    }

    static List<InetAddress> resolveNow(String host) throws UnknownHostException {
        List<InetAddress> list = new ArrayList<>();
        for (InetAddress a : InetAddress.getAllByName(host)) {
            list.add(a);
        }
        return list;
    }
}
