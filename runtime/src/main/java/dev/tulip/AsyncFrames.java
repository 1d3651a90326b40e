package dev.tulip;

/**
 * Adds the awaiting coroutines to an exception's stack trace as it travels up an await chain.
 *
 * <p>A coroutine's Java frame exists only while it runs: an exception thrown three coroutines deep
 * shows the innermost state machine's {@code resume}, then the task driver and the event loop, and
 * none of the coroutines awaiting it. Each time the driver hands the exception to an awaiting
 * coroutine, that coroutine's {@link Coroutine#asyncFrame()} (its method and the line of the
 * {@code await}) is inserted just above the driver's own frame, innermost first, so the trace reads
 * as a synchronous one would. Exceptions without a stack trace (the runtime's own
 * {@link CancelledError}s outside debug mode) are left alone: nothing is spent on them.
 */
final class AsyncFrames {
    private static final String DRIVER = Task.class.getName();

    private AsyncFrames() {
    }

    static void add(Throwable t, Coroutine<?> awaiting) {
        StackTraceElement frame;
        try {
            frame = awaiting.asyncFrame();
        } catch (RuntimeException e) {
            return; // a hand-written coroutine's own mistake must not replace the exception
        }
        if (frame == null) {
            return;
        }
        StackTraceElement[] trace = t.getStackTrace();
        if (trace.length == 0) {
            return;
        }
        int at = trace.length;
        for (int i = 0; i < trace.length; i++) {
            if (trace[i].getClassName().equals(DRIVER) && trace[i].getMethodName().equals("drive")) {
                at = i;
                break;
            }
        }
        StackTraceElement[] longer = new StackTraceElement[trace.length + 1];
        System.arraycopy(trace, 0, longer, 0, at);
        longer[at] = frame;
        System.arraycopy(trace, at, longer, at + 1, trace.length - at);
        t.setStackTrace(longer);
    }
}
