package dev.tulip.http.websocket;

/** The status codes of a WebSocket close frame (RFC 6455 §7.4). */
public final class CloseCodes {
    /** 1000: the purpose of the connection was fulfilled. */
    public static final int NORMAL = 1000;
    /** 1001: the endpoint goes away (server shutdown, page left). */
    public static final int GOING_AWAY = 1001;
    /** 1002: the peer broke the protocol. */
    public static final int PROTOCOL_ERROR = 1002;
    /** 1003: a kind of data the endpoint cannot accept. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** 1005: no status code was in the close frame (never sent on the wire). */
    public static final int NO_STATUS = 1005;
    /** 1006: the connection closed without a close frame (never sent on the wire). */
    public static final int ABNORMAL = 1006;
    /** 1007: a text message that is not UTF-8. */
    public static final int INVALID_PAYLOAD = 1007;
    /** 1008: a message that violates the endpoint's policy. */
    public static final int POLICY_VIOLATION = 1008;
    /** 1009: a message too big to process. */
    public static final int MESSAGE_TOO_BIG = 1009;
    /** 1010: the client expected an extension the server did not agree to. */
    public static final int MANDATORY_EXTENSION = 1010;
    /** 1011: the server met an unexpected condition. */
    public static final int INTERNAL_ERROR = 1011;

    private CloseCodes() {
    }

    /**
     * Whether a code may appear in a close frame on the wire (RFC 6455 §7.4.1–7.4.2).
     *
     * @param code the code
     * @return true for 1000–1003, 1007–1011 (and 1012–1014, registered since), and 3000–4999
     */
    public static boolean isValidOnWire(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }
}
