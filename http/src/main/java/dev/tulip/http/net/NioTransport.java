package dev.tulip.http.net;

import dev.tulip.AsyncFuture;
import dev.tulip.Awaitable;
import dev.tulip.EventLoop;
import dev.tulip.Tulip;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Transport} on an {@link AsynchronousSocketChannel}. Reads complete on NIO.2's threads and are
 * handed to the loop through {@link Tulip#wrapFuture}. Writes are queued on the loop and sent by a chain
 * of completion handlers on NIO.2's threads (one write in flight at a time, as the channel requires),
 * under this object's monitor; {@link #drain()} waits until the queue is down to the low-water mark.
 *
 * <p>Cancelling a pending read closes the channel: NIO.2 cannot withdraw a read without closing.
 */
public final class NioTransport implements Transport {
    private static final System.Logger LOG = System.getLogger("dev.tulip.http");
    /** asyncio's defaults: 64 KiB high, 16 KiB low. */
    private static final int HIGH_WATER = 64 * 1024;
    private static final int LOW_WATER = 16 * 1024;

    private final AsynchronousSocketChannel channel;
    private final SocketAddress remote;
    // ---- under this's monitor ----
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private long queued;
    private boolean writing;
    private boolean closing;
    private IOException writeError;
    private CompletableFuture<Void> drainWaiter;

    /**
     * Wraps a connected channel.
     *
     * @param channel the channel
     */
    public NioTransport(AsynchronousSocketChannel channel) {
        this.channel = channel;
        SocketAddress r;
        try {
            r = channel.getRemoteAddress();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            r = null;
        }
        this.remote = r;
    }

    /**
     * Connects to a server.
     *
     * @param host the host name or address
     * @param port the port
     * @return the transport, once connected; fails with {@code ConnectException} when refused and
     *     {@code UnresolvedAddressException} for an unknown host
     */
    public static AsyncFuture<Transport> connect(String host, int port) {
        CompletableFuture<Transport> cf = new CompletableFuture<>();
        try {
            AsynchronousSocketChannel ch = AsynchronousSocketChannel.open();
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                ch.close();
                throw new java.nio.channels.UnresolvedAddressException();
            }
            ch.connect(address, null, new CompletionHandler<Void, Void>() {
                @Override
                public void completed(Void v, Void a) {
                    cf.complete(new NioTransport(ch));
                }

                @Override
                public void failed(Throwable t, Void a) {
                    closeQuietly(ch);
                    if (t instanceof java.net.ConnectException) {
                        cf.completeExceptionally(new java.net.ConnectException(
                                t.getMessage() + ": " + host + ":" + port));
                    } else {
                        cf.completeExceptionally(t);
                    }
                }
            });
        } catch (IOException e) {
            cf.completeExceptionally(e);
        }
        AsyncFuture<Transport> f = Tulip.wrapFuture(cf);
        f.addDoneCallback(x -> {
            if (x.cancelled()) {
                cf.thenAccept(Transport::abort);
            }
        });
        return f;
    }

    @Override
    public Awaitable<byte[]> read(int max) {
        CompletableFuture<byte[]> cf = new CompletableFuture<>();
        ByteBuffer buf = ByteBuffer.allocate(max);
        try {
            channel.read(buf, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer n, Void a) {
                    cf.complete(n < 0 ? new byte[0] : Arrays.copyOf(buf.array(), n));
                }

                @Override
                public void failed(Throwable t, Void a) {
                    if (t instanceof java.nio.channels.ClosedChannelException) {
                        cf.complete(new byte[0]); // closed here meanwhile: an end of stream for the reader
                    } else {
                        cf.completeExceptionally(t);
                    }
                }
            });
        } catch (java.nio.channels.ShutdownChannelGroupException e) {
            cf.complete(new byte[0]);
        } catch (java.nio.channels.ReadPendingException e) {
            throw new IllegalStateException("a read is already pending on " + this, e);
        }
        AsyncFuture<byte[]> f = Tulip.wrapFuture(cf);
        f.addDoneCallback(x -> {
            if (x.cancelled()) {
                abort();
            }
        });
        return f;
    }

    @Override
    public void write(byte[] data) {
        if (data.length == 0) {
            return;
        }
        boolean start;
        synchronized (this) {
            if (writeError != null) {
                throw new UncheckedIOException("an earlier write failed", writeError);
            }
            if (closing) {
                throw new UncheckedIOException(new IOException("the transport is closed"));
            }
            queue.add(ByteBuffer.wrap(data));
            queued += data.length;
            start = !writing;
            writing = true;
        }
        if (start) {
            writeNext();
        }
    }

    /** Starts the next write; called with {@code writing} set, outside the monitor. */
    private void writeNext() {
        ByteBuffer head;
        synchronized (this) {
            head = queue.peek();
            if (head == null) {
                writing = false;
                if (closing) {
                    closeQuietly(channel);
                }
                return;
            }
        }
        try {
            channel.write(head, null, new CompletionHandler<Integer, Void>() {
                @Override
                public void completed(Integer n, Void a) {
                    CompletableFuture<Void> wake = null;
                    synchronized (NioTransport.this) {
                        queued -= n;
                        if (!head.hasRemaining()) {
                            queue.poll();
                        }
                        if (drainWaiter != null && queued <= LOW_WATER) {
                            wake = drainWaiter;
                            drainWaiter = null;
                        }
                    }
                    if (wake != null) {
                        wake.complete(null);
                    }
                    writeNext();
                }

                @Override
                public void failed(Throwable t, Void a) {
                    failWrites(t instanceof IOException io ? io : new IOException(t));
                }
            });
        } catch (RuntimeException e) {
            failWrites(new IOException("write on a closed channel", e));
        }
    }

    private void failWrites(IOException e) {
        CompletableFuture<Void> wake;
        synchronized (this) {
            writeError = e;
            writing = false;
            queue.clear();
            queued = 0;
            wake = drainWaiter;
            drainWaiter = null;
        }
        closeQuietly(channel);
        if (wake != null) {
            wake.completeExceptionally(e);
        }
    }

    @Override
    public Awaitable<Void> drain() {
        CompletableFuture<Void> w;
        synchronized (this) {
            if (writeError != null) {
                return failed(writeError);
            }
            if (queued <= HIGH_WATER) {
                return doneFuture();
            }
            if (drainWaiter == null) {
                drainWaiter = new CompletableFuture<>();
            }
            w = drainWaiter;
        }
        return Tulip.wrapFuture(w);
    }

    private static AsyncFuture<Void> doneFuture() {
        AsyncFuture<Void> f = EventLoop.running().createFuture();
        f.setResult(null);
        return f;
    }

    private static AsyncFuture<Void> failed(Throwable t) {
        AsyncFuture<Void> f = EventLoop.running().createFuture();
        f.setException(t);
        return f;
    }

    /**
     * The bytes queued and not yet sent.
     *
     * @return the count
     */
    public synchronized long queuedBytes() {
        return queued;
    }

    @Override
    public void close() {
        boolean now;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            now = !writing;
        }
        if (now) {
            closeQuietly(channel);
        }
    }

    @Override
    public void abort() {
        CompletableFuture<Void> wake;
        synchronized (this) {
            closing = true;
            queue.clear();
            queued = 0;
            wake = drainWaiter;
            drainWaiter = null;
        }
        closeQuietly(channel);
        if (wake != null) {
            wake.completeExceptionally(new IOException("the transport was aborted"));
        }
    }

    @Override
    public synchronized boolean isClosing() {
        return closing || writeError != null;
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    private static void closeQuietly(AsynchronousSocketChannel ch) {
        try {
            ch.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing {0}: {1}", ch, e);
        }
    }

    @Override
    public String toString() {
        return "<NioTransport " + remote + (isClosing() ? " closing" : "") + ">";
    }
}
