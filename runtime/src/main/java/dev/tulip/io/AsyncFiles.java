package dev.tulip.io;

import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Reading and writing files without blocking the loop: Python's {@code aiofiles}.
 *
 * <p>Whole-file operations ({@link #readAllBytes}, {@link #write}, ...) and streaming ones:
 * {@link #openReader(Path)} gives an {@link AsyncFileReader} whose lines are iterated with a for-each in an
 * {@code @Async} method ({@code async for line in f}) or read in chunks, in a bounded buffer whatever the
 * file's size; {@link #openWriter(Path, OpenOption...)} gives a buffered {@link AsyncFileWriter}.
 *
 * <p><b>Mechanism: the loop's executor.</b> Each blocking step (a whole-file {@link Files} method, or one
 * chunk's {@link java.nio.channels.FileChannel} read or write) runs on the loop's default executor
 * ({@link EventLoop#runInExecutor}) and completes on the loop. Not
 * {@link java.nio.channels.AsynchronousFileChannel}: on Linux and macOS the JDK implements it with a
 * thread pool anyway (it uses no asynchronous file I/O of the kernel), so it saves no thread hop; it offers
 * only positional byte reads, so lines, charsets and whole-file operations would be rebuilt on top of it
 * all the same; and it does not tell a virtual-time loop that work is in flight. The executor does: a
 * virtual-time loop waits for file operations before moving time. Cancelling a whole-file operation
 * abandons its result (an operation already running finishes); cancelling a streaming read or write
 * closes its file (see there).
 */
public final class AsyncFiles {
    private AsyncFiles() {
    }

    private static <T> Coroutine<T> offLoop(String name, Callable<T> work) {
        return new Lazy<>("AsyncFiles." + name, () -> EventLoop.running().runInExecutor(null, work));
    }

    /**
     * Opens a file for streaming reads of UTF-8 text or bytes; Python's {@code aiofiles.open(path)}. Use it in a
     * try-with-resources of an {@code @Async} method, and iterate its lines with a for-each.
     *
     * @param path the file
     * @return a coroutine producing the open reader (awaiting it raises {@link java.io.IOException},
     *         undeclared, if the file cannot be opened)
     */
    public static Coroutine<AsyncFileReader> openReader(Path path) {
        return openReader(path, StandardCharsets.UTF_8, AsyncFileReader.DEFAULT_BUFFER_SIZE, AsyncFileReader.DEFAULT_MAX_LINE);
    }

    /**
     * Opens a file for streaming reads with a given charset and buffer.
     *
     * @param path the file
     * @param charset the encoding of its lines: ASCII-compatible (UTF-8, ISO-8859-1, ...)
     * @param bufferSize bytes asked of the disk per read (the buffer's initial size), at least 1
     * @param maxLineLength the longest line accepted, in bytes
     * @return a coroutine producing the open reader
     * @throws IllegalArgumentException if the charset is not ASCII-compatible or a size is not positive
     */
    public static Coroutine<AsyncFileReader> openReader(Path path, Charset charset, int bufferSize, int maxLineLength) {
        AsyncFileReader.checkCharset(charset);
        if (bufferSize < 1 || maxLineLength < 1) {
            throw new IllegalArgumentException("bufferSize and maxLineLength must be positive");
        }
        return offLoop("openReader", () -> new AsyncFileReader(FileChannel.open(path, StandardOpenOption.READ), path,
                charset, bufferSize, maxLineLength));
    }

    /**
     * Opens a file for buffered streaming writes, UTF-8 for text; Python's {@code aiofiles.open(path, "w")}
     * (by default creating or truncating it, as {@link Files#newOutputStream}; pass
     * {@link StandardOpenOption#APPEND} for {@code "a"}).
     *
     * @param path the file
     * @param options how to open it
     * @return a coroutine producing the open writer
     */
    public static Coroutine<AsyncFileWriter> openWriter(Path path, OpenOption... options) {
        return openWriter(path, StandardCharsets.UTF_8, AsyncFileReader.DEFAULT_BUFFER_SIZE, options);
    }

    /**
     * Opens a file for buffered streaming writes with a given charset and buffer size.
     *
     * @param path the file
     * @param charset the encoding of written text
     * @param bufferSize bytes buffered on the loop before a write goes to the disk, at least 1
     * @param options how to open it (none: create, truncate, write)
     * @return a coroutine producing the open writer
     */
    public static Coroutine<AsyncFileWriter> openWriter(Path path, Charset charset, int bufferSize, OpenOption... options) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be positive");
        }
        Set<OpenOption> opts = new HashSet<>(Arrays.asList(options));
        if (opts.isEmpty()) {
            opts.addAll(List.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING));
        }
        opts.add(StandardOpenOption.WRITE);
        return offLoop("openWriter", () -> new AsyncFileWriter(FileChannel.open(path, opts), path, charset, bufferSize));
    }

    /**
     * Reads a whole file.
     *
     * @param path the file
     * @return a coroutine producing its bytes
     */
    public static Coroutine<byte[]> readAllBytes(Path path) {
        return offLoop("readAllBytes", () -> Files.readAllBytes(path));
    }

    /**
     * Reads a whole file as UTF-8 text.
     *
     * @param path the file
     * @return a coroutine producing its text
     */
    public static Coroutine<String> readString(Path path) {
        return readString(path, StandardCharsets.UTF_8);
    }

    /**
     * Reads a whole file as text.
     *
     * @param path the file
     * @param charset its encoding
     * @return a coroutine producing its text
     */
    public static Coroutine<String> readString(Path path, Charset charset) {
        return offLoop("readString", () -> Files.readString(path, charset));
    }

    /**
     * Reads a file's lines (UTF-8, without line terminators).
     *
     * @param path the file
     * @return a coroutine producing the lines
     */
    public static Coroutine<List<String>> readAllLines(Path path) {
        return offLoop("readAllLines", () -> new ArrayList<>(Files.readAllLines(path, StandardCharsets.UTF_8)));
    }

    /**
     * Writes bytes to a file (by default creating or truncating it, as {@link Files#write(Path, byte[], OpenOption...)}).
     *
     * @param path the file
     * @param data the bytes (copied at the call, so the caller may reuse the array)
     * @param options how to open it, e.g. {@link java.nio.file.StandardOpenOption#APPEND}
     * @return a coroutine producing the path
     */
    public static Coroutine<Path> write(Path path, byte[] data, OpenOption... options) {
        byte[] copy = data.clone();
        OpenOption[] opts = options.clone();
        return offLoop("write", () -> Files.write(path, copy, opts));
    }

    /**
     * Writes text in UTF-8.
     *
     * @param path the file
     * @param text the text
     * @param options how to open it
     * @return a coroutine producing the path
     */
    public static Coroutine<Path> writeString(Path path, CharSequence text, OpenOption... options) {
        String s = text.toString();
        OpenOption[] opts = options.clone();
        return offLoop("writeString", () -> Files.writeString(path, s, StandardCharsets.UTF_8, opts));
    }

    /**
     * Writes lines in UTF-8, each followed by the platform's line separator.
     *
     * @param path the file
     * @param lines the lines (copied at the call)
     * @param options how to open it
     * @return a coroutine producing the path
     */
    public static Coroutine<Path> writeLines(Path path, Iterable<? extends CharSequence> lines, OpenOption... options) {
        List<String> copy = new ArrayList<>();
        for (CharSequence l : lines) {
            copy.add(l.toString());
        }
        OpenOption[] opts = options.clone();
        return offLoop("writeLines", () -> Files.write(path, copy, StandardCharsets.UTF_8, opts));
    }
}
