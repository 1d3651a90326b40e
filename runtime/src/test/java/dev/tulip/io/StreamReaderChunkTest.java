package dev.tulip.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tulip.EventLoop;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Big chunks keep an array of their own and are handed over whole: no read may see another's bytes. */
class StreamReaderChunkTest {
    static byte[] chunk(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 7);
        }
        return b;
    }

    @Test
    void handedOverChunksStayIntactAndMixWithPartialReads() {
        try (EventLoop loop = new EventLoop()) {
            StreamReader r = new StreamReader(loop, 1 << 17);
            byte[] a = chunk(65536, 1);
            r.feedData(a);
            byte[] got = loop.runUntilComplete(r.read(65536));
            assertArrayEquals(a, got);
            byte[] b = chunk(65536, 2);
            r.feedData(b);
            assertArrayEquals(a, got, "a handed-over array is not reused for the next chunk");
            byte[] head = loop.runUntilComplete(r.read(1000));
            assertArrayEquals(Arrays.copyOf(b, 1000), head);
            r.feedData(chunk(10000, 3));
            byte[] rest = loop.runUntilComplete(r.readExactly(65536 - 1000 + 10000));
            byte[] want = new byte[rest.length];
            System.arraycopy(b, 1000, want, 0, 64536);
            System.arraycopy(chunk(10000, 3), 0, want, 64536, 10000);
            assertArrayEquals(want, rest);
            assertEquals(0, r.buffered());
            // a message in two chunks, the second big: still one readExactly
            r.feedData(chunk(100, 4));
            r.feedData(chunk(20000, 5));
            byte[] two = loop.runUntilComplete(r.readExactly(20100));
            assertArrayEquals(Arrays.copyOf(chunk(100, 4), 100), Arrays.copyOf(two, 100));
            assertArrayEquals(chunk(20000, 5), Arrays.copyOfRange(two, 100, 20100));
            r.feedData(chunk(9000, 6));
            r.feedEof();
            assertArrayEquals(chunk(9000, 6), loop.runUntilComplete(r.read(-1)));
        }
    }
}
