package dev.tulip.http.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The RFC 6455 codec on bytes: the RFC's own examples, every split, and every protocol error. */
class CodecTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void rfcExamplesDecode() {
        // RFC 6455 §5.7: a single-frame unmasked text message "Hello"
        List<Frame> f = new FrameDecoder(false, 1 << 20).feed(hex("81 05 48 65 6c 6c 6f"));
        assertEquals(1, f.size());
        assertEquals("Hello", new String(f.get(0).payload(), StandardCharsets.UTF_8));
        // a single-frame masked text message "Hello"
        f = new FrameDecoder(true, 1 << 20).feed(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
        assertEquals("Hello", new String(f.get(0).payload(), StandardCharsets.UTF_8));
        // a fragmented unmasked text message: "Hel" then "lo"
        FrameDecoder d = new FrameDecoder(false, 1 << 20);
        MessageAssembler a = new MessageAssembler(1 << 20);
        List<Frame> parts = d.feed(hex("01 03 48 65 6c 80 02 6c 6f"));
        assertNull(a.add(parts.get(0)));
        assertEquals(Message.text("Hello"), a.add(parts.get(1)));
        // unmasked ping "Hello"
        Frame ping = new FrameDecoder(false, 1 << 20).feed(hex("89 05 48 65 6c 6c 6f")).get(0);
        assertEquals(Opcode.PING, ping.opcode());
        // 256 bytes binary in one unmasked frame: 16-bit length
        byte[] b256 = new byte[4 + 256];
        System.arraycopy(hex("82 7E 01 00"), 0, b256, 0, 4);
        assertEquals(256, new FrameDecoder(false, 1 << 20).feed(b256).get(0).payload().length);
    }

