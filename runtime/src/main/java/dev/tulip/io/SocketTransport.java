package dev.tulip.io;

import dev.tulip.AsyncFuture;
import dev.tulip.EventLoop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * A connected non-blocking socket on a loop: asyncio's {@code _SelectorSocketTransport} and the protocol
 * half of {@code StreamReaderProtocol} in one. Reads go into the {@link StreamReader}; writes are tried at
 * once and what the kernel does not take is queued and sent when the socket is writable, with high/low
 * water marks pausing and resuming {@link StreamWriter#drain()}.
 */
final class SocketTransport extends Transport {
    private static final System.Logger LOG = System.getLogger("dev.tulip.io");
    /** One receive buffer per loop thread, shared by every socket of that loop (data is copied out at once). */
    private static final ThreadLocal<ByteBuffer> RECEIVE = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 16));

    final EventLoop loop;
    final SocketChannel channel;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queued;
    private int highWater = 64 * 1024;
    private int lowWater = 16 * 1024;
    private boolean writePaused;
    private final ArrayDeque<AsyncFuture<Void>> drainWaiters = new ArrayDeque<>();
    private boolean readingPaused;
    private boolean eofWritten;
    private boolean closing;
    private boolean lost;
    private Throwable lostWith;
    private int writesAfterLoss;
    private final AsyncFuture<Void> closed;
    private final Runnable onReadable = this::readReady;
    private final Runnable onWritable = this::writeReady;
    /** Told once when the connection is lost (the server counts its live connections). */
    Runnable onLost;
    /** When TLS runs over this socket: what gets its bytes, end of stream and loss instead of the reader. */
    TlsTransport tls;
    /** Accepted by a server (TLS started on it later takes the server's side). */
    boolean accepted;
    private boolean eofReceived;

    SocketTransport(EventLoop loop, SocketChannel channel, StreamReader reader) throws IOException {
        super(reader, (InetSocketAddress) channel.getRemoteAddress(), (InetSocketAddress) channel.getLocalAddress());
        this.loop = loop;
        this.channel = channel;
        this.closed = loop.createFuture();
        reader.setTransport(this);
        loop.addReader(channel, onReadable);
    }

    // ---- reading ----

    private void readReady() {
        if (lost) {
            return;
        }
        ByteBuffer b = RECEIVE.get();
        b.clear();
        int n;
        try {
            n = channel.read(b);
        } catch (IOException e) {
            fatal(e);
            return;
        }
        if (n > 0) {
            b.flip();
            if (tls != null) {
                tls.rawData(b);
            } else {
                reader.feedData(b);
            }
        } else if (n < 0) {
            // asyncio's eof_received returning True: keep the socket open for writing (half-close).
            loop.removeReader(channel);
            eofReceived = true;
            if (tls != null) {
                tls.rawEof();
            } else {
                reader.feedEof();
            }
            if (eofWritten && queue.isEmpty()) {
                lose(null);
            }
        }
    }

    @Override
    void pauseReading() {
        if (!readingPaused && !closing && !lost) {
            readingPaused = true;
            loop.removeReader(channel);
        }
    }

    @Override
    void resumeReading() {
        if (readingPaused) {
            readingPaused = false;
            if (!closing && !lost && !eofReceived) {
                loop.addReader(channel, onReadable);
            }
        }
    }

    // ---- writing ----

    @Override
    void write(ByteBuffer data, boolean mayKeep) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        if (lost || closing && lost) {
            if (++writesAfterLoss >= 5) {
                LOG.log(System.Logger.Level.WARNING, "socket.send() raised exception.");
            }
            return;
        }
        if (closing) {
            throw new IllegalStateException("Cannot write to a closing " + this);
        }
        if (!data.hasRemaining()) {
            return;
        }
        if (queue.isEmpty()) {
            try {
                channel.write(data);
            } catch (IOException e) {
                fatal(e);
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
            loop.addWriter(channel, onWritable);
        }
        ByteBuffer copy = mayKeep ? data : ByteBuffer.allocate(data.remaining()).put(data).flip();
        queue.add(copy);
        queued += copy.remaining();
        if (!writePaused && queued > highWater) {
            writePaused = true;
        }
    }

    private void writeReady() {
        if (lost) {
            return;
        }
        try {
            while (!queue.isEmpty()) {
                ByteBuffer head = queue.peek();
                int n = channel.write(head);
                queued -= n;
                if (head.hasRemaining()) {
                    break;
                }
                queue.poll();
            }
        } catch (IOException e) {
            fatal(e);
            return;
        }
        if (writePaused && queued <= lowWater) {
            writePaused = false;
            wakeDrainers(null);
        }
        if (queue.isEmpty()) {
            loop.removeWriter(channel);
            if (closing) {
                lose(null);
            } else if (eofWritten) {
                shutdownOutput();
            }
        }
    }

    @Override
    boolean writePaused() {
        return writePaused;
    }

    @Override
    long bufferSize() {
        return queued;
    }

    @Override
    void setWriteBufferLimits(int high, int low) {
        if (high < 0 || low < 0 || low > high) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        highWater = high;
        lowWater = low;
        if (!writePaused && queued > highWater) {
            writePaused = true;
        } else if (writePaused && queued <= lowWater) {
            writePaused = false;
            wakeDrainers(null);
        }
    }

    @Override
    AsyncFuture<Void> drainWaiter() {
        AsyncFuture<Void> w = loop.createFuture();
        drainWaiters.add(w);
        w.addDoneCallback(f -> drainWaiters.remove(f));
        return w;
    }

    private void wakeDrainers(Throwable e) {
        AsyncFuture<Void> w;
        while ((w = drainWaiters.poll()) != null) {
            if (!w.done()) {
                if (e != null) {
                    w.setException(e);
                } else {
                    w.setResult(null);
                }
            }
        }
    }

    @Override
    void writeEof() {
        if (closing || eofWritten) {
            return;
        }
        eofWritten = true;
        if (queue.isEmpty()) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatal(e);
            return;
        }
        if (eofReceived) {
            lose(null); // both directions are done: nothing more can happen on this socket
        }
    }

    // ---- closing ----

    @Override
    boolean isClosing() {
        return closing || lost;
    }

    @Override
    boolean isLost() {
        return lost;
    }

    @Override
    Throwable lostWith() {
        return lostWith;
    }

    @Override
    AsyncFuture<Void> closedFuture() {
        return closed;
    }

    /** Closes after sending what is queued; asyncio's {@code transport.close()}. */
    @Override
    void close() {
        if (closing || lost) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (queue.isEmpty()) {
            lose(null);
        }
    }

    /** Closes now, dropping what is queued; asyncio's {@code transport.abort()}. */
    @Override
    void abort() {
        if (!lost) {
            closing = true;
            lose(null);
        }
    }

    private void fatal(IOException e) {
        if (!lost) {
            closing = true;
            lose(e);
        }
    }

    /** asyncio's {@code _call_connection_lost}, run at once (we are on the loop already). */
    private void lose(Throwable e) {
        if (lost) {
            return;
        }
        lost = true;
        lostWith = e;
        loop.removeReader(channel);
        loop.removeWriter(channel);
        queue.clear();
        queued = 0;
        try {
            channel.close();
        } catch (IOException ex) {
            LOG.log(System.Logger.Level.DEBUG, "closing a socket failed", ex);
        }
        if (tls != null) {
            tls.rawLost(e);
        } else if (e == null) {
            if (!reader.atEofReceived()) {
                reader.feedEof();
            }
        } else {
            reader.setException(e);
        }
        wakeDrainers(e == null ? new SocketException("Connection lost") : e);
        if (!closed.done()) {
            closed.setResult(null);
        }
        Runnable r = onLost;
        onLost = null;
        if (r != null) {
            r.run();
        }
    }

    static RuntimeException sneaky(Throwable e) {
        return SocketTransport.<RuntimeException>raise(e);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E raise(Throwable e) throws E {
        throw (E) e;
    }

    @Override
    public String toString() {
        return "<SocketTransport " + local + " -> " + peer + (lost ? " closed" : closing ? " closing" : "")
                + (queued > 0 ? " queued=" + queued : "") + ">";
    }
}
