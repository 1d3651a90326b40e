package dev.tulip.io;

import dev.tulip.AsyncFuture;
import dev.tulip.EventLoop;
import dev.tulip.TimerHandle;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;

/**
 * TLS over a {@link SocketTransport}, through the JDK's {@link SSLEngine}: asyncio's {@code SSLProtocol}
 * with its app-side transport ({@code sslproto.py}). The socket transport hands it ciphertext
 * ({@link #rawData}, {@link #rawEof}, {@link #rawLost}); it unwraps into the {@link StreamReader} and wraps
 * what the {@link StreamWriter} writes.
 *
 * <p><b>One pump.</b> Everything the engine asks for (wrap, unwrap, delegated tasks) is done by
 * {@link #pump()}, which loops until the engine can make no more progress: it runs after data arrives,
 * after a write, after delegated tasks and after the reader resumes. The handshake is that loop too; its
 * end completes {@link #handshake}.
 *
 * <p><b>Buffers.</b> {@code netIn} holds ciphertext not yet unwrapped (a partial record after
 * {@code BUFFER_UNDERFLOW}; grown to the session's packet size), {@code appIn} receives plaintext (grown on
 * {@code BUFFER_OVERFLOW}), {@code netOut} receives records (grown on {@code BUFFER_OVERFLOW}) and is
 * handed to the socket transport, which copies only what the kernel does not take at once.
 *
 * <p><b>Delegated tasks</b> (certificate checks, key exchange) run on the loop's default executor, not on
 * the loop: a trust manager may block (revocation checks fetch CRLs or OCSP answers over the network when
 * enabled, custom trust managers consult stores), and the loop must never block. It costs a thread hop or
 * two per handshake. While they run nothing touches the engine; data that arrives waits in {@code netIn}.
 *
 * <p><b>Flow control.</b> Plaintext written before the handshake ends waits in a backlog (asyncio's
 * {@code _write_backlog}), counted in {@link #bufferSize()}; afterwards it is wrapped at once and the
 * socket transport's queue and water marks bound the ciphertext. {@link StreamWriter#drain()} waits while
 * either is over the high-water mark. When the reader pauses (its buffer over twice its limit), unwrapping
 * stops and the socket stops being read.
 *
 * <p><b>Closing.</b> {@link #close()} sends what is queued, then {@code close_notify}, then closes the
 * socket without waiting for the peer's {@code close_notify} (asyncio waits up to
 * {@code ssl_shutdown_timeout} for it; it carries nothing, Netty does not wait by default either).
 * {@link #writeEof()} sends {@code close_notify} and a TCP FIN and goes on reading: TLS 1.3's half-close
 * (asyncio's SSL transport cannot write EOF at all). A peer's {@code close_notify} is the end of the
 * stream; when the engine closes its own side in answer (TLS 1.2), the socket is closed. A peer that closes
 * TCP without {@code close_notify} gives a plain end of stream, as asyncio (the engine's "possible
 * truncation attack" is logged at DEBUG); during the handshake it fails the handshake.
 */
final class TlsTransport extends Transport {
    private static final System.Logger LOG = System.getLogger("dev.tulip.io");
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    final EventLoop loop;
    final SocketTransport raw;
    private final SSLEngine engine;
    /** Completes when the handshake ends, or fails with its {@link SSLHandshakeException}. */
    final AsyncFuture<Void> handshake;
    private final String peerName;
    private ByteBuffer netIn;
    private ByteBuffer appIn;
    private ByteBuffer netOut;
    private final ArrayDeque<ByteBuffer> backlog = new ArrayDeque<>();
    private long backlogBytes;
    private int highWater = 64 * 1024;
    private final ArrayDeque<AsyncFuture<Void>> drainWaiters = new ArrayDeque<>();
    private boolean rawDrainArmed;
    private boolean handshakeDone;
    private boolean taskRunning;
    private boolean readingPaused;
    private boolean socketEof;
    private boolean eofDelivered;
    private boolean eofWritten;
    private boolean closing;
    private boolean outboundClosed;
    private boolean rawShut;
    private Throwable error;
    private TimerHandle handshakeTimer;
    private boolean pumping;
    private boolean again;
    private int writesAfterLoss;

