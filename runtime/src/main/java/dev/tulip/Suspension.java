package dev.tulip;

/**
 * The runtime's own lightweight awaitables, handled by {@link Task} without a future: they exist so
 * that the hot paths ({@code sleep(0)}, {@code sleep(d)}, completing a coroutine) allocate nothing or
 * only what they inherently need.
 */
sealed interface Suspension<T> extends Awaitable<T> permits Suspension.Marker, Sleep {

    /**
     * Constant awaitables with a meaning of their own to the driving task.
     */
    final class Marker implements Suspension<Object> {
        /** Returned by {@link Coroutine#resume} when the coroutine finished (and by {@link AsyncGenerator#resume} at its end): not an awaitable at all. */
        static final Marker COMPLETED = new Marker("completed");
        /** Python's bare {@code yield} inside {@code sleep(0)}: reschedule the task at the back of the ready queue. */
        static final Marker YIELD = new Marker("sleep(0)");
        /** Returned by {@link AsyncGenerator#resume} when the body yields: intercepted by its driver, never by a task. */
        static final Marker YIELDED = new Marker("yielded");

        private final String name;

        private Marker(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return "<" + name + ">";
        }
    }
}
