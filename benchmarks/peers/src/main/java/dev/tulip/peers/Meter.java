package dev.tulip.peers;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * What every JVM peer measures the same way: wall time, CPU time and bytes allocated (by all threads, so
 * that virtual threads' carriers count), and the line format the {@link Peers} runner reads.
 *
 * <p>A result line is {@code RESULT <workload> <value> <bytes allocated per operation>}; the unit of the
 * value is fixed per workload by {@link Workloads}.
 */
public final class Meter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private Meter() {
    }

    /**
     * Bytes allocated so far by every live platform thread (virtual threads allocate on their carriers).
     *
     * @return the total, or -1 when the JVM cannot tell
     */
    public static long allocatedBytes() {
        if (THREADS instanceof com.sun.management.ThreadMXBean sun && sun.isThreadAllocatedMemorySupported()) {
            long total = 0;
            for (long b : sun.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
                if (b > 0) {
                    total += b;
                }
            }
            return total;
        }
        return -1;
    }

    /**
     * CPU nanoseconds used so far by the threads that run coroutines (every Java thread but the JIT's).
     *
     * @return the total
     */
    public static long cpuNanos() {
        long total = 0;
        for (var info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info == null || info.getThreadName().contains("Compiler")) {
                continue;
            }
            long t = THREADS.getThreadCpuTime(info.getThreadId());
            if (t > 0) {
                total += t;
            }
        }
        return total;
    }

    /**
     * Heap in use after collecting garbage (several full collections until it settles).
     *
     * @return bytes
     */
    public static long settledHeap() {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (Math.abs(last - used) < 64 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }

    /**
     * Prints a result line for the runner.
     *
     * @param workload the workload's name
     * @param value its figure, in the workload's unit
     * @param bytesPerOp bytes allocated per operation, negative when unknown
     */
    public static void report(String workload, double value, double bytesPerOp) {
        System.out.println(String.format(Locale.ROOT, "RESULT %s %.6g %.1f", workload, value, bytesPerOp));
        System.out.flush();
    }

    /** One timed repetition of a workload: what the peers' loops fill in. */
    public static final class Sample {
        private long wall0;
        private long cpu0;
        private long alloc0;
        /** Wall nanoseconds of the repetition. */
        public long wall;
        /** CPU nanoseconds of the repetition. */
        public long cpu;
        /** Bytes allocated during the repetition. */
        public long alloc;

        /** Creates an empty sample. */
        public Sample() {
        }

        /** Starts the clocks. */
        public void start() {
            alloc0 = allocatedBytes();
            cpu0 = cpuNanos();
            wall0 = System.nanoTime();
        }

        /** Stops the clocks. */
        public void stop() {
            wall = System.nanoTime() - wall0;
            cpu = cpuNanos() - cpu0;
            alloc = allocatedBytes() - alloc0;
        }
    }
}
