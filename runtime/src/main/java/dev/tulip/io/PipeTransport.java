package dev.tulip.io;

import dev.tulip.AsyncFuture;
import dev.tulip.EventLoop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A subprocess pipe. The JDK gives a {@link Process}'s pipes only as blocking streams, so each pipe has
 * one pump thread (a daemon): for stdin it writes what the loop queued, in order, and reports each write
 * back through {@link EventLoop#callSoonThreadsafe}; for stdout/stderr it reads 64 KiB at a time and
 * feeds the {@link StreamReader} on the loop, pausing while the reader holds more than twice its limit.
 */
final class PipeTransport extends Transport {
    private static final System.Logger LOG = System.getLogger("dev.tulip.io");

    private final EventLoop loop;
    private final ExecutorService writerThread;
    private final OutputStream out;
    private final ArrayDeque<AsyncFuture<Void>> drainWaiters = new ArrayDeque<>();
    private final AsyncFuture<Void> closed;
    /** Completed by the reading pump once it fed the end of the stream (or by the writer once closed). */
    final CompletableFuture<Void> pumpDone = new CompletableFuture<>();
    private final Object pauseLock = new Object();
    private boolean readPaused; // guarded by pauseLock
    /** A chunk was posted to the loop and not fed yet: one at a time, so the reader's pause bounds memory. */
    private boolean inFlight; // guarded by pauseLock
    private long queued;
    private int highWater = 64 * 1024;
    private int lowWater = 16 * 1024;
    private boolean writePaused;
    private boolean closing;
    private boolean lost;
    private Throwable lostWith;

    private PipeTransport(EventLoop loop, StreamReader reader, OutputStream out, String name) {
        super(reader, null, null);
        this.loop = loop;
        this.out = out;
        this.closed = loop.createFuture();
        this.writerThread = out == null ? null : Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** The stdin side: a writer to the process. */
    static PipeTransport writing(EventLoop loop, OutputStream out, String name) {
        return new PipeTransport(loop, new StreamReader(loop, 1), out, name);
    }

    /** The stdout or stderr side: a reader fed by a pump thread, started at once. */
    static PipeTransport reading(EventLoop loop, InputStream in, int limit, String name) {
        StreamReader reader = new StreamReader(loop, limit);
        PipeTransport t = new PipeTransport(loop, reader, null, name);
        reader.setTransport(t);
        Thread pump = new Thread(() -> t.pump(in), name);
        pump.setDaemon(true);
        pump.start();
        return t;
    }

    private void pump(InputStream in) {
        byte[] chunk = new byte[1 << 16];
        try (in) {
            for (;;) {
                synchronized (pauseLock) {
                    while (readPaused || inFlight) {
                        pauseLock.wait();
                    }
                    inFlight = true;
                }
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                byte[] data = java.util.Arrays.copyOf(chunk, n);
                loop.callSoonThreadsafe(() -> {
                    if (!reader.atEofReceived()) {
                        reader.feedData(data); // may pause us
                    }
                    synchronized (pauseLock) {
                        inFlight = false;
                        pauseLock.notifyAll();
                    }
                });
            }
            loop.callSoonThreadsafe(() -> {
                if (!reader.atEofReceived()) {
                    reader.feedEof();
                }
            });
        } catch (IOException e) {
            loop.callSoonThreadsafe(() -> reader.setException(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            // the loop was closed: nobody is left to feed
        } finally {
            pumpDone.complete(null);
        }
    }

    @Override
    void pauseReading() {
        synchronized (pauseLock) {
            readPaused = true;
        }
    }

    @Override
    void resumeReading() {
        synchronized (pauseLock) {
            readPaused = false;
            pauseLock.notifyAll();
        }
    }

    @Override
    void write(ByteBuffer data, boolean mayKeep) {
        if (out == null) {
            throw new UnsupportedOperationException("this pipe is read-only");
        }
        if (closing) {
            if (lost) {
                return; // as sockets: writes after the loss are dropped; drain() reports it
            }
            throw new IllegalStateException("Cannot write to a closing pipe");
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        byte[] bytes = new byte[n];
        data.get(bytes);
        queued += n;
        if (!writePaused && queued > highWater) {
            writePaused = true;
        }
        writerThread.execute(() -> {
            try {
                out.write(bytes);
                out.flush();
                post(() -> written(n));
            } catch (IOException e) {
                post(() -> lose(e));
            }
        });
    }

    /** Hands a writer-thread event to the loop, unless the loop is already closed (then nobody waits for it). */
    private void post(Runnable r) {
        try {
            loop.callSoonThreadsafe(r);
        } catch (IllegalStateException closed) {
            System.getLogger(PipeTransport.class.getName()).log(System.Logger.Level.DEBUG,
                    "pipe event after its loop closed", closed);
        }
    }

    private void written(int n) {
        queued -= n;
        if (writePaused && queued <= lowWater) {
            writePaused = false;
            wake(null);
        }
    }

    private void wake(Throwable e) {
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
        writePaused = queued > highWater;
        if (!writePaused) {
            wake(null);
        }
    }

    @Override
    AsyncFuture<Void> drainWaiter() {
        AsyncFuture<Void> w = loop.createFuture();
        drainWaiters.add(w);
        w.addDoneCallback(drainWaiters::remove);
        return w;
    }

    /** Closing stdin is its end of stream: the same as {@link #close()}. */
    @Override
    void writeEof() {
        close();
    }

    @Override
    boolean isClosing() {
        return closing;
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

    /** Closes stdin after what is queued (reading pipes: stops feeding the reader). */
    @Override
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (writerThread == null) {
            resumeReading();
            lose(null);
            return;
        }
        writerThread.execute(() -> {
            try {
                out.close();
                post(() -> lose(null));
            } catch (IOException e) {
                post(() -> lose(e));
            }
        });
        writerThread.shutdown();
    }

    @Override
    void abort() {
        close();
    }

    private void lose(Throwable e) {
        if (lost) {
            return;
        }
        closing = true;
        lost = true;
        lostWith = e;
        if (writerThread != null) {
            writerThread.shutdown();
            try {
                out.close();
            } catch (IOException ex) {
                LOG.log(System.Logger.Level.DEBUG, "closing a pipe failed", ex);
            }
            pumpDone.complete(null);
        }
        wake(e == null ? new SocketException("Connection lost") : e);
        if (!closed.done()) {
            closed.setResult(null);
        }
    }

    @Override
    public String toString() {
        return "<PipeTransport" + (lost ? " closed" : closing ? " closing" : "") + ">";
    }
}
