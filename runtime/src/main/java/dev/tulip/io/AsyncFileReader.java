package dev.tulip.io;

import dev.tulip.AsyncCloseable;
import dev.tulip.AsyncIterable;
import dev.tulip.AsyncIterator;
import dev.tulip.Awaitable;
import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NoSuchElementException;

/**
 * A file open for streaming reads: Python's {@code async with aiofiles.open(path) as f}, then
 * {@code async for line in f} or {@code await f.read(n)}. Opened by {@link AsyncFiles#openReader(Path)}.
 *
 * <p>The file is read in chunks (64 KiB by default) into one bounded buffer, so a file of any size is
 * iterated in the memory of its longest line plus one chunk. Each chunk is read by a blocking
 * {@link FileChannel#read} on the loop's default executor (see {@link AsyncFiles} for why not
 * {@link java.nio.channels.AsynchronousFileChannel}); lines, offsets and decoding are handled on the loop.
 *
 * <p>Lines: the iteration ({@code for (String line : file)} in an {@code @Async} method) yields each line
 * without its terminator, {@code \n} or {@code \r\n} (as {@link java.nio.file.Files#readAllLines}, but a
 * lone {@code \r} is not a terminator, as in asyncio's streams); the last line is yielded even without a
 * terminator; an empty file yields nothing. A line is decoded once it is whole, so a multi-byte character
 * split across two chunks decodes correctly; malformed input raises {@link CharacterCodingException}.
 * Only charsets in which {@code \n} and {@code \r} are single bytes that occur in no other character
 * are accepted (UTF-8, ISO-8859-x, US-ASCII, ...; not UTF-16). A line longer than the limit raises
 * {@link LimitOverrunError} (the line stays unread).
 *
 * <p>One operation at a time: starting a read while another awaits the disk raises
 * {@link IllegalStateException}. <b>Cancellation closes the file</b>: a read cancelled while its chunk is
 * being read loses that chunk (the executor's read finishes into a buffer nobody looks at), so the
 * file's position is no longer meaningful; the file is closed, and later reads raise
 * {@link ClosedChannelException}. Closing twice is harmless.
 */
public final class AsyncFileReader implements AsyncIterable<String>, AsyncCloseable {
    /** The default chunk: each read from the disk asks for up to this many bytes. */
    public static final int DEFAULT_BUFFER_SIZE = 1 << 16;
    /** The default longest line, in bytes. */
    public static final int DEFAULT_MAX_LINE = 1 << 20;

    private static final Object NEED = new Object();

    private final FileChannel channel;
    private final Path path;
    private final Charset charset;
    private final int chunk;
    private final int maxLine;
    private byte[] buf;
    private int start;
    private int end;
    private int searchFrom;
    private boolean eof;
    private boolean busy;
    private boolean closed;

    AsyncFileReader(FileChannel channel, Path path, Charset charset, int chunk, int maxLine) {
        this.channel = channel;
        this.path = path;
        this.charset = charset;
        this.chunk = chunk;
        this.maxLine = maxLine;
        this.buf = new byte[chunk];
    }

    static void checkCharset(Charset charset) {
        if (!Arrays.equals("\r\n".getBytes(charset), new byte[] {'\r', '\n'}) || !charset.contains(StandardCharsets.US_ASCII)) {
            throw new IllegalArgumentException(charset + " is not ASCII-compatible: lines cannot be split on bytes");
        }
    }

