package dev.tulip;

/**
 * A pending report of an exception that no one retrieved from a failed future or task. Reported when
 * the future becomes unreachable (through a {@link java.lang.ref.Cleaner}) or when its loop closes,
 * whichever comes first; forgotten as soon as someone retrieves the exception.
 */
final class UnretrievedException implements Runnable {
    private final EventLoop loop;
    private final String description;
    private final Throwable exception;

    UnretrievedException(EventLoop loop, String description, Throwable exception) {
        this.loop = loop;
        this.description = description;
        this.exception = exception;
    }

    /** Reports unless already reported or retrieved; safe to call from the cleaner thread. */
    @Override
    public void run() {
        if (loop.claimUnretrieved(this)) {
            loop.callExceptionHandler(description, exception);
        }
    }
}
