package dev.tulip.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tulip.AsyncIterator;
import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.Tulip;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Streaming file reads and writes: {@link AsyncFileReader} and {@link AsyncFileWriter}. */
class AsyncFileStreamTest {
    @TempDir
    Path dir;

    /** {@code async for line in f: lines.append(line)}, closing the file at the end. */
    static Coroutine<List<String>> lines(AsyncFileReader f) {
        List<String> out = new ArrayList<>();
        AsyncIterator<String> it = f.aiter();
        return Co.of((co, n, sent) -> {
            if (n > 0) {
                if (!(Boolean) sent) {
                    return co.finish(out);
                }
                out.add(it.next());
            }
            return it.hasNext();
        });
    }

    /** Writes a file of mixed LF / CRLF lines with multi-byte characters, the last without a terminator. */
    static List<String> writeMixed(Path f, int count) throws Exception {
        List<String> want = new ArrayList<>();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            String line = i % 7 == 0 ? "" : "line " + i + " é€😀" + "x".repeat(i % 13);
            want.add(line);
            bytes.write(line.getBytes(StandardCharsets.UTF_8));
            if (i < count - 1) {
                bytes.write((i % 2 == 0 ? "\n" : "\r\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        Files.write(f, bytes.toByteArray());
        return want;
    }

    @Test
    void linesOfAFileManyTimesTheBufferOnBothClocks() throws Exception {
        Path f = dir.resolve("big.txt");
        List<String> want = writeMixed(f, 200_000);
        assertTrue(Files.size(f) > 40 * AsyncFileReader.DEFAULT_BUFFER_SIZE, "" + Files.size(f));
        for (EventLoop loop : new EventLoop[] {new EventLoop(), EventLoop.virtualTime()}) {
            try (loop) {
                AsyncFileReader r = loop.runUntilComplete(AsyncFiles.openReader(f));
                assertEquals(want, loop.runUntilComplete(lines(r)));
                assertTrue(r.bufferCapacity() <= 2 * AsyncFileReader.DEFAULT_BUFFER_SIZE, "" + r.bufferCapacity());
                loop.runUntilComplete(r.aclose());
                assertTrue(r.isClosed());
            }
        }
    }

    @Test
    void tinyBuffersSplitCharactersAndCrLfAcrossChunks() throws Exception {
        Path f = dir.resolve("mixed.txt");
        List<String> want = writeMixed(f, 300);
        try (EventLoop loop = new EventLoop()) {
            for (int size : new int[] {1, 2, 3, 5, 7, 64}) {
                AsyncFileReader r = loop.runUntilComplete(AsyncFiles.openReader(f, StandardCharsets.UTF_8, size, 1 << 10));
                assertEquals(want, loop.runUntilComplete(lines(r)), "buffer " + size);
                loop.runUntilComplete(r.aclose());
            }
        }
    }

    @Test
    void lastLineEmptyFileAndTrailingNewline() throws Exception {
        try (EventLoop loop = new EventLoop()) {
            String[][] cases = {{"", ""}, {"a\n", "a"}, {"a\r\nb", "a|b"}, {"a\n\n", "a|"}, {"\r\n", ""}, {"x\ry\n", "x\ry"}};
            for (String[] c : cases) {
                Path f = dir.resolve("c.txt");
                Files.writeString(f, c[0]);
                AsyncFileReader r = loop.runUntilComplete(AsyncFiles.openReader(f, StandardCharsets.UTF_8, 2, 100));
                List<String> got = loop.runUntilComplete(lines(r));
                assertEquals(c[1].isEmpty() && !c[0].equals("\r\n") ? List.of() : List.of(c[1].split("\\|", -1)), got,
                        "'" + c[0] + "'");
                assertNull(loop.runUntilComplete(r.readLine()), "end of file stays end of file");
                loop.runUntilComplete(r.aclose());
            }
        }
    }

    @Test
    void chunkedByteReadsMixWithLines() throws Exception {
        Path f = dir.resolve("bytes.bin");
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + (i >> 8));
        }
        data[0] = 'h';
        data[1] = 'i';
        data[2] = '\n';
        Files.write(f, data);
        try (EventLoop loop = new EventLoop()) {
            AsyncFileReader r = loop.runUntilComplete(AsyncFiles.openReader(f));
            assertEquals("hi", loop.runUntilComplete(r.readLine()));
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            got.write("hi\n".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = loop.runUntilComplete(r.read(1000));
            assertEquals(1000, chunk.length, "the rest of the buffered chunk is there at once");
            got.write(chunk);
            while (got.size() < 100_000) {
                chunk = loop.runUntilComplete(r.read(40_000));
                assertTrue(chunk.length > 0 && chunk.length <= 40_000, "" + chunk.length);
                got.write(chunk);
            }
            got.write(loop.runUntilComplete(r.read(-1)));
            assertArrayEquals(data, got.toByteArray());
            assertEquals(0, loop.runUntilComplete(r.read(10)).length, "end of file");
            assertEquals(0, loop.runUntilComplete(r.read(-1)).length);
            loop.runUntilComplete(r.aclose());
            assertThrows(ClosedChannelException.class, () -> loop.runUntilComplete(r.read(1)));
        }
    }

    @Test
    void longLinesMalformedInputAndCharsets() throws Exception {
        Path f = dir.resolve("long.txt");
        Files.writeString(f, "short\n" + "y".repeat(5000) + "\nafter\n");
        try (EventLoop loop = new EventLoop()) {
            AsyncFileReader r = loop.runUntilComplete(AsyncFiles.openReader(f, StandardCharsets.UTF_8, 100, 1000));
            assertEquals("short", loop.runUntilComplete(r.readLine()));
            assertThrows(LimitOverrunError.class, () -> loop.runUntilComplete(r.readLine()));
            assertTrue(r.bufferCapacity() <= 1000 + 100, "the buffer stays bounded: " + r.bufferCapacity());
            loop.runUntilComplete(r.aclose());

            Files.write(f, new byte[] {'o', 'k', '\n', (byte) 0xC3, '\n'});
            AsyncFileReader bad = loop.runUntilComplete(AsyncFiles.openReader(f));
            assertEquals("ok", loop.runUntilComplete(bad.readLine()));
            assertThrows(CharacterCodingException.class, () -> loop.runUntilComplete(bad.readLine()));
            loop.runUntilComplete(bad.aclose());

            Files.write(f, "caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
            AsyncFileReader latin = loop.runUntilComplete(AsyncFiles.openReader(f, StandardCharsets.ISO_8859_1, 2, 10));
            assertEquals("caf\u00e9", loop.runUntilComplete(latin.readLine()));
            loop.runUntilComplete(latin.aclose());
        }
        assertThrows(IllegalArgumentException.class, () -> AsyncFiles.openReader(f, StandardCharsets.UTF_16, 10, 10));
        try (EventLoop loop = new EventLoop()) {
            assertThrows(java.nio.file.NoSuchFileException.class,
                    () -> loop.runUntilComplete(AsyncFiles.openReader(dir.resolve("missing"))));
        }
    }

    @Test
    void cancellingAReadThatWaitsForTheDiskClosesTheFile() throws Exception {
        assumeTrue(!System.getProperty("os.name").startsWith("Windows"), "needs mkfifo");
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo, StandardOpenOption.WRITE)) {
                out.write("first\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(2000); // then end of file: the read must not wait for this
            } catch (Exception e) {
                // the reader is gone
            }
        });
        writer.start();
        try (EventLoop loop = new EventLoop()) {
            AsyncFileReader r = loop.runUntilComplete(AsyncFiles.openReader(fifo));
            assertEquals("first", loop.runUntilComplete(r.readLine()));
            Task<String> reading = loop.createTask(r.readLine());
            loop.runUntilComplete(Tulip.sleep(0.05));
            assertFalse(reading.done(), "the second line is not written yet");
            reading.cancel();
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(reading));
            assertTrue(r.isClosed(), "cancellation closed the file");
            assertThrows(ClosedChannelException.class, () -> loop.runUntilComplete(r.readLine()));
        }
        writer.interrupt();
        writer.join();
    }

    @Test
    void streamingWritesBufferThenFlushAndClose() throws Exception {
        Path f = dir.resolve("out.txt");
        try (EventLoop loop = new EventLoop()) {
            AsyncFileWriter w = loop.runUntilComplete(AsyncFiles.openWriter(f, StandardCharsets.UTF_8, 1000));
            StringBuilder want = new StringBuilder();
            byte[] reused = new byte[1];
            for (int i = 0; i < 20_000; i++) {
                String line = "é line " + i + "\n";
                want.append(line);
                loop.runUntilComplete(w.write(line));
                if (i == 10) {
                    assertEquals(0, Files.size(f), "small writes stay in the buffer");
                }
                reused[0] = (byte) ('a' + i % 26);
                want.append((char) reused[0]);
                loop.runUntilComplete(w.write(reused));
            }
            long before = Files.size(f);
            assertTrue(before > 0 && before > want.length() - 1100, "written as the buffer filled: " + before);
            loop.runUntilComplete(w.write(new byte[5000]));
            want.append("\0".repeat(5000));
            loop.runUntilComplete(w.flush());
            assertEquals(want.toString(), Files.readString(f));
            loop.runUntilComplete(w.write("tail"));
            loop.runUntilComplete(w.aclose());
            loop.runUntilComplete(w.aclose());
            assertEquals(want + "tail", Files.readString(f));
            assertThrows(ClosedChannelException.class, () -> loop.runUntilComplete(w.write("more")));

            AsyncFileWriter a = loop.runUntilComplete(AsyncFiles.openWriter(f, StandardOpenOption.APPEND));
            loop.runUntilComplete(a.write("!"));
            loop.runUntilComplete(a.aclose());
            assertEquals(want + "tail!", Files.readString(f));
        }
    }
}
