package dev.tulip.benchmarks;

import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Tulip;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Round-trip latency from a task to another thread and back. {@code toThread}: one task awaits
 * {@code toThread(() -> i)} {@value #CALLS} times in a row (the default executor runs the callable; the
 * result comes back through {@code callSoonThreadsafe}, waking the loop). {@code runInExecutor}: the
 * same on a single-thread executor. {@code wrapFuture}: the same with a {@link CompletableFuture}
 * completed on that executor and awaited through {@code wrapFuture}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ToThreadBenchmark {
    static final int CALLS = 1_000;

    private EventLoop loop;
    private ExecutorService executor;

    /** Creates the loop and the executor. */
    @Setup(Level.Trial)
    public void setUp() {
        loop = new EventLoop();
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bench-worker");
            t.setDaemon(true);
            return t;
        });
    }

    /** Closes the loop (and its default executor) and the executor. */
    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
        executor.shutdownNow();
    }

    /**
     * {@value #CALLS} sequential {@code toThread} round trips.
     *
     * @return the sum of the results
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long toThread() {
        return loop.runUntilComplete(new RoundTrips(CALLS, Kind.TO_THREAD, executor));
    }

    /**
     * {@value #CALLS} sequential {@code runInExecutor(executor, ...)} round trips.
     *
     * @return the sum of the results
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long runInExecutor() {
        return loop.runUntilComplete(new RoundTrips(CALLS, Kind.RUN_IN_EXECUTOR, executor));
    }

    /**
     * {@value #CALLS} sequential {@code wrapFuture(supplyAsync(...))} round trips.
     *
     * @return the sum of the results
     */
    @Benchmark
    @OperationsPerInvocation(CALLS)
    public long wrapFuture() {
        return loop.runUntilComplete(new RoundTrips(CALLS, Kind.WRAP_FUTURE, executor));
    }

    /** What a round trip goes through. */
    enum Kind {
        TO_THREAD, RUN_IN_EXECUTOR, WRAP_FUTURE
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Long> roundTrips(int n, Kind kind, Executor executor) {
     *     long sum = 0;
     *     for (int i = 0; i < n; i++) {
     *         int x = i;
     *         sum += switch (kind) {
     *             case TO_THREAD -> await(toThread(() -> x));
     *             case RUN_IN_EXECUTOR -> await(runInExecutor(executor, () -> x));
     *             case WRAP_FUTURE -> await(CompletableFuture.supplyAsync(() -> x, executor));
     *         };
     *     }
     *     return done(sum);
     * }}</pre>
     */
    static final class RoundTrips extends Coroutine<Long> {
        private final int n;
        private final Kind kind;
        private final ExecutorService executor;
        private int i;
        private long sum;

        RoundTrips(int n, Kind kind, ExecutorService executor) {
            this.n = n;
            this.kind = kind;
            this.executor = executor;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            if (state == 1) {
                sum += (Integer) sent;
                i++;
            }
            if (i < n) {
                state = 1;
                int x = i;
                switch (kind) {
                    case RUN_IN_EXECUTOR:
                        return Tulip.runInExecutor(executor, () -> x);
                    case WRAP_FUTURE:
                        return Tulip.wrapFuture(CompletableFuture.supplyAsync(() -> x, executor));
                    default:
                        return Tulip.toThread(() -> x);
                }
            }
            state = 2;
            return complete(sum);
        }
    }
}
