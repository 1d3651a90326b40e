package dev.tulip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CancelledTimersTest {
    @Test
    void cancelledTimersLeaveTheHeapAtOnce() {
        EventLoop loop = EventLoop.virtualTime();
        List<TimerHandle> handles = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            handles.add(loop.callLater(1 + i % 17, () -> {
                throw new AssertionError("cancelled timer ran");
            }));
        }
        List<String> ran = new ArrayList<>();
        loop.callLater(5, () -> ran.add("kept"));
        for (TimerHandle h : handles) {
            h.cancel();
        }
        assertEquals(1, loop.scheduledTimerCount());
        AsyncFuture<Void> done = loop.createFuture();
        loop.callLater(6, () -> done.setResult(null));
        loop.runUntilComplete(done);
        assertEquals(List.of("kept"), ran);
        assertEquals(6.0, loop.time());
        loop.close();
    }

    @Test
    void equalDeadlinesRunInSchedulingOrderAndTheHeapStaysOrdered() {
        EventLoop loop = EventLoop.virtualTime();
        Random random = new Random(42);
        List<double[]> fired = new ArrayList<>();
        List<TimerHandle> handles = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            double when = random.nextInt(50);
            int seq = i;
            handles.add(loop.callAt(when, () -> fired.add(new double[] {when, seq})));
        }
        for (int i = 0; i < handles.size(); i += 3) {
            handles.get(i).cancel();
        }
        AsyncFuture<Void> done = loop.createFuture();
        loop.callAt(100, () -> done.setResult(null));
        loop.runUntilComplete(done);
        for (int i = 1; i < fired.size(); i++) {
            double[] a = fired.get(i - 1);
            double[] b = fired.get(i);
            assertTrue(a[0] < b[0] || (a[0] == b[0] && a[1] < b[1]), "out of order at " + i);
            assertTrue(((int) b[1]) % 3 != 0, "a cancelled timer ran");
        }
        assertEquals(5_000 - (5_000 + 2) / 3, fired.size());
        loop.close();
    }
}
