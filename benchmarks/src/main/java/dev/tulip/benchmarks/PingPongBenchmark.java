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
 * Benchmark 2: two tasks ping-ponging through futures, {@value #ROUNDS} round trips per invocation. One
 * operation is one round trip: ping completes pong's future and awaits a reply, pong wakes, completes
 * ping's future and awaits the next ball; two task steps and two loop iterations.
 *
 * <p>Each message is a <em>fresh</em> {@code AsyncFuture}, created by the receiver before it awaits:
 * a future is done for good once completed (asyncio semantics; there is no reset), so two futures per
 * round trip is the inherent allocation of this pattern.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PingPongBenchmark {
    static final int ROUNDS = 50_000;

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
    @OperationsPerInvocation(ROUNDS)
    public long roundTrip(CpuTime cpu) {
        Coros.Table t = new Coros.Table();
        loop.createTask(new Coros.Pong(t));
        loop.runUntilComplete(new Coros.Ping(t, ROUNDS));
        if (t.roundTrips != ROUNDS) {
            throw new AssertionError(t.roundTrips);
        }
        cpu.add(ROUNDS);
        return t.roundTrips;
    }
}
