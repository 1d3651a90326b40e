package dev.tulip.benchmarks;

import dev.tulip.EventLoop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 1: one task doing {@code await(sleep(0))} {@value #N} times, on a real-time loop as
 * {@code Tulip.run} uses. One operation is one {@code sleep(0)} resumption: the task reschedules itself
 * at the back of the ready queue, the loop runs one iteration and steps it again.
 *
 * <p>Each invocation runs a fresh task to completion with {@code runUntilComplete}; its fixed cost (the
 * task, the coroutine, the loop's stop callback) is spread over {@value #N} resumptions, so a
 * {@code gc.alloc.rate.norm} far below 16 bytes (the smallest object) means the resumption itself
 * allocates nothing.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SleepZeroBenchmark {
    static final int N = 100_000;

    /**
     * With {@code true}, the setup first runs every other benchmark coroutine (see {@link Pollution}), so
     * that the task's call to {@code resume} is megamorphic, as in a real program.
     */
    @Param({"false", "true"})
    public boolean polluted;

    /**
     * With {@code true}, a timer an hour away stays scheduled, as in a program with a pending timeout:
     * the loop then reads the clock on every iteration to see whether it is due.
     */
    @Param({"false", "true"})
    public boolean timerPending;

    private EventLoop loop;

    @Setup
    public void setUp() {
        if (polluted) {
            Pollution.pollute();
        }
        loop = new EventLoop();
        if (timerPending) {
            loop.callLater(3600, () -> { });
        }
    }

    @TearDown
    public void tearDown() {
        loop.close();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Object sleepZero(CpuTime cpu) {
        Object r = loop.runUntilComplete(new Coros.Yielder(N));
        cpu.add(N);
        return r;
    }
}
