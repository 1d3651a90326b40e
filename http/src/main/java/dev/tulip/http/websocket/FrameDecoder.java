package dev.tulip.http.websocket;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads WebSocket frames from bytes as they arrive (RFC 6455 §5.2), in any split: feed it what the
 * socket gave and take the frames completed so far. It checks what a single frame can get wrong: reserved
 * bits (no extension is negotiated), unknown opcodes, control frames over 125 bytes or fragmented, the
 * masking the peer's role requires (§5.1: a server closes on an unmasked client frame, a client on a
 * masked server frame), and a declared length over the message limit, which is refused before its
 * payload is buffered (close code 1009).
 */
public final class FrameDecoder {
    private final boolean expectMasked;
    private final long maxPayload;
    /** Received bytes not yet decoded: {@code buf[pos..end)}. */
    private byte[] buf = new byte[256];
    private int pos;
    private int end;

    /**
     * A decoder.
     *
     * @param expectMasked true on a server (client frames must be masked), false on a client
     * @param maxPayload the largest frame payload accepted (the message limit)
     */
    public FrameDecoder(boolean expectMasked, long maxPayload) {
        this.expectMasked = expectMasked;
        this.maxPayload = maxPayload;
    }

    /**
     * Feeds bytes and returns the frames they complete.
     *
     * @param data bytes from the peer
     * @param off where they start
     * @param len how many
     * @return the complete frames, in order (possibly none)
     * @throws ProtocolError when a frame breaks the protocol; the decoder is then unusable
     */
    public List<Frame> feed(byte[] data, int off, int len) {
        append(data, off, len);
        List<Frame> frames = new ArrayList<>();
        Frame f;
        while ((f = next()) != null) {
            frames.add(f);
        }
        if (pos == end) {
            pos = 0;
            end = 0;
        }
        return frames;
    }

    private void append(byte[] data, int off, int len) {
        if (buf.length - end < len) {
            int live = end - pos;
            if (live + len <= buf.length && pos > 0) {
                System.arraycopy(buf, pos, buf, 0, live); // compact
            } else {
                byte[] bigger = new byte[Math.max(buf.length * 2, live + len)];
                System.arraycopy(buf, pos, bigger, 0, live);
                buf = bigger;
            }
            pos = 0;
            end = live;
        }
        System.arraycopy(data, off, buf, end, len);
        end += len;
    }

    /**
     * Feeds bytes and returns the frames they complete.
     *
     * @param data bytes from the peer
     * @return the complete frames
     */
    public List<Frame> feed(byte[] data) {
        return feed(data, 0, data.length);
    }

    /** The number of bytes held for a frame not yet complete. */
    int buffered() {
        return end - pos;
    }

    private Frame next() {
        int avail = end - pos;
        if (avail < 2) {
            return null;
        }
        int b0 = buf[pos] & 0xFF;
        int b1 = buf[pos + 1] & 0xFF;
        boolean fin = (b0 & 0x80) != 0;
        if ((b0 & 0x70) != 0) {
            throw new ProtocolError(CloseCodes.PROTOCOL_ERROR, "reserved bits set, but no extension was negotiated");
        }
        int opcode = b0 & 0x0F;
        if (!Opcode.isKnown(opcode)) {
            throw new ProtocolError(CloseCodes.PROTOCOL_ERROR, "unknown opcode 0x" + Integer.toHexString(opcode));
        }
        boolean masked = (b1 & 0x80) != 0;
        if (masked != expectMasked) {
            throw new ProtocolError(CloseCodes.PROTOCOL_ERROR, expectMasked
                    ? "a client frame must be masked (RFC 6455 §5.1)" : "a server frame must not be masked (RFC 6455 §5.1)");
        }
        long len = b1 & 0x7F;
        int header = 2;
        if (len == 126) {
            if (avail < 4) {
                return null;
            }
            len = ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
            header = 4;
        } else if (len == 127) {
            if (avail < 10) {
                return null;
            }
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | (buf[pos + 2 + i] & 0xFF);
            }
            if (len < 0) {
                throw new ProtocolError(CloseCodes.PROTOCOL_ERROR, "the most significant bit of a 64-bit length is set");
            }
            header = 10;
        }
        if (Opcode.isControl(opcode)) {
            if (len > 125) {
                throw new ProtocolError(CloseCodes.PROTOCOL_ERROR, "a control frame of " + len + " bytes (at most 125)");
            }
            if (!fin) {
                throw new ProtocolError(CloseCodes.PROTOCOL_ERROR, "a fragmented control frame");
            }
        }
        if (len > maxPayload) {
            throw new ProtocolError(CloseCodes.MESSAGE_TOO_BIG, "a frame of " + len + " bytes, over the limit of " + maxPayload);
        }
        int maskLen = masked ? 4 : 0;
        if (avail < header + maskLen + len) {
            return null;
        }
        int p = pos + header;
        byte[] payload = new byte[(int) len];
        if (masked) {
            byte k0 = buf[p];
            byte k1 = buf[p + 1];
            byte k2 = buf[p + 2];
            byte k3 = buf[p + 3];
            p += 4;
            byte[] k = {k0, k1, k2, k3};
            for (int i = 0; i < len; i++) {
                payload[i] = (byte) (buf[p + i] ^ k[i & 3]);
            }
        } else {
            System.arraycopy(buf, p, payload, 0, (int) len);
        }
        pos = p + (int) len;
        return new Frame(fin, opcode, payload);
    }
}
