package dev.tulip.benchmarks;

import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Held;
import dev.tulip.Lock;
import dev.tulip.Task;
import dev.tulip.Tulip;
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
 * {@link Lock} costs. {@code handoff}: two tasks take turns on one lock, each holding it across a
 * {@code sleep(0)}, so every acquisition waits for the other task's release (the FIFO hand-off path);
 * the score is acquisitions per second. {@code uncontended}: one task acquires and releases a free lock
 * (the allocation-free fast path, no suspension).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LockHandoffBenchmark {
    static final int ROUNDS = 50_000;

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
     * Two tasks, {@value #ROUNDS} acquisitions each.
     *
     * @return the rounds done, so that nothing is optimised away
     */
    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public int handoff() {
        Lock lock = new Lock();
        Task<Integer> a = loop.createTask(new Turns(lock, ROUNDS, true));
        Task<Integer> b = loop.createTask(new Turns(lock, ROUNDS, true));
        loop.runUntilComplete(a);
        return loop.runUntilComplete(b);
    }

    /**
     * One task, {@value #ROUNDS} acquire/release pairs on a free lock.
     *
     * @return the rounds done
     */
    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public int uncontended() {
        return loop.runUntilComplete(new Turns(new Lock(), ROUNDS, false));
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Integer> turns(Lock lock, int rounds, boolean yieldInside) {
     *     for (int i = 0; i < rounds; i++) {
     *         try (var held = await(lock.acquire())) {
     *             if (yieldInside) await(sleep(0));
     *         }
     *     }
     *     return done(rounds);
     * }}</pre>
     */
    static final class Turns extends Coroutine<Integer> {
        private final Lock lock;
        private final int rounds;
        private final boolean yieldInside;
        private int i;
        private Held held;

        Turns(Lock lock, int rounds, boolean yieldInside) {
            this.lock = lock;
            this.rounds = rounds;
            this.yieldInside = yieldInside;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0: // loop head
                        if (i == rounds) {
                            state = 3;
                            return complete(rounds);
                        }
                        state = 1;
                        return lock.acquire();
                    case 1:
                        if (thrown != null) {
                            throw thrown;
                        }
                        held = (Held) sent;
                        if (yieldInside) {
                            state = 2;
                            return Tulip.sleep(0);
                        }
                        state = 2;
                        continue;
                    case 2:
                        held.close();
                        held = null;
                        if (thrown != null) {
                            throw thrown;
                        }
                        i++;
                        state = 0;
                        continue;
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }
}
