package dev.tulip.io;

import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Reading and writing files without blocking the loop: Python's {@code aiofiles}.
 *
 * <p><b>Mechanism: the loop's executor.</b> Each call runs the matching {@link Files} method on the
 * loop's default executor ({@link EventLoop#runInExecutor}) and completes on the loop. Not
 * {@link java.nio.channels.AsynchronousFileChannel}: on Linux the JDK implements it with a thread pool
 * anyway (there is no asynchronous file I/O it uses), it offers only positional byte reads, so lines,
 * charsets and whole-file operations would be rebuilt on top of it, and it does not tell a virtual-time
 * loop that work is in flight. The executor does: a virtual-time loop waits for file operations before
 * moving time. Cancelling the awaiting task abandons the result; an operation already running finishes.
 */
public final class AsyncFiles {
    private AsyncFiles() {
    }

    private static <T> Coroutine<T> offLoop(String name, Callable<T> work) {
        return new Lazy<>("AsyncFiles." + name, () -> EventLoop.running().runInExecutor(null, work));
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
