package dev.tulip.benchmarks;

import dev.tulip.EventLoop;
import java.util.Locale;

/**
 * Benchmark 5 (memory): how many bytes of heap each of 1,000,000 concurrently sleeping tasks retains.
 *
 * <p>A virtual-time loop runs a driver that creates the tasks ({@code await(sleep(1.0))} each, or
 * scrambled deadlines with {@code spread}) and then sleeps 0.5 s itself: when it wakes, every task is
 * suspended on its timer. Right there, inside the running loop, the heap is measured after several full
 * GCs and compared with the same measurement taken before the tasks were created. What is counted is
 * everything the sleeping tasks keep alive: the task, its coroutine, its sleep timer, and the loop's
 * share (the timer heap's slot, the ready queue's grown array).
 *
 * <p>Run: {@code java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.tulip.benchmarks.SleepingTasksFootprint
 * [n] [same|spread]}. Prints the object layouts (JOL) as well, so the figure can be checked by hand.
 */
public final class SleepingTasksFootprint {
    private SleepingTasksFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean spread = args.length > 1 && args[1].equals("spread");
        for (int round = 1; round <= 3; round++) {
            measure(n, spread, round);
        }
        Layouts.print();
    }

    private static void measure(int n, boolean spread, int round) {
        EventLoop loop = EventLoop.virtualTime();
        long before = usedAfterGc();
        long[] during = new long[1];
        long start = System.nanoTime();
        loop.runUntilComplete(new Coros.SpawnSleepers(n, spread, () -> during[0] = usedAfterGc()));
        long elapsed = System.nanoTime() - start;
        loop.close();
        System.out.printf(Locale.ROOT, "round %d: %,d sleeping tasks (%s deadlines): %.1f bytes retained per task"
                        + " (%,d bytes in all); whole run %.0f ms on virtual time%n",
                round, n, spread ? "spread" : "same", (during[0] - before) / (double) n, during[0] - before,
                elapsed / 1e6);
    }

    static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
