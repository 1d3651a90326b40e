package dev.tulip.http.websocket;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Joins the data frames of fragmented messages (RFC 6455 §5.4): a text or binary frame starts a message,
 * continuation frames extend it, the one with FIN ends it; control frames may come in between and are
 * not given here. Checks what only a sequence of frames can get wrong: a continuation with no message
 * started, a new message before the last one ended, a message over the size limit (1009), and text that
 * is not UTF-8 (1007).
 */
public final class MessageAssembler {
    private final long maxMessageSize;
    private final ByteArrayOutputStream parts = new ByteArrayOutputStream();
    private int opcode = -1;

    /**
     * An assembler.
     *
     * @param maxMessageSize the largest message accepted, in bytes
     */
    public MessageAssembler(long maxMessageSize) {
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Takes a data frame.
     *
     * @param frame a text, binary or continuation frame
     * @return the message it completes, or null
     * @throws ProtocolError when the frame does not fit the sequence
     */
    public Message add(Frame frame) {
        int op = frame.opcode();
        if (Opcode.isControl(op)) {
            throw new IllegalArgumentException("control frames are not parts of messages: " + frame);
        }
        if (op == Opcode.CONTINUATION) {
            if (opcode < 0) {
                throw new ProtocolError(CloseCodes.PROTOCOL_ERROR, "a continuation frame with no message to continue");
            }
        } else {
            if (opcode >= 0) {
                throw new ProtocolError(CloseCodes.PROTOCOL_ERROR, "a new message started before the fragmented one ended");
            }
            opcode = op;
        }
        if ((long) parts.size() + frame.payload().length > maxMessageSize) {
            reset();
            throw new ProtocolError(CloseCodes.MESSAGE_TOO_BIG, "a message over the limit of " + maxMessageSize + " bytes");
        }
        byte[] data;
        if (frame.fin() && parts.size() == 0) {
            data = frame.payload(); // the usual case: a message in one frame, no copy
        } else {
            parts.writeBytes(frame.payload());
            if (!frame.fin()) {
                return null;
            }
            data = parts.toByteArray();
        }
        boolean text = opcode == Opcode.TEXT;
        reset();
        if (!text) {
            return Message.binary(data);
        }
        return Message.decodedText(data, decodeUtf8(data, "a text message that is not UTF-8"));
    }

    private void reset() {
        parts.reset();
        opcode = -1;
    }

    /**
     * Decodes strict UTF-8 (no replacement characters).
     *
     * @param data the bytes
     * @param what the message of the error
     * @return the text
     * @throws ProtocolError with {@link CloseCodes#INVALID_PAYLOAD} when the bytes are not UTF-8
     */
    static String decodeUtf8(byte[] data, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolError(CloseCodes.INVALID_PAYLOAD, what);
        }
    }
}
