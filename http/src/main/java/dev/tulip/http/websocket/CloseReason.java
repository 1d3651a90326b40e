package dev.tulip.http.websocket;

/**
 * The status code and reason of a close frame.
 *
 * @param code the code ({@link CloseCodes}; {@link CloseCodes#NO_STATUS} when the frame had none,
 *     {@link CloseCodes#ABNORMAL} when the connection ended without one)
 * @param reason the reason, possibly empty
 */
public record CloseReason(int code, String reason) {
    /**
     * Parses a close frame's payload (RFC 6455 §5.5.1).
     *
     * @param payload the payload
     * @return the code and reason
     * @throws ProtocolError for a one-byte payload or a code not allowed on the wire (1002), or a reason
     *     that is not UTF-8 (1007)
     */
    public static CloseReason parse(byte[] payload) {
        if (payload.length == 0) {
            return new CloseReason(CloseCodes.NO_STATUS, "");
        }
        if (payload.length == 1) {
            throw new ProtocolError(CloseCodes.PROTOCOL_ERROR, "a close frame with a one-byte payload");
        }
        int code = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
        if (!CloseCodes.isValidOnWire(code)) {
            throw new ProtocolError(CloseCodes.PROTOCOL_ERROR, "close code " + code + " is not allowed on the wire");
        }
        byte[] r = java.util.Arrays.copyOfRange(payload, 2, payload.length);
        return new CloseReason(code, MessageAssembler.decodeUtf8(r, "a close reason that is not UTF-8"));
    }
}
