package dev.tulip.io;

import dev.tulip.AsyncFuture;
import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.Tulip;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The outgoing side of a stream: Python's {@code asyncio.StreamWriter}.
 *
 * <p>{@link #write} never waits: it sends what the kernel takes at once and queues the rest (copied),
 * sent as the socket becomes writable. {@link #drain()} is the flow control: it waits while more than
 * the high-water mark (64 KiB by default) is queued, until the queue is down to the low-water mark
 * (16 KiB). Write, then await {@code drain()}, and a slow or stalled peer holds the writer's memory to
 * about the high-water mark.
 *
 * <p>Not thread-safe: use it from its loop's thread.
 */
public final class StreamWriter {
    /** Replaced once, by {@link #startTls}. */
    private Transport transport;

    StreamWriter(Transport transport) {
        this.transport = transport;
    }

    Transport transport() {
        return transport;
    }

    /**
     * Sends bytes, or queues what cannot be sent now. Writes after the connection was lost are dropped
     * (asyncio logs a warning after five), as the next {@link #drain()} reports the loss.
     *
     * @param data the bytes (copied if they must wait)
     * @throws IllegalStateException after {@link #writeEof()} or {@link #close()}
     */
    public void write(byte[] data) {
        transport.write(ByteBuffer.wrap(data), false);
    }

    /**
     * Sends part of an array; see {@link #write(byte[])}.
     *
     * @param data the array
     * @param offset where the bytes start
     * @param length how many
     */
    public void write(byte[] data, int offset, int length) {
        transport.write(ByteBuffer.wrap(data, offset, length), false);
    }

    /**
     * Sends a buffer's remaining bytes; see {@link #write(byte[])}. The buffer's position moves.
     *
     * @param data the bytes
     */
    public void write(ByteBuffer data) {
        transport.write(data, false);
    }

    /**
     * Sends a string in UTF-8; a convenience over {@link #write(byte[])}.
     *
     * @param text the text
     */
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends several pieces, as one write of their concatenation; Python's {@code writelines}.
     *
     * @param pieces the byte arrays
     */
    public void writeLines(Iterable<byte[]> pieces) {
        int total = 0;
        for (byte[] p : pieces) {
            total += p.length;
        }
        ByteBuffer all = ByteBuffer.allocate(total);
        for (byte[] p : pieces) {
            all.put(p);
        }
        transport.write(all.flip(), true);
    }

    /**
     * Waits until the send queue is below the low-water mark; at once when it is not above the high one.
     * asyncio's {@code drain()}: raises the reader's exception if the connection failed, and
     * {@link SocketException} "Connection lost" once it is closed. Cancelling it leaves the writer
     * usable. Several tasks may drain at once.
     *
     * @return a coroutine that completes when writing may go on
     */
    public Coroutine<Void> drain() {
        return new Coroutine<Void>() {
            @Override
            protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                if (thrown != null) {
                    throw thrown;
                }
                switch (state) {
                    case 0:
                        Throwable e = transport.reader.exception();
                        if (e != null) {
                            throw e;
                        }
                        if (transport.isClosing()) {
                            state = 1;
                            return Tulip.sleep(0); // asyncio yields once so that connection_lost can run
                        }
                        // fall through
                    case 1:
                        if (transport.isLost()) {
                            Throwable why = transport.lostWith();
                            throw why != null ? why : new SocketException("Connection lost");
                        }
                        if (!transport.writePaused()) {
                            return complete(null);
                        }
                        state = 2;
                        return transport.drainWaiter();
                    default:
                        return complete(null);
                }
            }

            @Override
            protected String name() {
                return "StreamWriter.drain";
            }
        };
    }

    /**
     * Sets the flow-control water marks: {@link #drain()} waits above {@code high} until the queue is at
     * or below {@code low}.
     *
     * @param high the high-water mark in bytes
     * @param low the low-water mark in bytes, at most {@code high}
     */
    public void setWriteBufferLimits(int high, int low) {
        transport.setWriteBufferLimits(high, low);
    }

    /**
     * How many bytes are queued, not yet taken by the kernel.
     *
     * @return the count
     */
    public long writeBufferSize() {
        return transport.bufferSize();
    }

    /**
     * Closes the sending direction after what is queued (TCP half-close); reading goes on.
     */
    public void writeEof() {
        transport.writeEof();
    }

    /**
     * Always true for TCP.
     *
     * @return true
     */
    public boolean canWriteEof() {
        return true;
    }

    /**
     * Closes the connection after sending what is queued; reading stops at once. Idempotent.
     */
    public void close() {
        transport.close();
    }

    /** Closes the connection at once, dropping what is queued (asyncio's {@code transport.abort()}). */
    public void abort() {
        transport.abort();
    }

    /**
     * Tells whether {@link #close()} was called or the connection was lost.
     *
     * @return true when closing or closed
     */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /**
     * Completes when the connection is closed (the socket's descriptor released); raises the error it was
     * lost with, if any, as asyncio's {@code wait_closed}.
     *
     * @return a coroutine completing once closed
     */
    public Coroutine<Void> waitClosed() {
        AsyncFuture<Void> closed = transport.closedFuture();
        return new Coroutine<Void>() {
            @Override
            protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                if (thrown != null) {
                    throw thrown;
                }
                if (state == 0) {
                    state = 1;
                    return closed;
                }
                Throwable e = transport.lostWith();
                if (e != null) {
                    throw e;
                }
                return complete(null);
            }

            @Override
            protected String name() {
                return "StreamWriter.waitClosed";
            }
        };
    }

    /**
     * The peer's address (asyncio's {@code get_extra_info('peername')}).
     *
     * @return the remote address
     */
    public InetSocketAddress peerAddress() {
        return transport.peer;
    }

    /**
     * The local address (asyncio's {@code get_extra_info('sockname')}).
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return transport.local;
    }

    /**
     * The TLS session of a TLS stream (asyncio's {@code get_extra_info('ssl_object')}): its protocol,
     * cipher suite, peer certificates.
     *
     * @return the session, or null for a plain stream
     */
    public javax.net.ssl.SSLSession sslSession() {
        return transport.sslSession();
    }

    /**
     * Upgrades this plain connection to TLS (asyncio's {@code StreamWriter.start_tls}), for STARTTLS-style
     * protocols: waits for what is queued to be sent ({@link #drain()}), then runs the handshake; the
     * coroutine completes when it is done, and from then on this writer and its reader carry TLS. A stream
     * from {@link Streams#openConnection} takes the client's side (the name checked is
     * {@link TlsOptions#serverHostname()}, else the peer's address), one accepted by a {@link Server} the
     * server's. Bytes the reader holds unread when the handshake starts are taken as the peer's first TLS
     * bytes (asyncio leaves them in the reader as plaintext): read the plaintext reply to the upgrade
     * command before calling this. Writes made meanwhile wait for the handshake.
     *
     * @param tls the TLS options
     * @return a coroutine completing once the handshake is done; it fails as
     *     {@link Streams#openConnection(String, int, TlsOptions)} does, and with
     *     {@link IllegalStateException} when the stream is TLS already, not a socket, or closing
     */
    public Coroutine<Void> startTls(TlsOptions tls) {
        java.util.Objects.requireNonNull(tls, "tls");
        return new Coroutine<Void>() {
            private TlsTransport started;

            @Override
            protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                if (thrown != null) {
                    throw thrown;
                }
                switch (state) {
                    case 0:
                        if (!(transport instanceof SocketTransport)) {
                            throw new IllegalStateException("startTls needs a plain socket stream, not " + transport);
                        }
                        state = 1;
                        return drain();
                    case 1:
                        if (!(transport instanceof SocketTransport) || transport.isClosing()) {
                            throw new IllegalStateException("startTls on a closing or upgraded stream: " + transport);
                        }
                        SocketTransport raw = (SocketTransport) transport;
                        java.nio.ByteBuffer early = raw.reader.takeAll();
                        started = new TlsTransport(raw, tls.newEngine(!raw.accepted, raw.peer.getHostString(),
                                raw.peer.getPort()), tls.handshakeTimeout());
                        transport = started;
                        if (early.hasRemaining()) {
                            started.rawData(early);
                        }
                        state = 2;
                        return started.handshake;
                    default:
                        return complete(null);
                }
            }

            @Override
            protected String name() {
                return "StreamWriter.startTls";
            }
        };
    }

    /**
     * The reader of the same connection.
     *
     * @return the reader
     */
    public StreamReader reader() {
        return transport.reader;
    }

    @Override
    public String toString() {
        return "<StreamWriter " + transport + ">";
    }
}
