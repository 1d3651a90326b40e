package dev.tulip.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reports the benchmark thread's CPU time per operation ({@code cpuNsPerOp}) next to JMH's wall-clock
 * score. On a machine shared with other jobs the wall-clock score drops whenever the benchmark thread
 * is descheduled; CPU time does not count those periods, so it is the steadier figure. It excludes the
 * garbage collector's own threads, and cannot exclude cache interference from the other jobs.
 *
 * <p>Benchmarks take it as a parameter and call {@link #add} with the number of operations done.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private long startCpu;
    private long ops;

    /** CPU nanoseconds of the benchmark thread per operation, over the iteration so far. */
    public double cpuNsPerOp;

    @Setup(Level.Iteration)
    public void start() {
        ops = 0;
        cpuNsPerOp = 0;
        startCpu = MX.getCurrentThreadCpuTime();
    }

    /**
     * Counts operations; updates the figure (a thread-CPU-time read, under a microsecond, per
     * invocation of at least a thousand operations).
     *
     * @param n operations done by the invocation
     */
    public void add(long n) {
        ops += n;
        cpuNsPerOp = (MX.getCurrentThreadCpuTime() - startCpu) / (double) ops;
    }
}
