package dev.tulip.benchmarks;

import dev.tulip.EventLoop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmark 5 (time): {@value #N} concurrent tasks each doing {@code await(sleep(d))} on a virtual-time
 * loop, from creation to the last one's completion. One operation is one sleeping task. With
 * {@code delays=same} every task sleeps 1 s (the timer heap sees equal deadlines, run in FIFO order);
 * with {@code spread} the deadlines are scrambled over [0.6, 1.6) s. A fixed 2 GB heap keeps heap
 * resizing out of the figure; a million tasks alive at once make it largely a garbage-collector figure.
 *
 * <p>The memory each sleeping task retains is measured by {@link SleepingTasksFootprint}, a plain main
 * program (a heap measurement after full GCs does not fit a JMH benchmark).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SleepingTasksBenchmark {
    static final int N = 1_000_000;

    @Param({"same", "spread"})
    public String delays;

    @Benchmark
    @OperationsPerInvocation(N)
    public Object millionSleepers(CpuTime cpu) {
        try (EventLoop loop = EventLoop.virtualTime()) {
            loop.runUntilComplete(new Coros.SpawnSleepers(N, delays.equals("spread"), null));
            if (loop.time() != 2.0 || !loop.allTasks().isEmpty()) {
                throw new AssertionError("time " + loop.time() + ", left " + loop.allTasks().size());
            }
            cpu.add(N);
            return loop;
        }
    }
}
