package dev.tulip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link EventLoop#callSoonThreadsafe} and {@link EventLoop#stop()} called from other threads. */
class ThreadsafeStressTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 10_000;

    /**
     * <pre>{@code
     * @Async static Coroutine<Integer> spin(AtomicBoolean stop) {
     *     int n = 0;
     *     while (!stop.get()) { await(sleep(0)); n++; }
     *     return done(n);
     * }}</pre>
     */
    static final class Spin extends Coroutine<Integer> {
        private final AtomicBoolean stop;
        private int n;

        Spin(AtomicBoolean stop) {
            this.stop = stop;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            if (state == 1) {
                n++;
            }
            if (stop.get()) {
                return complete(n);
            }
            state = 1;
            return Tulip.sleep(0);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void callbacksFromFourThreadsRunExactlyOnceInPerThreadOrder() throws Exception {
        for (boolean busyLoop : new boolean[] {false, true}) {
            EventLoop loop = new EventLoop();
            // Touched by the loop thread only; read after runForever returns (happens-before via the loop's
            // thread being this one).
            int[] next = new int[THREADS];
            int[] ran = {0};
            List<String> violations = new ArrayList<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> producers = new ArrayList<>();
            for (int p = 0; p < THREADS; p++) {
                int id = p;
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < PER_THREAD; i++) {
                        int seq = i;
                        loop.callSoonThreadsafe(() -> {
                            if (next[id] != seq && violations.size() < 10) {
                                violations.add("thread " + id + ": expected #" + next[id] + ", ran #" + seq);
                            }
                            next[id] = seq + 1;
                            ran[0]++;
                        });
                        if (id == 0 && i % 1000 == 999) {
                            LockSupport.parkNanos(200_000); // let the loop go idle and be woken again
                        }
                    }
                }, "producer-" + p);
                t.start();
                producers.add(t);
            }
            AtomicBoolean stopSpinning = new AtomicBoolean();
            Task<Integer> spinner = busyLoop ? loop.createTask(new Spin(stopSpinning)) : null;
            Thread stopper = new Thread(() -> {
                for (Thread t : producers) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                // Queued after every producer's last callback: the loop stops once they have all run.
                loop.callSoonThreadsafe(() -> {
                    stopSpinning.set(true);
                    loop.stop();
                });
            }, "stopper");
            stopper.start();
            loop.callSoon(go::countDown); // producers start while the loop is running
            loop.runForever();
            stopper.join();
            assertEquals(List.of(), violations);
            assertEquals(THREADS * PER_THREAD, ran[0]);
            for (int p = 0; p < THREADS; p++) {
                assertEquals(PER_THREAD, next[p]);
            }
            if (spinner != null) {
                loop.runUntilComplete(spinner);
                assertTrue(spinner.result() > 0);
            }
            assertFalse(loop.isRunning());
            loop.close();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void stopFromAnotherThreadWakesAnIdleLoop() throws Exception {
        EventLoop loop = new EventLoop();
        CountDownLatch running = new CountDownLatch(1);
        loop.callSoon(running::countDown);
        Thread other = new Thread(() -> {
            try {
                running.await();
                Thread.sleep(50); // the loop is parked with nothing to do
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertTrue(loop.isRunning());
            loop.stop();
        });
        other.start();
        loop.runForever();
        other.join();
        assertFalse(loop.isRunning());
        loop.close();
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void stopFromAnotherThreadWakesALoopWaitingForAFarTimer() throws Exception {
        EventLoop loop = new EventLoop();
        boolean[] fired = {false};
        loop.callLater(3600, () -> fired[0] = true);
        CountDownLatch running = new CountDownLatch(1);
        loop.callSoon(running::countDown);
        Thread other = new Thread(() -> {
            try {
                running.await();
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop.callSoonThreadsafe(loop::stop);
        });
        other.start();
        long start = System.nanoTime();
        loop.runForever();
        other.join();
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        assertFalse(fired[0]);
        // The loop can run again after a stop.
        loop.callSoon(loop::stop);
        loop.runForever();
        loop.close();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void repeatedStopsFromAnotherThreadWhileBusy() throws Exception {
        EventLoop loop = new EventLoop();
        AtomicBoolean stopSpinning = new AtomicBoolean();
        Task<Integer> spinner = loop.createTask(new Spin(stopSpinning));
        for (int round = 0; round < 50; round++) {
            CountDownLatch running = new CountDownLatch(1);
            loop.callSoon(running::countDown);
            Thread other = new Thread(() -> {
                try {
                    running.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                loop.stop();
            });
            other.start();
            loop.runForever();
            other.join();
            assertFalse(spinner.done());
        }
        stopSpinning.set(true);
        loop.runUntilComplete(spinner);
        loop.close();
        assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> { }));
    }
}