    /**
     * Takes over {@code raw} (whose reader becomes this transport's) and starts the handshake.
     *
     * @param raw a socket transport that has delivered no data yet
     * @param engine the engine, in client or server mode
     * @param timeout the handshake timeout in seconds
     */
    TlsTransport(SocketTransport raw, SSLEngine engine, double timeout) {
        super(raw.reader, raw.peer, raw.local);
        this.loop = raw.loop;
        this.raw = raw;
        this.engine = engine;
        this.peerName = (engine.getPeerHost() != null ? engine.getPeerHost() : raw.peer.getHostString()) + ":"
                + raw.peer.getPort();
        this.handshake = loop.createFuture();
        SSLSession s = engine.getSession();
        netIn = ByteBuffer.allocate(s.getPacketBufferSize());
        appIn = ByteBuffer.allocate(s.getApplicationBufferSize());
        netOut = ByteBuffer.allocate(s.getPacketBufferSize());
        raw.tls = this;
        reader.setTransport(this);
        handshakeTimer = loop.callLater(timeout, () -> {
            if (!handshakeDone && error == null) {
                fail(new SSLHandshakeException("TLS handshake with " + peerName + " is taking longer than " + timeout
                        + " seconds: aborting the connection"), false);
            }
        });
        try {
            engine.beginHandshake();
        } catch (SSLException | RuntimeException e) {
            fail(e, true);
            return;
        }
        pump();
    }

    /** The session: after the handshake, its peer certificates, protocol and cipher suite. */
    @Override
    SSLSession sslSession() {
        return engine.getSession();
    }

    // ---- from the socket ----

    void rawData(ByteBuffer data) {
        if (error != null) {
            return;
        }
        if (netIn.remaining() < data.remaining()) {
            netIn = grow(netIn, netIn.position() + data.remaining());
        }
        netIn.put(data);
        pump();
    }

    void rawEof() {
        socketEof = true;
        if (!handshakeDone) {
            if (error == null) {
                fail(new SSLHandshakeException(peerName + " closed the connection during the TLS handshake"), false);
            }
            return;
        }
        pump();
    }

    void rawLost(Throwable e) {
        cancelTimer();
        if (!handshakeDone && error == null) {
            SSLHandshakeException h = new SSLHandshakeException("connection to " + peerName
                    + " lost during the TLS handshake" + (e != null ? ": " + e : ""));
            if (e != null) {
                h.initCause(e);
            }
            error = h;
            handshake.setException(h);
        }
        backlog.clear();
        backlogBytes = 0;
        if (error != null) {
            if (reader.exception() == null) {
                reader.setException(error);
            }
        } else if (e != null) {
            reader.setException(e);
        } else if (!eofDelivered && !reader.atEofReceived()) {
            eofDelivered = true;
            reader.feedEof();
        }
        checkDrain();
    }

    // ---- the pump ----

    private void pump() {
        if (pumping) {
            again = true;
            return;
        }
        pumping = true;
        try {
            do {
                again = false;
                pumpOnce();
            } while (again);
        } catch (SSLException | RuntimeException e) {
            pumping = false;
            fail(e, true);
            return;
        } finally {
            pumping = false;
        }
        afterPump();
    }

