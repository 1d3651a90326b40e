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
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 4: creating and completing {@value #N} tasks per invocation. One operation is one task,
 * from {@code createTask} to its completion.
 * <ul>
 *   <li>{@code spawn}: a coroutine creates the tasks in batches of {@code batch} (a coroutine that
 *       returns at once), yielding with {@code sleep(0)} after each batch so that it runs. With
 *       {@code batch=1000000} all of them are alive at once (the ready queue holds a million tasks,
 *       and the figure is dominated by the garbage collector moving them); with {@code batch=1000}
 *       they die young, which shows the runtime's own cost.</li>
 *   <li>{@code spawnAndAwait}: a coroutine creates a task and awaits it, 1,000,000 times: adds the
 *       waiter registration and the wake-up of the awaiting task to each task's life.</li>
 * </ul>
 * A fixed 2 GB heap keeps heap resizing out of the figures.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TaskChurnBenchmark {
    static final int N = 1_000_000;

    /** The batch size, a parameter of {@code spawn} only. */
    @State(Scope.Thread)
    public static class Batch {
        @Param({"1000", "1000000"})
        public int batch;
    }

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
    public Object spawn(Batch b, CpuTime cpu) {
        Object r = loop.runUntilComplete(new Coros.Spawn(N, b.batch));
        cpu.add(N);
        return r;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public Object spawnAndAwait(CpuTime cpu) {
        Object r = loop.runUntilComplete(new Coros.SpawnAndAwait(N));
        cpu.add(N);
        return r;
    }
}
