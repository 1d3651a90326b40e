package dev.tulip.http.server;

/**
 * A request the server refuses, with the status to answer: 400 malformed, 408 too slow, 413 body too
 * large, 414 request line too long, 431 headers too large, 501 unsupported transfer coding, 505
 * unsupported version. After one, the connection is closed.
 */
public class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * Creates the error.
     *
     * @param status the status to answer with
     * @param message what was wrong (sent as the response's body)
     */
    public HttpError(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * The status to answer with.
     *
     * @return e.g. 400
     */
    public int status() {
        return status;
    }
}