    /**
     * Reads up to {@code n} bytes: what is buffered, else one chunk from the file; Python's
     * {@code f.read(n)} on a binary file, and {@code f.read()} for {@code n < 0} (the rest of the file,
     * into memory). May be mixed with line reads.
     *
     * @param n the most bytes to return, or a negative number for everything up to end of file
     * @return a coroutine producing the bytes, empty at end of file
     */
    public Coroutine<byte[]> read(int n) {
        if (n < 0) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            return new ReadOp<>("read") {
                @Override
                Object attempt() {
                    all.write(buf, start, end - start);
                    start = end = searchFrom = 0;
                    return eof ? all.toByteArray() : NEED;
                }
            };
        }
        return new ReadOp<>("read") {
            @Override
            Object attempt() {
                if (n == 0 || start < end) {
                    int k = Math.min(n, end - start);
                    byte[] out = Arrays.copyOfRange(buf, start, start + k);
                    start += k;
                    searchFrom = Math.max(searchFrom, start);
                    return out;
                }
                return eof ? new byte[0] : NEED;
            }
        };
    }

    /**
     * Reads one line, without its terminator; Python's {@code f.readline()}, which returns {@code ""} at end
     * of file (here null, since an empty line is a line).
     *
     * @return a coroutine producing the line, or null at end of file
     */
    public Coroutine<String> readLine() {
        return new ReadOp<>("readLine") {
            @Override
            Object attempt() throws CharacterCodingException {
                return lineAttempt();
            }
        };
    }

    private Object lineAttempt() throws CharacterCodingException {
        for (int i = searchFrom; i < end; i++) {
            if (buf[i] == '\n') {
                int stop = i > start && buf[i - 1] == '\r' ? i - 1 : i;
                String line = decode(start, stop);
                start = searchFrom = i + 1;
                return line;
            }
        }
        searchFrom = end;
        if (end - start > maxLine) {
            throw new LimitOverrunError("a line of " + path + " is longer than " + maxLine + " bytes", end - start);
        }
        if (eof) {
            if (start == end) {
                return null;
            }
            String line = decode(start, end);
            start = end = searchFrom = 0;
            return line;
        }
        return NEED;
    }

    private String decode(int from, int to) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(buf, from, to - from)).toString();
    }

    /**
     * Iterates the remaining lines; Python's {@code async for line in f}. Each {@code hasNext()} is a
     * {@link #readLine()}.
     *
     * @return a fresh iterator
     */
    @Override
    public AsyncIterator<String> aiter() {
        return new AsyncIterator<>() {
            private String line;

            @Override
            public Awaitable<Boolean> hasNext() {
                return new ReadOp<Boolean>("readLine") {
                    @Override
                    Object attempt() throws CharacterCodingException {
                        Object r = lineAttempt();
                        if (r == NEED) {
                            return NEED;
                        }
                        line = (String) r;
                        return line != null;
                    }
                };
            }

            @Override
            public String next() {
                String l = line;
                if (l == null) {
                    throw new NoSuchElementException("hasNext() did not produce true");
                }
                line = null;
                return l;
            }
        };
    }

    /** Makes room for one more chunk after {@code end}: drops consumed bytes, grows up to the line limit. */
    private void makeRoom() {
        if (start == end) {
            start = end = searchFrom = 0;
        } else if (start > 0 && buf.length - end < chunk) {
            System.arraycopy(buf, start, buf, 0, end - start);
            end -= start;
            searchFrom -= start;
            start = 0;
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(Math.max(2L * buf.length, chunk), (long) maxLine + chunk));
        }
    }

    /** The buffer's current size (tests check that it stays bounded). */
    int bufferCapacity() {
        return buf.length;
    }

    /**
     * Whether the file is closed.
     *
     * @return true once closed (by {@link #aclose()} or by a cancelled read)
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the file; Python's leaving {@code async with}. Closing a local file does not wait for the
     * disk, so it happens on the loop when the coroutine runs.
     *
     * @return a coroutine that closes the file
     */
    @Override
    public Awaitable<Void> aclose() {
        return new Coroutine<Void>() {
            @Override
            protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                if (thrown != null) {
                    throw thrown;
                }
                closeNow();
                return complete(null);
            }

            @Override
            protected String name() {
                return "AsyncFileReader.aclose";
            }
        };
    }

    private void closeNow() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            System.getLogger(AsyncFileReader.class.getName()).log(System.Logger.Level.DEBUG, "closing " + path, e);
        }
    }

    @Override
    public String toString() {
        return "<AsyncFileReader " + path + (closed ? " closed" : "") + ">";
    }

    /** A read: tries the buffer, and reads one chunk off the loop each time the buffer is not enough. */
    private abstract class ReadOp<T> extends Coroutine<T> {
        private final String name;

        ReadOp(String name) {
            this.name = name;
        }

        abstract Object attempt() throws IOException;

        @Override
        @SuppressWarnings("unchecked")
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (state == 1) {
                busy = false;
                if (thrown instanceof CancelledError) {
                    closeNow();
                }
                if (thrown != null) {
                    throw thrown;
                }
                int n = (Integer) sent;
                if (n < 0) {
                    eof = true;
                } else {
                    end += n;
                }
            } else {
                if (thrown != null) {
                    throw thrown;
                }
                if (busy) {
                    throw new IllegalStateException(path + ": another read is waiting for the disk; await it first");
                }
            }
            if (closed) {
                throw new ClosedChannelException();
            }
            Object r = attempt();
            if (r != NEED) {
                return complete((T) r);
            }
            makeRoom();
            ByteBuffer target = ByteBuffer.wrap(buf, end, buf.length - end);
            busy = true;
            state = 1;
            return EventLoop.running().runInExecutor(null, () -> channel.read(target));
        }

        @Override
        protected String name() {
            return "AsyncFileReader." + name;
        }
    }
}
