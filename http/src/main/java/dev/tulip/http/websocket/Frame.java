package dev.tulip.http.websocket;

import java.util.Objects;

/**
 * One WebSocket frame, unmasked.
 *
 * @param fin whether this is the last frame of its message
 * @param opcode its {@link Opcode}
 * @param payload its payload, unmasked
 */
public record Frame(boolean fin, int opcode, byte[] payload) {
    /**
     * Checks the components.
     *
     * @param fin whether this is the last frame of its message
     * @param opcode its opcode
     * @param payload its payload
     */
    public Frame {
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String toString() {
        return "Frame[fin=" + fin + ", opcode=" + opcode + ", " + payload.length + " bytes]";
    }
}
