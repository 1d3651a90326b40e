package dev.tulip.examples;

import java.time.Duration;

/** Formats durations as Python's {@code str(timedelta)} does, as the seeds print them. */
public final class Timedelta {
    private Timedelta() {
    }

    /**
     * Formats a duration as {@code H:MM:SS}, or {@code H:MM:SS.ffffff} when it has a fraction of a
     * second (rounded to the microsecond, as {@code timedelta}): {@code 0:00:04} on virtual time,
     * {@code 0:00:04.002609} on real time.
     *
     * @param duration a non-negative duration
     * @return the text
     */
    public static String format(Duration duration) {
        long micros = Math.round(duration.toNanos() / 1000.0);
        long seconds = micros / 1_000_000;
        long fraction = micros % 1_000_000;
        String text = String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        return fraction == 0 ? text : text + String.format(".%06d", fraction);
    }

    /**
     * The duration between two readings of a loop's clock ({@code EventLoop.time()}), to the
     * nanosecond.
     *
     * @param start the earlier reading, in seconds
     * @param end the later reading, in seconds
     * @return the duration
     */
    public static Duration between(double start, double end) {
        return Duration.ofNanos(Math.round((end - start) * 1e9));
    }
}