    private void pumpOnce() throws SSLException {
        for (;;) {
            if (error != null || raw.isLost() || taskRunning) {
                return;
            }
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK:
                    runTasks();
                    return;
                case NEED_WRAP:
                    if (!wrap(EMPTY)) {
                        return;
                    }
                    continue;
                case NEED_UNWRAP:
                case NEED_UNWRAP_AGAIN:
                    if (handshakeDone && readingPaused || !unwrap()) {
                        return;
                    }
                    continue;
                default:
                    break;
            }
            if (!handshakeDone) {
                handshakeCompleted();
            }
            boolean progress = false;
            while (!backlog.isEmpty() && !engine.isOutboundDone()) {
                ByteBuffer head = backlog.peek();
                int before = head.remaining();
                boolean more = wrap(head);
                backlogBytes -= before - head.remaining();
                progress |= before != head.remaining();
                if (!head.hasRemaining()) {
                    backlog.poll();
                } else if (!more || engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
                    break;
                }
            }
            if (engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
                continue;
            }
            if ((closing || eofWritten) && backlog.isEmpty() && !outboundClosed) {
                outboundClosed = true;
                engine.closeOutbound();
                continue;
            }
            if (!readingPaused && netIn.position() > 0 && !engine.isInboundDone() && unwrap()) {
                continue;
            }
            if (!progress) {
                return;
            }
        }
    }

    /** After a pump: end of stream, close_notify sent, both directions done. */
    private void afterPump() {
        if (error != null || raw.isLost()) {
            return;
        }
        if (handshakeDone && !eofDelivered && !readingPaused && socketEof && !engine.isInboundDone()
                && canUnwrapMore()) {
            loop.callSoon(this::pump); // whole records were left: deliver them before the end of stream
            return;
        }
        if (handshakeDone && !eofDelivered && !readingPaused && (engine.isInboundDone() || socketEof)) {
            if (!engine.isInboundDone()) {
                try {
                    engine.closeInbound();
                } catch (SSLException e) {
                    // asyncio treats a TCP EOF without close_notify as a plain EOF; so do we
                    LOG.log(System.Logger.Level.DEBUG, () -> "TLS peer " + peerName + " closed without close_notify: "
                            + e.getMessage());
                }
            }
            eofDelivered = true;
            reader.feedEof();
        }
        if (engine.isOutboundDone() && !rawShut) {
            if (closing || eofDelivered) {
                rawShut = true;
                raw.close();
            } else if (eofWritten) {
                rawShut = true;
                raw.writeEof();
            }
        } else if (rawShut && eofDelivered && !raw.isClosing()) {
            raw.close();
        }
        checkDrain();
    }

    private boolean canUnwrapMore() {
        return netIn.position() > 0 && !engine.isInboundDone() && engine.getHandshakeStatus() != HandshakeStatus.NEED_TASK
                && error == null && probeUnwrap();
    }

    /** At the socket's EOF with bytes left: unwrap them if they are whole records; a partial record is lost. */
    private boolean probeUnwrap() {
        try {
            return unwrap();
        } catch (SSLException e) {
            fail(e, true);
            return false;
        }
    }

    /**
     * Wraps from {@code src} (EMPTY for handshake messages) and hands the records to the socket.
     *
     * @return whether the engine made progress (consumed or produced)
     */
    private boolean wrap(ByteBuffer src) throws SSLException {
        for (;;) {
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.bytesProduced() > 0) {
                netOut.flip();
                raw.write(netOut, false);
                netOut.clear();
            }
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW:
                    netOut = ByteBuffer.allocate(Math.max(netOut.capacity() * 2, engine.getSession().getPacketBufferSize()));
                    continue;
                case CLOSED:
                    return r.bytesProduced() > 0 || r.bytesConsumed() > 0;
                case BUFFER_UNDERFLOW: // not for wrap; treat as no progress
                    return false;
                default:
                    if (r.getHandshakeStatus() == HandshakeStatus.FINISHED && !handshakeDone) {
                        handshakeCompleted();
                    }
                    return r.bytesProduced() > 0 || r.bytesConsumed() > 0;
            }
        }
    }

    /**
     * Unwraps one record from {@code netIn} and feeds its plaintext to the reader.
     *
     * @return whether the engine made progress; false when it needs more data
     */
    private boolean unwrap() throws SSLException {
        for (;;) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            if (appIn.position() > 0) {
                appIn.flip();
                if (!eofDelivered && !reader.atEofReceived()) {
                    reader.feedData(appIn);
                }
                appIn.clear();
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW:
                    int packet = engine.getSession().getPacketBufferSize();
                    if (netIn.capacity() < packet) {
                        netIn = grow(netIn, packet);
                    }
                    return false;
                case BUFFER_OVERFLOW:
                    appIn = ByteBuffer.allocate(Math.max(appIn.capacity() * 2, engine.getSession().getApplicationBufferSize()));
                    continue;
                case CLOSED:
                    return r.bytesConsumed() > 0 || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
                default:
                    if (r.getHandshakeStatus() == HandshakeStatus.FINISHED && !handshakeDone) {
                        handshakeCompleted();
                    }
                    return r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            }
        }
    }

    private static ByteBuffer grow(ByteBuffer b, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(atLeast, b.capacity() * 2));
        b.flip();
        bigger.put(b);
        return bigger;
    }

    private void runTasks() {
        List<Runnable> tasks = new ArrayList<>();
        Runnable t;
        while ((t = engine.getDelegatedTask()) != null) {
            tasks.add(t);
        }
        if (tasks.isEmpty()) {
            return;
        }
        taskRunning = true;
        AsyncFuture<Object> done = loop.runInExecutor(null, () -> {
            for (Runnable task : tasks) {
                task.run();
            }
            return null;
        });
        done.addDoneCallback(f -> {
            taskRunning = false;
            if (!f.cancelled() && f.exception() != null) {
                fail(f.exception(), true);
            } else {
                pump();
            }
        });
    }

    private void handshakeCompleted() {
        handshakeDone = true;
        cancelTimer();
        if (!handshake.done()) {
            handshake.setResult(null);
        }
    }

    private void cancelTimer() {
        TimerHandle h = handshakeTimer;
        handshakeTimer = null;
        if (h != null) {
            h.cancel();
        }
    }

    /**
     * A fatal TLS error: the engine's alert is sent if it has one, the connection is aborted, reads,
     * drains and the handshake raise it.
     *
     * @param e what the engine (or the timer) raised
     * @param wrapHandshake whether to wrap it in an {@link SSLHandshakeException} naming the peer
     */
    private void fail(Throwable e, boolean wrapHandshake) {
        if (error != null) {
            return;
        }
        Throwable err = e;
        if (!handshakeDone && wrapHandshake) {
            SSLHandshakeException h = new SSLHandshakeException("TLS handshake with " + peerName + " failed: "
                    + e.getMessage());
            h.initCause(e);
            err = h;
        }
        error = err;
        cancelTimer();
        backlog.clear();
        backlogBytes = 0;
        if (!raw.isLost()) {
            try { // the alert the engine has for the peer (handshake_failure, bad_certificate, ...)
                engine.closeOutbound();
                for (int i = 0; i < 4 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
                    SSLEngineResult r = engine.wrap(EMPTY, netOut);
                    if (r.bytesProduced() > 0) {
                        netOut.flip();
                        raw.write(netOut, false);
                        netOut.clear();
                    } else {
                        break;
                    }
                }
            } catch (SSLException | RuntimeException ignored) {
                // nothing more to tell the peer
            }
        }
        if (!handshake.done()) {
            handshake.setException(err);
        }
        if (handshakeDone && reader.exception() == null) {
            reader.setException(err);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "TLS connection with " + peerName + " failed: " + e);
        raw.abort();
        checkDrain();
    }

    // ---- the writer's side ----

    @Override
    void write(ByteBuffer data, boolean mayKeep) {
        if (eofWritten) {
            throw new IllegalStateException("Cannot call write() after writeEof()");
        }
        if (error != null || raw.isLost() || outboundClosed && !closing) {
            // lost, failed, or the engine closed its side in answer to the peer's close_notify
            if (++writesAfterLoss >= 5) {
                LOG.log(System.Logger.Level.WARNING, "TLS connection is closed");
            }
            return;
        }
        if (closing) {
            throw new IllegalStateException("Cannot write to a closing " + this);
        }
        if (!data.hasRemaining()) {
            return;
        }
        if (engine.isOutboundDone()) {
            return;
        }
        if (handshakeDone && backlog.isEmpty() && !pumping && !taskRunning
                && engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING) {
            try {
                while (data.hasRemaining() && !raw.isLost() && wrap(data)) {
                    if (engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
                        break;
                    }
                }
            } catch (SSLException | RuntimeException e) {
                fail(e, true);
                return;
            }
            if (!data.hasRemaining()) {
                return;
            }
        }
        ByteBuffer copy = mayKeep ? data : ByteBuffer.allocate(data.remaining()).put(data).flip();
        backlog.add(copy);
        backlogBytes += copy.remaining();
        if (handshakeDone) {
            pump();
        }
    }

    @Override
    boolean writePaused() {
        return raw.writePaused() || backlogBytes > highWater;
    }

    @Override
    long bufferSize() {
        return raw.bufferSize() + backlogBytes;
    }

    @Override
    void setWriteBufferLimits(int high, int low) {
        raw.setWriteBufferLimits(high, low);
        highWater = high;
        checkDrain();
    }

    @Override
    AsyncFuture<Void> drainWaiter() {
        AsyncFuture<Void> w = loop.createFuture();
        drainWaiters.add(w);
        w.addDoneCallback(f -> drainWaiters.remove(f));
        checkDrain();
        return w;
    }

    /** Wakes drainers when writing may go on; waits on the socket's drain while its queue is full. */
    private void checkDrain() {
        if (drainWaiters.isEmpty()) {
            return;
        }
        if (error != null || raw.isLost()) {
            Throwable e = error != null ? error : raw.lostWith() != null ? raw.lostWith()
                    : new SocketException("Connection lost");
            wakeDrainers(e);
        } else if (!writePaused()) {
            wakeDrainers(null);
        } else if (raw.writePaused() && !rawDrainArmed) {
            rawDrainArmed = true;
            AsyncFuture<Void> rw = raw.drainWaiter();
            rw.addDoneCallback(f -> {
                if (!f.cancelled()) {
                    f.exception(); // a loss is reported to our own drainers, from checkDrain
                }
                rawDrainArmed = false;
                checkDrain();
            });
        }
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
        if (closing || eofWritten || error != null || raw.isLost()) {
            return;
        }
        eofWritten = true;
        if (handshakeDone) {
            pump();
        }
    }

    // ---- the reader's side ----

    @Override
    void pauseReading() {
        if (!readingPaused) {
            readingPaused = true;
            raw.pauseReading();
        }
    }

    @Override
    void resumeReading() {
        if (readingPaused) {
            readingPaused = false;
            raw.resumeReading();
            // Not now: the reader calls this from inside a read, which must not be fed meanwhile.
            loop.callSoon(this::pump);
        }
    }

    // ---- closing ----

    @Override
    boolean isClosing() {
        return closing || error != null || raw.isClosing();
    }

    @Override
    boolean isLost() {
        return raw.isLost();
    }

    @Override
    Throwable lostWith() {
        return error != null ? error : raw.lostWith();
    }

    @Override
    AsyncFuture<Void> closedFuture() {
        return raw.closedFuture();
    }

    /** Sends what is queued and close_notify, then closes the socket; during the handshake, aborts. */
    @Override
    void close() {
        if (closing || raw.isLost()) {
            return;
        }
        closing = true;
        if (!handshakeDone || error != null) {
            abort();
            return;
        }
        readingPaused = true;
        raw.pauseReading();
        pump();
    }

    @Override
    void abort() {
        closing = true;
        cancelTimer();
        backlog.clear();
        backlogBytes = 0;
        raw.abort();
    }

    @Override
    public String toString() {
        return "<TlsTransport " + local + " -> " + peer + (handshakeDone ? " " + engine.getSession().getProtocol() : " handshaking")
                + (raw.isLost() ? " closed" : closing ? " closing" : "") + (bufferSize() > 0 ? " queued=" + bufferSize() : "")
                + ">";
    }
}
