package dev.tulip.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Adds a secondary result, {@code :cpu}, that measures against the benchmark thread's CPU time
 * instead of wall-clock time: operations per CPU second in throughput mode, CPU time per operation in
 * average-time mode, in the benchmark's own units.
 *
 * <p>Why: the machine is shared with other jobs, and the wall-clock score drops whenever the benchmark
 * thread is descheduled; CPU time does not count those periods, so it is the steadier figure. It
 * excludes the garbage collector's own threads, and cannot exclude cache interference from the other
 * jobs. On a quiet machine the two agree.
 *
 * <p>How: JMH divides an {@code OPERATIONS} counter by the iteration's wall time. The counter holds the
 * operations done, scaled by wall time over CPU time, so what JMH reports is operations over CPU time.
 * Benchmarks take this state as a parameter and call {@link #add} after each invocation.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class CpuTime {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private long startCpu;
    private long startWall;
    private long ops;

    /** Operations done, times wall time over CPU time (see the class comment). */
    public double cpu;

    @Setup(Level.Iteration)
    public void start() {
        ops = 0;
        cpu = 0;
        startWall = System.nanoTime();
        startCpu = MX.getCurrentThreadCpuTime();
    }

    /**
     * Counts operations and updates the counter (a thread-CPU-time read, under a microsecond, per
     * invocation of at least ten thousand operations).
     *
     * @param n operations done by the invocation
     */
    public void add(long n) {
        ops += n;
        long cpuNanos = MX.getCurrentThreadCpuTime() - startCpu;
        long wallNanos = System.nanoTime() - startWall;
        cpu = cpuNanos <= 0 ? 0 : ops * (double) wallNanos / cpuNanos;
    }
}
