package dev.tulip.http.websocket;

/**
 * The WebSocket is closed: raised by {@code send} and {@code receive} after the close handshake or the
 * connection's loss (the websockets library's {@code ConnectionClosed}).
 */
public class ConnectionClosed extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient CloseReason reason;

    /**
     * Creates the error.
     *
     * @param reason why the connection closed
     */
    public ConnectionClosed(CloseReason reason) {
        super("the WebSocket is closed: " + reason.code() + (reason.reason().isEmpty() ? "" : " " + reason.reason()));
        this.reason = reason;
    }

    /**
     * Why the connection closed.
     *
     * @return the code and reason
     */
    public CloseReason reason() {
        return reason;
    }

    /**
     * Whether it closed normally (1000, 1001, or a close frame without a code).
     *
     * @return true for a normal closure
     */
    public boolean isOk() {
        int c = reason.code();
        return c == CloseCodes.NORMAL || c == CloseCodes.GOING_AWAY || c == CloseCodes.NO_STATUS;
    }
}
