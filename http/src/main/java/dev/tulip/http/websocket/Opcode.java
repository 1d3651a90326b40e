package dev.tulip.http.websocket;

/** The frame opcodes of RFC 6455 §5.2. */
public final class Opcode {
    /** A continuation of a fragmented message. */
    public static final int CONTINUATION = 0x0;
    /** The first frame of a text message. */
    public static final int TEXT = 0x1;
    /** The first frame of a binary message. */
    public static final int BINARY = 0x2;
    /** A close frame. */
    public static final int CLOSE = 0x8;
    /** A ping. */
    public static final int PING = 0x9;
    /** A pong. */
    public static final int PONG = 0xA;

    private Opcode() {
    }

    /**
     * Whether an opcode is a control frame's (close, ping, pong).
     *
     * @param opcode the opcode
     * @return true for 0x8 and above
     */
    public static boolean isControl(int opcode) {
        return (opcode & 0x8) != 0;
    }

    /**
     * Whether RFC 6455 defines the opcode.
     *
     * @param opcode the opcode
     * @return true for 0, 1, 2, 8, 9, 10
     */
    public static boolean isKnown(int opcode) {
        return opcode <= 2 || (opcode >= 8 && opcode <= 10);
    }
}
