package dev.tulip.benchmarks;

import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Queue;
import dev.tulip.Task;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One producer task and one consumer task passing {@value #ITEMS} items through a {@link Queue}:
 * items per second. With {@code maxsize = 1} every item is a hand-off between the two tasks (each put
 * and get waits for the other side, through the loop); with {@code maxsize = 1000} most puts and gets
 * complete without suspending.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueueThroughputBenchmark {
    static final int ITEMS = 100_000;

    @Param({"1", "1000"})
    public int maxsize;

    private EventLoop loop;

    /** Creates the loop. */
    @Setup(Level.Trial)
    public void setUp() {
        loop = new EventLoop();
    }

    /** Closes the loop. */
    @TearDown(Level.Trial)
    public void tearDown() {
        loop.close();
    }

    /**
     * Runs the producer and the consumer to the end.
     *
     * @return the sum of the items, so that nothing is optimised away
     */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long producerConsumer() {
        Queue<Integer> q = new Queue<>(maxsize);
        loop.createTask(new Produce(q, ITEMS));
        Task<Long> consumer = loop.createTask(new Consume(q, ITEMS));
        return loop.runUntilComplete(consumer);
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Void> produce(Queue<Integer> q, int n) {
     *     for (int i = 0; i < n; i++) {
     *         await(q.put(i));
     *     }
     *     return done();
     * }}</pre>
     */
    static final class Produce extends Coroutine<Void> {
        private final Queue<Integer> q;
        private final int n;
        private int i;

        Produce(Queue<Integer> q, int n) {
            this.q = q;
            this.n = n;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            if (state == 1) {
                i++;
            }
            if (i < n) {
                state = 1;
                return q.put(i);
            }
            state = 2;
            return complete(null);
        }
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Long> consume(Queue<Integer> q, int n) {
     *     long sum = 0;
     *     for (int i = 0; i < n; i++) {
     *         sum += await(q.get());
     *     }
     *     return done(sum);
     * }}</pre>
     */
    static final class Consume extends Coroutine<Long> {
        private final Queue<Integer> q;
        private final int n;
        private int i;
        private long sum;

        Consume(Queue<Integer> q, int n) {
            this.q = q;
            this.n = n;
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
                return q.get();
            }
            state = 2;
            return complete(sum);
        }
    }
}
