package dev.tulip.http;

/** A response whose status is 400 or more, raised by {@link ClientResponse#raiseForStatus()} (aiohttp's {@code ClientResponseError}). */
public class HttpStatusError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * Creates the error.
     *
     * @param status the response's status
     * @param request what was asked, for the message
     */
    public HttpStatusError(int status, String request) {
        super(status + " for " + request);
        this.status = status;
    }

    /**
     * The status.
     *
     * @return e.g. 404
     */
    public int status() {
        return status;
    }
}
