package dev.tulip.io;

import dev.tulip.AsyncCloseable;
import dev.tulip.Awaitable;
import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A file open for streaming writes: Python's {@code async with aiofiles.open(path, "w") as f}, then
 * {@code await f.write(data)}. Opened by {@link AsyncFiles#openWriter(Path, java.nio.file.OpenOption...)}.
 *
 * <p>Writes are buffered on the loop, up to 64 KiB by default: a {@link #write(byte[])} that leaves the
 * buffer below that completes without leaving the loop; one that fills it writes the buffer (and the new
 * data) with a blocking {@link FileChannel#write} on the loop's default executor before completing, so a
 * writer that awaits each write holds at most one buffer plus one write's data in memory, however much
 * it writes. {@link #flush()} hands everything buffered to the operating system (it does not
 * {@code fsync}); {@link #aclose()} flushes, then closes.
 *
 * <p>One operation at a time: starting a write while another awaits the disk raises
 * {@link IllegalStateException}. <b>Cancellation closes the file</b>: a write cancelled while it waits for
 * the disk may have written part of its data, so the file is closed (later writes raise
 * {@link ClosedChannelException}) rather than left with a hole in what the program thinks it wrote.
 */
public final class AsyncFileWriter implements AsyncCloseable {
    private final FileChannel channel;
    private final Path path;
    private final Charset charset;
    private byte[] pending;
    private int size;
    private boolean busy;
    private boolean closed;

    AsyncFileWriter(FileChannel channel, Path path, Charset charset, int bufferSize) {
        this.channel = channel;
        this.path = path;
        this.charset = charset;
        this.pending = new byte[bufferSize];
    }

    /**
     * Writes bytes (copied at the call, so the caller may reuse the array).
     *
     * @param data the bytes
     * @return a coroutine that completes once the bytes are buffered or written
     */
    public Coroutine<Void> write(byte[] data) {
        byte[] copy = data.clone();
        return new WriteOp("write", false) {
            @Override
            ByteBuffer prepare() {
                if (size + copy.length < pending.length) {
                    System.arraycopy(copy, 0, pending, size, copy.length);
                    size += copy.length;
                    return null;
                }
                return takeBuffered(copy);
            }
        };
    }

    /**
     * Writes text in the file's charset (UTF-8 unless opened otherwise).
     *
     * @param text the text
     * @return a coroutine that completes once the bytes are buffered or written
     */
    public Coroutine<Void> write(CharSequence text) {
        return write(text.toString().getBytes(charset));
    }

    /**
     * Writes everything buffered to the operating system; Python's {@code await f.flush()}.
     *
     * @return a coroutine that completes once written
     */
    public Coroutine<Void> flush() {
        return new WriteOp("flush", false) {
            @Override
            ByteBuffer prepare() {
                return size == 0 ? null : takeBuffered(new byte[0]);
            }
        };
    }

    /**
     * Flushes and closes the file; Python's leaving {@code async with}. If the flush fails the file is
     * closed anyway and the error raised.
     *
     * @return a coroutine that completes once closed
     */
    @Override
    public Awaitable<Void> aclose() {
        return new WriteOp("aclose", true) {
            @Override
            ByteBuffer prepare() {
                return size == 0 ? null : takeBuffered(new byte[0]);
            }
        };
    }

    /** The buffered bytes followed by {@code more}, as one buffer to write; empties the buffer. */
    private ByteBuffer takeBuffered(byte[] more) {
        byte[] out = Arrays.copyOf(pending, size + more.length);
        System.arraycopy(more, 0, out, size, more.length);
        size = 0;
        return ByteBuffer.wrap(out);
    }

    /**
     * Whether the file is closed.
     *
     * @return true once closed (by {@link #aclose()} or by a cancelled write)
     */
    public boolean isClosed() {
        return closed;
    }

    private void closeNow() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            System.getLogger(AsyncFileWriter.class.getName()).log(System.Logger.Level.DEBUG, "closing " + path, e);
        }
    }

    @Override
    public String toString() {
        return "<AsyncFileWriter " + path + (closed ? " closed" : "") + ", " + size + " bytes buffered>";
    }

    /** A write: buffers on the loop, or writes one buffer off the loop; then, for aclose, closes. */
    private abstract class WriteOp extends Coroutine<Void> {
        private final String name;
        private final boolean close;

        WriteOp(String name, boolean close) {
            this.name = name;
            this.close = close;
        }

        /** The bytes to write off the loop now, or null if nothing needs the disk. */
        abstract ByteBuffer prepare();

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (state == 1) {
                busy = false;
                if (thrown instanceof CancelledError || (thrown != null && close)) {
                    closeNow();
                }
                if (thrown != null) {
                    throw thrown;
                }
                if (close) {
                    closeNow();
                }
                return complete(null);
            }
            if (thrown != null) {
                throw thrown;
            }
            if (busy) {
                throw new IllegalStateException(path + ": another write is waiting for the disk; await it first");
            }
            if (closed) {
                if (close) {
                    return complete(null);
                }
                throw new ClosedChannelException();
            }
            ByteBuffer out = prepare();
            if (out == null) {
                if (close) {
                    closeNow();
                }
                return complete(null);
            }
            busy = true;
            state = 1;
            return EventLoop.running().runInExecutor(null, () -> {
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                return null;
            });
        }

        @Override
        protected String name() {
            return "AsyncFileWriter." + name;
        }
    }
}
