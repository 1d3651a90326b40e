package dev.tulip.benchmarks;

import dev.tulip.EventLoop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 4: creating and completing {@value #N} tasks. One operation is one task.
 * <ul>
 *   <li>{@code spawnAll}: a coroutine creates 1,000,000 tasks of a coroutine that returns at once;
 *       they all run on the next loop iteration (1,000,000 tasks in the ready queue at once).</li>
 *   <li>{@code spawnAndAwait}: a coroutine creates a task and awaits it, 1,000,000 times: adds the
 *       waiter registration and the wake-up of the awaiting task to each task's life.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TaskChurnBenchmark {
    static final int N = 1_000_000;

    private EventLoop loop;

    @Setup
    public void setUp() {
        loop = new EventLoop();
    }

    @TearDown
    public void tearDown() {
        loop.close();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Object spawnAll() {
        return loop.runUntilComplete(new Coros.Spawn(N));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Object spawnAndAwait() {
        return loop.runUntilComplete(new Coros.SpawnAndAwait(N));
    }
}
