package dev.tulip.http.websocket;

/** The peer broke RFC 6455; the connection is closed with {@link #closeCode()}. */
public class ProtocolError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int closeCode;

    /**
     * Creates the error.
     *
     * @param closeCode the close code to answer with ({@link CloseCodes})
     * @param message what was wrong
     */
    public ProtocolError(int closeCode, String message) {
        super(message);
        this.closeCode = closeCode;
    }

    /**
     * The close code the endpoint answers with.
     *
     * @return e.g. {@link CloseCodes#PROTOCOL_ERROR}
     */
    public int closeCode() {
        return closeCode;
    }
}