    @Test
    void rfcHandshakeKey() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", Handshake.acceptKey("dGhlIHNhbXBsZSBub25jZQ=="));
        assertTrue(Handshake.isValidKey(Handshake.newKey()));
        assertTrue(!Handshake.isValidKey("short"));
    }

    @Test
    void encodeDecodeRoundTripsInEverySplit() {
        Random r = new Random(42);
        for (int size : new int[] {0, 1, 125, 126, 127, 65535, 65536, 70000}) {
            for (boolean mask : new boolean[] {false, true}) {
                byte[] payload = new byte[size];
                r.nextBytes(payload);
                byte[] wire = new FrameEncoder(mask, r).encode(true, Opcode.BINARY, payload);
                int header = 2 + (size <= 125 ? 0 : size <= 65535 ? 2 : 8) + (mask ? 4 : 0);
                assertEquals(header + size, wire.length);
                // feed it in random pieces
                FrameDecoder d = new FrameDecoder(mask, 1 << 20);
                List<Frame> got = new ArrayList<>();
                int i = 0;
                while (i < wire.length) {
                    int n = Math.min(wire.length - i, 1 + r.nextInt(size < 200 ? 3 : 5000));
                    got.addAll(d.feed(wire, i, n));
                    i += n;
                }
                assertEquals(1, got.size(), size + " " + mask);
                assertArrayEquals(payload, got.get(0).payload());
                assertEquals(0, d.buffered());
            }
        }
    }

    @Test
    void severalFramesInOneRead() {
        FrameEncoder e = new FrameEncoder(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(e.encode(true, Opcode.TEXT, "one".getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(e.encode(true, Opcode.PING, new byte[] {1}));
        out.writeBytes(e.close(CloseCodes.NORMAL, "bye"));
        out.write(0x81); // the start of a fourth, incomplete
        FrameDecoder d = new FrameDecoder(true, 100);
        List<Frame> f = d.feed(out.toByteArray());
        assertEquals(3, f.size());
        assertEquals(new CloseReason(1000, "bye"), CloseReason.parse(f.get(2).payload()));
        assertEquals(1, d.buffered());
    }

    private static int closeCodeOf(Runnable r) {
        return assertThrows(ProtocolError.class, r::run).closeCode();
    }

    @Test
    void frameErrors() {
        assertEquals(1002, closeCodeOf(() -> new FrameDecoder(false, 100).feed(hex("C1 00")))); // RSV1
        assertEquals(1002, closeCodeOf(() -> new FrameDecoder(false, 100).feed(hex("83 00")))); // opcode 3
        assertEquals(1002, closeCodeOf(() -> new FrameDecoder(false, 100).feed(hex("09 00")))); // fragmented ping
        assertEquals(1002, closeCodeOf(() -> new FrameDecoder(false, 1000).feed(hex("89 7E 00 7E")))); // ping of 126
        assertEquals(1002, closeCodeOf(() -> new FrameDecoder(true, 100).feed(hex("81 00")))); // unmasked to a server
        assertEquals(1002, closeCodeOf(() -> new FrameDecoder(false, 100).feed(hex("81 80 00 00 00 00")))); // masked to a client
        assertEquals(1002, closeCodeOf(() -> new FrameDecoder(false, 100).feed(hex("82 7F 80 00 00 00 00 00 00 00"))));
        // over the limit: refused from the header alone, before any payload is buffered
        assertEquals(1009, closeCodeOf(() -> new FrameDecoder(false, 100).feed(hex("82 7F 00 00 00 01 00 00 00 00"))));
    }

    @Test
    void sequenceErrors() {
        MessageAssembler a = new MessageAssembler(10);
        assertEquals(1002, closeCodeOf(() -> a.add(new Frame(true, Opcode.CONTINUATION, new byte[1]))));
        MessageAssembler b = new MessageAssembler(10);
        b.add(new Frame(false, Opcode.TEXT, new byte[] {'a'}));
        assertEquals(1002, closeCodeOf(() -> b.add(new Frame(true, Opcode.TEXT, new byte[] {'b'}))));
        MessageAssembler c = new MessageAssembler(10);
        c.add(new Frame(false, Opcode.BINARY, new byte[6]));
        assertEquals(1009, closeCodeOf(() -> c.add(new Frame(true, Opcode.CONTINUATION, new byte[6]))));
        MessageAssembler d = new MessageAssembler(10);
        assertEquals(1007, closeCodeOf(() -> d.add(new Frame(true, Opcode.TEXT, hex("ce ba e1 bd")))));
        // a character split across fragments is fine
        MessageAssembler e = new MessageAssembler(10);
        assertNull(e.add(new Frame(false, Opcode.TEXT, hex("ce"))));
        assertEquals(Message.text("κ"), e.add(new Frame(true, Opcode.CONTINUATION, hex("ba"))));
    }

    @Test
    void closePayloads() {
        assertEquals(new CloseReason(CloseCodes.NO_STATUS, ""), CloseReason.parse(new byte[0]));
        assertEquals(1002, closeCodeOf(() -> CloseReason.parse(new byte[] {3})));
        assertEquals(1002, closeCodeOf(() -> CloseReason.parse(hex("03 ED")))); // 1005 on the wire
        assertEquals(1002, closeCodeOf(() -> CloseReason.parse(hex("03 E7")))); // 999
        assertEquals(1007, closeCodeOf(() -> CloseReason.parse(hex("03 E8 ff"))));
        assertEquals(new CloseReason(4000, "app"), CloseReason.parse(hex("0F A0 61 70 70")));
        // a long reason is cut to fit 125 bytes, never inside a character
        byte[] wire = new FrameEncoder(false).close(1000, "é".repeat(100));
        Frame f = new FrameDecoder(false, 1000).feed(wire).get(0);
        assertTrue(f.payload().length <= 125);
        assertEquals("é".repeat(61), CloseReason.parse(f.payload()).reason());
        assertThrows(IllegalArgumentException.class, () -> new FrameEncoder(false).encode(true, Opcode.PING, new byte[126]));
    }
}
