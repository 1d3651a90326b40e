package dev.tulip.examples.lecture;

import dev.tulip.EventLoop;

/**
 * The course's {@code show_timer}: prints the time elapsed since a start, then a message.
 *
 * <pre>{@code
 * def _show_timer(start, *args):
 *     delta = datetime.now() - start
 *     duration = f"{delta.seconds}s + {delta.microseconds // 1000:03d}ms"
 *     print(duration, *args)
 * }</pre>
 *
 * The clock is the loop's, so on virtual time the durations are exact.
 */
final class Timer {
    private final EventLoop loop;
    private final double start;

    Timer(EventLoop loop) {
        this.loop = loop;
        this.start = loop.time();
    }

    void show(String message) {
        long millis = (long) Math.floor((loop.time() - start) * 1000 + 1e-6);
        System.out.printf("%ds + %03dms %s%n", millis / 1000, millis % 1000, message);
    }
}
