package dev.tulip.http.websocket;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Writes WebSocket frames (RFC 6455 §5.2). A client masks every frame with a fresh random key
 * (§5.3); a server never masks.
 */
public final class FrameEncoder {
    private final boolean mask;
    private final Random random;

    /**
     * An encoder.
     *
     * @param mask true for a client (frames are masked), false for a server
     */
    public FrameEncoder(boolean mask) {
        this(mask, mask ? new SecureRandom() : null);
    }

    /**
     * An encoder with a given source of masking keys (tests).
     *
     * @param mask true to mask
     * @param random the source of keys
     */
    public FrameEncoder(boolean mask, Random random) {
        this.mask = mask;
        this.random = random;
    }

    /**
     * Encodes one frame.
     *
     * @param fin whether it ends its message
     * @param opcode its opcode
     * @param payload its payload (not modified)
     * @return the frame's bytes
     * @throws IllegalArgumentException for a control frame over 125 bytes or fragmented
     */
    public byte[] encode(boolean fin, int opcode, byte[] payload) {
        if (Opcode.isControl(opcode) && (payload.length > 125 || !fin)) {
            throw new IllegalArgumentException("a control frame carries at most 125 bytes and is never fragmented");
        }
        int n = payload.length;
        int headerLength = 2 + (n <= 125 ? 0 : n <= 0xFFFF ? 2 : 8) + (mask ? 4 : 0);
        byte[] out = new byte[headerLength + n];
        out[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        int i = 1;
        int maskBit = mask ? 0x80 : 0;
        if (n <= 125) {
            out[i++] = (byte) (maskBit | n);
        } else if (n <= 0xFFFF) {
            out[i++] = (byte) (maskBit | 126);
            out[i++] = (byte) (n >>> 8);
            out[i++] = (byte) n;
        } else {
            out[i++] = (byte) (maskBit | 127);
            long len = n;
            for (int shift = 56; shift >= 0; shift -= 8) {
                out[i++] = (byte) (len >>> shift);
            }
        }
        if (mask) {
            int key = random.nextInt();
            byte[] k = {(byte) (key >>> 24), (byte) (key >>> 16), (byte) (key >>> 8), (byte) key};
            System.arraycopy(k, 0, out, i, 4);
            i += 4;
            for (int j = 0; j < n; j++) {
                out[i + j] = (byte) (payload[j] ^ k[j & 3]);
            }
        } else {
            System.arraycopy(payload, 0, out, i, n);
        }
        return out;
    }

    /**
     * Encodes a close frame.
     *
     * @param code the status code, or {@link CloseCodes#NO_STATUS} for an empty close frame
     * @param reason the reason (truncated to fit 123 bytes of UTF-8)
     * @return the frame's bytes
     */
    public byte[] close(int code, String reason) {
        if (code == CloseCodes.NO_STATUS) {
            return encode(true, Opcode.CLOSE, new byte[0]);
        }
        byte[] r = truncateUtf8(reason == null ? "" : reason, 123);
        byte[] p = new byte[2 + r.length];
        p[0] = (byte) (code >>> 8);
        p[1] = (byte) code;
        System.arraycopy(r, 0, p, 2, r.length);
        return encode(true, Opcode.CLOSE, p);
    }

    private static byte[] truncateUtf8(String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length <= max) {
            return b;
        }
        int end = max;
        while (end > 0 && (b[end] & 0xC0) == 0x80) {
            end--; // do not cut a character in half
        }
        return java.util.Arrays.copyOf(b, end);
    }
}
