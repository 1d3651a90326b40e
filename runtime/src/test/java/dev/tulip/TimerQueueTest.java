package dev.tulip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TimerQueueTest {

    private static final class T extends TimerHandle {
        final long order;

        T(double when, long order) {
            this.when = when;
            this.order = order;
        }

        @Override
        void fire() {
        }
    }

    /** Random adds, removals and polls against a sorted set ordered by (deadline, insertion order). */
    @Test
    void matchesASortedSetUnderRandomOperations() {
        Random random = new Random(42);
        TimerQueue queue = new TimerQueue();
        TreeSet<T> expected = new TreeSet<>(Comparator.<T>comparingDouble(t -> t.when).thenComparingLong(t -> t.order));
        List<T> live = new ArrayList<>();
        long order = 0;
        for (int step = 0; step < 200_000; step++) {
            int op = random.nextInt(10);
            if (op < 5 || expected.isEmpty()) {
                // Few distinct deadlines, so that ties (FIFO order) are exercised too.
                T t = new T(random.nextInt(50) / 2.0, order++);
                queue.add(t);
                expected.add(t);
                live.add(t);
            } else if (op < 7) {
                T t = live.remove(random.nextInt(live.size()));
                queue.remove(t);
                expected.remove(t);
                assertEquals(-1, t.heapIndex);
            } else {
                T t = (T) queue.poll();
                assertSame(expected.pollFirst(), t);
                live.remove(t);
                assertEquals(-1, t.heapIndex);
            }
            assertEquals(expected.size(), queue.size());
            assertSame(expected.isEmpty() ? null : expected.first(), queue.peek());
        }
        while (!expected.isEmpty()) {
            assertSame(expected.pollFirst(), queue.poll());
        }
        assertNull(queue.peek());
    }
}
