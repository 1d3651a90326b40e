package dev.tulip.io;

import dev.tulip.AsyncFuture;
import dev.tulip.AsyncIterable;
import dev.tulip.AsyncIterator;
import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * The incoming side of a stream: Python's {@code asyncio.StreamReader}. Bytes arrive from the transport
 * into a buffer; the read methods return coroutines that take from it, waiting when it has too little.
 *
 * <p><b>Flow control.</b> When more than twice the {@linkplain #limit() limit} is buffered, the transport
 * stops reading the socket (the peer's sends then block in its kernel); it resumes once the buffer is
 * back to the limit. A client sending faster than the application reads cannot grow the buffer without
 * bound.
 *
 * <p><b>Waiting.</b> At most one read may wait at a time (asyncio's "called while another coroutine is
 * already waiting for incoming data", an {@link IllegalStateException} here). Cancelling a waiting read
 * consumes nothing: the bytes stay buffered for the next read. The read methods are lazy coroutines, so
 * nothing happens until they are awaited.
 *
 * <p>Iterating a reader ({@code for (byte[] line : reader)} in an {@code @Async} method) yields its lines
 * with their {@code \n}, until end of stream.
 *
 * <p>Not thread-safe: use it from its loop's thread.
 */
public final class StreamReader implements AsyncIterable<byte[]> {
    /** The default buffer limit, 64 KiB, as asyncio's {@code _DEFAULT_LIMIT}. */
    public static final int DEFAULT_LIMIT = 1 << 16;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] NEWLINE = {'\n'};

    private final EventLoop loop;
    private final int limit;
    private byte[] buf = EMPTY;
    private int start;
    private int end;
    private boolean eof;
    private Throwable exception;
    private AsyncFuture<Void> waiter;
    private Transport transport;
    private boolean paused;

    /**
     * Creates a reader fed by hand ({@link #feedData}, {@link #feedEof}); streams from
     * {@link Streams} come with theirs.
     *
     * @param loop the loop its waiters belong to
     * @param limit the buffer limit (see the class comment), positive
     */
    public StreamReader(EventLoop loop, int limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        this.loop = loop;
        this.limit = limit;
    }

    void setTransport(Transport transport) {
        this.transport = transport;
    }

    /**
     * The buffer limit: the longest line or {@link #readUntil} chunk, and half the most buffered before
     * reading pauses.
     *
     * @return the limit in bytes
     */
    public int limit() {
        return limit;
    }

    /**
     * How many bytes are buffered now.
     *
     * @return the count
     */
    public int buffered() {
        return end - start;
    }

    /**
     * The exception the stream failed with (a reset connection, for example), or null.
     *
     * @return the exception, or null
     */
    public Throwable exception() {
        return exception;
    }

    /**
     * True when the end of the stream was received and the buffer is empty.
     *
     * @return whether nothing more can be read
     */
    public boolean atEof() {
        return eof && start == end;
    }

    /** True once the end of the stream was received, even if bytes are still buffered. */
    boolean atEofReceived() {
        return eof;
    }

    // ---- feeding (the transport, or tests) ----

    /**
     * Appends bytes received; wakes a waiting read. Called by the transport.
     *
     * @param data the bytes (copied)
     */
    public void feedData(byte[] data) {
        feedData(ByteBuffer.wrap(data));
    }

    void feedData(ByteBuffer data) {
        if (eof) {
            throw new IllegalStateException("feedData after feedEof");
        }
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        if (start == end && n >= HANDOVER) {
            // Nothing buffered and a big chunk: give it an array of its own, exactly its size, so that a read
            // taking all of it (read(n) or readExactly(n) of a whole message, the usual case) returns that
            // array instead of copying it again (see take). One copy per chunk on the way in instead of two:
            // with 64 KiB messages the copies are a third of the CPU time of an echo (docs/performance.md).
            byte[] own = new byte[n];
            data.get(own);
            buf = own;
            start = 0;
            end = n;
        } else {
            ensureRoom(n);
            data.get(buf, end, n);
            end += n;
        }
        wakeWaiter(null);
        if (transport != null && !paused && end - start > 2 * limit) {
            paused = true;
            transport.pauseReading();
        }
    }

    /** Records the end of the stream; wakes a waiting read. */
    public void feedEof() {
        eof = true;
        wakeWaiter(null);
    }

    /**
     * Fails the stream: pending and future reads raise {@code e}.
     *
     * @param e the exception
     */
    public void setException(Throwable e) {
        exception = e;
        wakeWaiter(e);
    }

    private void wakeWaiter(Throwable e) {
        AsyncFuture<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.done()) {
                if (e != null) {
                    w.setException(e);
                } else {
                    w.setResult(null);
                }
            }
        }
    }

    private void ensureRoom(int n) {
        if (buf.length - end >= n) {
            return;
        }
        int size = end - start;
        if (buf.length - size >= n && size <= buf.length / 2) {
            System.arraycopy(buf, start, buf, 0, size);
        } else {
            byte[] bigger = new byte[Math.max(size + n, Math.max(256, buf.length * 2))];
            System.arraycopy(buf, start, bigger, 0, size);
            buf = bigger;
        }
        start = 0;
        end = size;
    }

    private byte[] take(int n) {
        if (start == 0 && n == end && n == buf.length && n >= HANDOVER) {
            byte[] all = buf; // exactly the buffered bytes, in an array of their own (feedData): hand it over
            buf = EMPTY;
            end = 0;
            maybeResume();
            return all;
        }
        byte[] out = Arrays.copyOfRange(buf, start, start + n);
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
            if (buf.length > 4 * limit) {
                buf = EMPTY; // do not keep a burst's buffer for the life of the connection
            }
        }
        maybeResume();
        return out;
    }

    /** Empties the buffer, returning what it held (bytes that belong to a TLS layer started now). */
    ByteBuffer takeAll() {
        return ByteBuffer.wrap(take(end - start));
    }

    private void discard(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        maybeResume();
    }

    private void maybeResume() {
        if (paused && end - start <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    private int indexOf(byte[] sep, int from) {
        outer:
        for (int i = start + from, last = end - sep.length; i <= last; i++) {
            for (int j = 0; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    /** Returns a waiter for more data; asyncio's {@code _wait_for_data}. */
    private AsyncFuture<Void> waitForData(String what) {
        if (waiter != null) {
            throw new IllegalStateException(what + "() called while another coroutine is already waiting for incoming data");
        }
        if (eof) {
            throw new IllegalStateException(what + "() waits for data after the end of the stream");
        }
        if (paused) { // the buffer is over the limit yet the reader wants more: read on
            paused = false;
            transport.resumeReading();
        }
        AsyncFuture<Void> w = loop.createFuture();
        waiter = w;
        return w;
    }

    private void checkException() {
        Throwable e = exception;
        if (e != null) {
            throw SocketTransport.sneaky(e);
        }
    }

    // ---- reading ----

    /**
     * Reads up to {@code n} bytes: what is buffered (at most {@code n}), waiting only when nothing is; an
     * empty array at the end of the stream. With {@code n < 0}, reads everything until the end.
     *
     * @param n the most bytes to return, or -1 for all until end of stream
     * @return a coroutine producing the bytes
     */
    public Coroutine<byte[]> read(int n) {
        return new Op<byte[]>("read") {
            private java.io.ByteArrayOutputStream all;

            @Override
            Object attempt() {
                checkException();
                if (n == 0) {
                    return EMPTY;
                }
                if (n < 0) {
                    if (all == null) {
                        all = new java.io.ByteArrayOutputStream();
                    }
                    if (end > start) {
                        all.write(buf, start, end - start);
                        discard(end - start);
                    }
                    return eof ? all.toByteArray() : WAIT;
                }
                if (start == end) {
                    return eof ? EMPTY : WAIT;
                }
                return take(Math.min(n, end - start));
            }
        };
    }

    /**
     * Reads exactly {@code n} bytes.
     *
     * @param n how many, at least 0
     * @return a coroutine producing them
     * @throws IncompleteReadError (from the coroutine) when the stream ends first, with what was read
     */
    public Coroutine<byte[]> readExactly(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("readExactly size can not be less than zero, got " + n);
        }
        return new Op<byte[]>("readExactly") {
            @Override
            Object attempt() {
                checkException();
                if (end - start >= n) {
                    return take(n);
                }
                if (eof) {
                    byte[] partial = take(end - start);
                    throw new IncompleteReadError(partial, n);
                }
                return WAIT;
            }
        };
    }

    /**
     * Reads up to and including the next {@code \n}; at the end of the stream, what is left (possibly
     * empty). asyncio's {@code readline}: if no newline is found within the limit, the buffered data is
     * discarded (up to and including the separator when it is in the buffer) and a
     * {@link LimitOverrunError} is raised (asyncio raises {@code ValueError}).
     *
     * @return a coroutine producing the line
     */
    public Coroutine<byte[]> readLine() {
        return new Op<byte[]>("readLine") {
            @Override
            Object attempt() {
                return readLineAttempt();
            }
        };
    }

    /**
     * Reads up to and including {@code separator}.
     *
     * @param separator the bytes to stop after, not empty
     * @return a coroutine producing the chunk
     * @throws IncompleteReadError (from the coroutine) at the end of the stream, with what was buffered
     * @throws LimitOverrunError (from the coroutine) when the separator is not within the limit; the
     *     data stays buffered
     */
    public Coroutine<byte[]> readUntil(byte[] separator) {
        if (separator.length == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        byte[] sep = separator.clone();
        return new Op<byte[]>("readUntil") {
            @Override
            Object attempt() {
                return untilAttempt(sep);
            }
        };
    }

    private int searchOffset;

    private Object untilAttempt(byte[] sep) {
        checkException();
        int offset = searchOffset;
        int buflen = end - start;
        if (buflen - offset >= sep.length) {
            int isep = indexOf(sep, offset);
            if (isep >= 0) {
                searchOffset = 0;
                if (isep > limit) {
                    throw new LimitOverrunError("Separator is found, but chunk is longer than limit", isep);
                }
                return take(isep + sep.length);
            }
            offset = buflen + 1 - sep.length;
            if (offset > limit) {
                searchOffset = 0;
                throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
            }
        }
        if (eof) {
            searchOffset = 0;
            throw new IncompleteReadError(take(end - start), -1);
        }
        searchOffset = offset;
        return WAIT;
    }

    /**
     * Iterates the lines until end of stream; Python's {@code async for line in reader}.
     *
     * @return a fresh iterator
     */
    @Override
    public AsyncIterator<byte[]> aiter() {
        return new AsyncIterator<>() {
            private byte[] line;

            @Override
            public Awaitable<Boolean> hasNext() {
                return new Op<Boolean>("readLine") {
                    @Override
                    Object attempt() {
                        Object r = readLineAttempt();
                        if (r == WAIT) {
                            return WAIT;
                        }
                        line = (byte[]) r;
                        return line.length > 0;
                    }
                };
            }

            @Override
            public byte[] next() {
                byte[] l = line;
                if (l == null || l.length == 0) {
                    throw new NoSuchElementException("hasNext() did not produce true");
                }
                line = null;
                return l;
            }
        };
    }

    private Object readLineAttempt() {
        try {
            return untilAttempt(NEWLINE);
        } catch (IncompleteReadError e) {
            return e.partial();
        } catch (LimitOverrunError e) {
            if (e.consumed() < end - start && buf[start + e.consumed()] == '\n') {
                discard(e.consumed() + 1);
            } else {
                discard(end - start);
            }
            throw e;
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("<StreamReader");
        if (end > start) {
            s.append(' ').append(end - start).append(" bytes");
        }
        if (eof) {
            s.append(" eof");
        }
        if (limit != DEFAULT_LIMIT) {
            s.append(" limit=").append(limit);
        }
        if (waiter != null) {
            s.append(" waiter");
        }
        if (exception != null) {
            s.append(" exception=").append(exception);
        }
        if (transport != null) {
            s.append(" transport=").append(transport);
        }
        return s.append('>').toString();
    }

    /**
     * One read as a coroutine: try on each resume; when there is too little, suspend on a fresh waiter.
     * Cancellation arrives as {@code thrown} at the waiter and leaves the buffer untouched.
     */
    private abstract class Op<T> extends Coroutine<T> {
        final String what;

        Op(String what) {
            this.what = what;
        }

        abstract Object attempt();

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (state != 0 && waiter != null && waiter.done()) {
                waiter = null;
            }
            if (thrown != null) {
                if (waiter != null && waiter.done()) {
                    waiter = null;
                }
                throw thrown;
            }
            state = 1;
            Object r = attempt();
            if (r == WAIT) {
                return waitForData(what);
            }
            @SuppressWarnings("unchecked")
            T value = (T) r;
            return complete(value);
        }

        @Override
        protected String name() {
            return "StreamReader." + what;
        }
    }

    private static final Object WAIT = new Object();
    /** Chunks at least this big are kept in an array of their own when the buffer is empty (see feedData). */
    private static final int HANDOVER = 8192;
}
