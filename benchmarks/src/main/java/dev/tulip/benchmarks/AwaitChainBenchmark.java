package dev.tulip.benchmarks;

import dev.tulip.AsyncFuture;
import dev.tulip.EventLoop;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 3: awaits that never suspend.
 * <ul>
 *   <li>{@code chainOf10}: one operation awaits {@code nested(9)}, a chain of 10 nested coroutines
 *       that completes without suspending: the task pushes and pops the 10 coroutines within its
 *       current step. The only allocation allowed is the 10 coroutine objects themselves.</li>
 *   <li>{@code completedFuture}: one operation awaits an {@code AsyncFuture} that is already done: it
 *       must neither allocate nor suspend.</li>
 * </ul>
 * A driver coroutine does {@value #N} such awaits per invocation; the setup checks that it does them
 * all without suspending.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AwaitChainBenchmark {
    static final int N = 10_000;
    static final int DEPTH = 10;

    private EventLoop loop;
    private AsyncFuture<Integer> doneFuture;

    @Setup(Level.Trial)
    public void setUp() {
        loop = new EventLoop();
        doneFuture = loop.createFuture();
        doneFuture.setResult(7);
        Coros.SuspensionCheck check = new Coros.SuspensionCheck();
        long sum = loop.runUntilComplete(new Coros.AwaitChains(N, DEPTH, check));
        if (check.suspended || sum != (long) N * (DEPTH - 1)) {
            throw new AssertionError("chains: suspended=" + check.suspended + " sum=" + sum);
        }
        sum = loop.runUntilComplete(new Coros.AwaitDone(doneFuture, N, check));
        if (check.suspended || sum != 7L * N) {
            throw new AssertionError("done future: suspended=" + check.suspended + " sum=" + sum);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long chainOf10(CpuTime cpu) {
        long r = loop.runUntilComplete(new Coros.AwaitChains(N, DEPTH, null));
        cpu.add(N);
        return r;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long completedFuture(CpuTime cpu) {
        long r = loop.runUntilComplete(new Coros.AwaitDone(doneFuture, N, null));
        cpu.add(N);
        return r;
    }
}
