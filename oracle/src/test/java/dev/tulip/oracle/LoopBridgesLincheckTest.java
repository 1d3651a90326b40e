package dev.tulip.oracle;

import dev.tulip.AsyncFuture;
import dev.tulip.EventLoop;
import dev.tulip.Tulip;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * The loop's thread-safe bridges checked by Lincheck, not only by stress tests: other threads call
 * {@code callSoonThreadsafe} (and stop the loop through it), and complete or cancel a
 * {@link CompletableFuture} that the loop wrapped ({@code wrapFuture}), while the loop's own thread
 * (Lincheck's non-parallel group "loop") runs iterations, cancels the wrapped future and reads its state.
 * Every concurrent history must be explained by some sequential order of the same operations.
 * The wrapped-future bridge is asynchronous by design, so it is checked by a {@code @Validate}
 * invariant once all threads are done, next to the linearizable results of the other threads.
 *
 * <p>Both the stress strategy and the model-checking strategy (which explores thread interleavings
 * systematically) run, on a small budget for CI.
 */
class LoopBridgesLincheckTest {

    /** {@code callSoonThreadsafe} from any thread against the loop draining its inbox. */
    @Param(name = "x", gen = IntGen.class, conf = "1:3")
    public static class Inbox {
        private final EventLoop loop = new EventLoop();
        private final List<Integer> ran = new ArrayList<>();
        private int stops;

        /**
         * Schedules a callback from another thread.
         *
         * @param x what it records
         */
        @Operation
        public void submit(@Param(name = "x") int x) {
            loop.callSoonThreadsafe(() -> ran.add(x));
        }

        /** Stops the loop from another thread, the documented way. */
        @Operation
        public void stopFromAnotherThread() {
            loop.callSoonThreadsafe(() -> {
                stops++;
                loop.stop();
            });
        }

        /**
         * The loop thread runs until stopped (one stop of its own is scheduled first).
         *
         * @return what ran, and how many stops other threads sent
         */
        @Operation(nonParallelGroup = "loop")
        public String drain() {
            loop.callSoon(loop::stop);
            loop.runForever();
            String r = ran + " stops=" + stops;
            ran.clear();
            stops = 0;
            return r;
        }
    }

    /** {@code wrapFuture}: completion and cancellation of the source from other threads, racing the loop's cancel. */
    public static class Wrapped {
        private final EventLoop loop = new EventLoop();
        private final CompletableFuture<Integer> source = new CompletableFuture<>();
        private final AsyncFuture<Integer> wrapped;

        /** Wraps the source on the loop. */
        public Wrapped() {
            @SuppressWarnings("unchecked")
            AsyncFuture<Integer>[] holder = new AsyncFuture[1];
            loop.callSoon(() -> holder[0] = Tulip.wrapFuture(source));
            loop.callSoon(loop::stop);
            loop.runForever();
            wrapped = holder[0];
        }

        /**
         * Completes the source from another thread.
         *
         * @return whether this call completed it
         */
        @Operation
        public boolean complete() {
            return source.complete(7);
        }

        /**
         * Cancels the source from another thread.
         *
         * @return whether this call cancelled it
         */
        @Operation
        public boolean cancelSource() {
            return source.cancel(false);
        }

        /**
         * Cancels the wrapped future on the loop thread.
         *
         * @return whether it was cancelled by this call
         */
        @Operation(nonParallelGroup = "loop")
        public boolean cancelWrapped() {
            return wrapped.cancel();
        }

        /**
         * After every thread is done, the loop processes what reached it; then the bridge must be
         * consistent: the wrapped future is done, and it was cancelled (by the loop, or because the source
         * was) or holds the source's value; a cancelled source always cancels it. (A drain among the
         * parallel operations would not be linearizable, rightly: a completed source reaches the loop
         * through callSoonThreadsafe, after complete() has made it visible to other threads, as with
         * asyncio.wrap_future. Model checking found exactly that in a first version of this test.)
         */
        @Validate
        public void consistentOnceSettled() {
            loop.callSoon(loop::stop);
            loop.runForever();
            if (!wrapped.done()) {
                throw new IllegalStateException("wrapped future still pending: " + wrapped + " (source " + source + ")");
            }
            if (source.isCancelled() && !wrapped.cancelled()) {
                throw new IllegalStateException("source cancelled, wrapped not: " + wrapped);
            }
            if (!wrapped.cancelled() && !(source.isDone() && wrapped.result().equals(source.join()))) {
                throw new IllegalStateException("wrapped " + wrapped + " disagrees with source " + source);
            }
            if (wrapped.cancelled() && !source.isDone()) {
                throw new IllegalStateException("wrapped cancelled but the source was left running: " + source);
            }
        }
    }

    /** The CI budget of the stress strategy (shared with {@link CrossThreadCompletionLincheckTest}). */
    static StressOptions stress() {
        return new StressOptions().iterations(10).invocationsPerIteration(200).threads(3).actorsPerThread(3)
                .actorsBefore(1).actorsAfter(1);
    }

    /** The CI budget of the model-checking strategy. */
    static ModelCheckingOptions modelChecking() {
        return new ModelCheckingOptions().iterations(6).invocationsPerIteration(60).threads(2).actorsPerThread(2)
                .actorsBefore(1).actorsAfter(1);
    }

    @Test
    void callSoonThreadsafeAndStopStress() {
        new LinChecker(Inbox.class, stress()).check();
    }

    @Test
    void callSoonThreadsafeAndStopModelChecking() {
        new LinChecker(Inbox.class, modelChecking()).check();
    }

    @Test
    void wrapFutureCompletionRacingCancellationStress() {
        new LinChecker(Wrapped.class, stress()).check();
    }

    @Test
    void wrapFutureCompletionRacingCancellationModelChecking() {
        new LinChecker(Wrapped.class, modelChecking()).check();
    }
}
