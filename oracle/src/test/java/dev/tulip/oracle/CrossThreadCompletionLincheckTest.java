package dev.tulip.oracle;

import dev.tulip.AsyncFuture;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.Tulip;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.annotations.Validate;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck on the bridges built on top of {@code callSoonThreadsafe} and {@code wrapFuture}
 * ({@link LoopBridgesLincheckTest} checks those two): {@code runCoroutineThreadsafe} submitted and
 * cancelled from other threads; {@code toThread}'s executor call completed on a worker thread while the
 * loop cancels the task awaiting it; a task awaiting a wrapped {@link CompletableFuture} that other threads
 * complete, fail or cancel while the loop cancels the task. In each, the loop's own thread is Lincheck's
 * non-parallel group "loop", and the outcome of the asynchronous hand-over is checked by a
 * {@code @Validate} invariant once every thread is done and the loop has processed what reached it
 * (a result that crosses threads through the loop's inbox is visible some iterations later, by design,
 * as in asyncio; reading it among the parallel operations would not be linearizable).
 *
 * <p>Small budgets (stress and model checking, a few seconds each) so that CI can afford them.
 */
class CrossThreadCompletionLincheckTest {

    /** Runs {@code n} iterations of the loop: enough for whatever reached its inbox to take effect. */
    private static void settle(EventLoop loop, int n) {
        for (int i = 0; i < n; i++) {
            iterate(loop);
        }
    }

    /** One loop iteration, as the loop thread's operation. */
    private static void iterate(EventLoop loop) {
        loop.callSoon(loop::stop);
        loop.runForever();
    }

    /**
     * How many operations on other threads the loop still counts as pending (a virtual-time loop waits for
     * them forever): package-private in the runtime, read here by reflection.
     */
    static int externalWork(EventLoop loop) {
        try {
            Field f = EventLoop.class.getDeclaredField("externalWork");
            f.setAccessible(true);
            return ((AtomicInteger) f.get(loop)).get();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot read EventLoop.externalWork", e);
        }
    }

    // ---------------------------------------------------------------- runCoroutineThreadsafe

    /** One coroutine submitted from another thread: its CompletableFuture and what the loop made of it. */
    static final class Submission {
        final int x;
        final AtomicInteger started = new AtomicInteger();
        /** The task the coroutine runs in; written on the loop thread when it starts. */
        final AtomicReference<Task<?>> task = new AtomicReference<>();
        CompletableFuture<Integer> result;

        Submission(int x) {
            this.x = x;
        }
    }

    /**
     * {@code runCoroutineThreadsafe} from other threads, and cancellation of the returned future from other
     * threads, racing the loop creating the task, running it, and the gate it waits on opening.
     */
    @Param(name = "x", gen = IntGen.class, conf = "1:3")
    public static class Submitted {
        private final EventLoop loop = new EventLoop();
        private final AsyncFuture<Void> gate = loop.createFuture();
        private final List<Submission> submissions = new CopyOnWriteArrayList<>();

        /**
         * Submits a coroutine that records its task, waits for the gate and returns x.
         *
         * @param x its result
         */
        @Operation
        public void submit(@Param(name = "x") int x) {
            Submission s = new Submission(x);
            s.result = Tulip.runCoroutineThreadsafe(BridgeCoroutinesAsync.gated(x, s.started, s.task, gate), loop);
            submissions.add(s);
        }

        /**
         * Cancels a submitted coroutine's future from another thread.
         *
         * @param i which one (modulo the number submitted so far)
         */
        @Operation
        public void cancel(@Param(name = "x") int i) {
            int n = submissions.size();
            if (n > 0) {
                submissions.get(i % n).result.cancel(false);
            }
        }

        /** One iteration of the loop, on its thread. */
        @Operation(nonParallelGroup = "loop")
        public void iterate() {
            CrossThreadCompletionLincheckTest.iterate(loop);
        }

        /** Opens the gate, on the loop thread: waiting coroutines may finish. */
        @Operation(nonParallelGroup = "loop")
        public void open() {
            if (!gate.done()) {
                gate.setResult(null);
            }
        }

        /**
         * Once every thread is done: a cancelled future's task ends (cancelled) without the gate opening;
         * then, with the gate open, every future is done, each coroutine ran at most once, and a future
         * that was not cancelled holds its coroutine's result.
         */
        @Validate
        public void consistentOnceSettled() {
            settle(loop, 8);
            for (Submission s : submissions) {
                Task<?> t = s.task.get();
                if (s.result.isCancelled() && t != null && !t.done()) {
                    throw new IllegalStateException("future cancelled, its task still runs: " + t);
                }
            }
            open();
            settle(loop, 8);
            for (Submission s : submissions) {
                if (!s.result.isDone()) {
                    throw new IllegalStateException("future still pending: " + s.result + " task " + s.task.get());
                }
                if (s.started.get() > 1) {
                    throw new IllegalStateException("coroutine ran " + s.started.get() + " times");
                }
                if (s.started.get() == 1 && s.task.get() == null) {
                    throw new IllegalStateException("coroutine ran without a task");
                }
                if (!s.result.isCancelled()) {
                    if (s.result.isCompletedExceptionally()) {
                        throw new IllegalStateException("not cancelled, yet failed: " + s.result);
                    }
                    if (s.result.join() != s.x || s.started.get() != 1) {
                        throw new IllegalStateException("future " + s.result + " for x=" + s.x + ", ran "
                                + s.started.get());
                    }
                }
            }
            if (!loop.allTasks().isEmpty()) {
                throw new IllegalStateException("tasks left: " + loop.allTasks());
            }
        }
    }

    // ---------------------------------------------------------------- toThread

    /**
     * {@code toThread}: the work handed to the executor runs on another thread (Lincheck's), its outcome
     * crosses back through the inbox, and the loop cancels the task awaiting it at any point.
     */
    public static class ExecutorCompletion {
        private final EventLoop loop = new EventLoop();
        private final AtomicReference<Runnable> handedOver = new AtomicReference<>();
        private final AtomicInteger ran = new AtomicInteger();
        private final Task<Integer> task;

        /** Starts a task that hands its work to a capturing executor, and runs it until it has. */
        public ExecutorCompletion() {
            Executor executor = work -> {
                if (!handedOver.compareAndSet(null, work)) {
                    throw new IllegalStateException("handed over twice");
                }
            };
            task = loop.createTask(BridgeCoroutinesAsync.onExecutor(executor, () -> {
                ran.incrementAndGet();
                return 7;
            }));
            settle(loop, 3);
            if (handedOver.get() == null) {
                throw new IllegalStateException("the task did not reach the executor");
            }
        }

        /**
         * The executor's thread runs the work (once: an executor runs what it was given once). One thread
         * plays the executor (group "executor"): with two, the one that takes the work and the one that
         * finds nothing would be one hand-over split over two operations, which no sequential order
         * explains (Lincheck's stress strategy showed exactly that in a first version).
         */
        @Operation(nonParallelGroup = "executor")
        public void worker() {
            Runnable work = handedOver.getAndSet(null);
            if (work != null) {
                work.run();
            }
        }

        /**
         * Cancels the awaiting task, on the loop thread.
         *
         * @return whether this call cancelled it
         */
        @Operation(nonParallelGroup = "loop")
        public boolean cancelTask() {
            return task.cancel();
        }

        /** One iteration of the loop, on its thread. */
        @Operation(nonParallelGroup = "loop")
        public void iterate() {
            CrossThreadCompletionLincheckTest.iterate(loop);
        }

        /**
         * The executor eventually runs what it was given; then the task is done, the work ran at most once,
         * a task that was not cancelled returns its result, and the loop no longer counts the call as
         * pending work.
         */
        @Validate
        public void consistentOnceSettled() {
            worker();
            settle(loop, 8);
            if (!task.done()) {
                throw new IllegalStateException("task still pending: " + task);
            }
            if (ran.get() > 1) {
                throw new IllegalStateException("work ran " + ran.get() + " times");
            }
            if (!task.cancelled() && !(ran.get() == 1 && task.result() == 7)) {
                throw new IllegalStateException("task " + task + " not cancelled, work ran " + ran.get());
            }
            if (externalWork(loop) != 0) {
                throw new IllegalStateException("the loop still counts " + externalWork(loop) + " pending external"
                        + " operations (a virtual-time loop would wait for them forever)");
            }
        }
    }

    // ---------------------------------------------------------------- a task awaiting wrapFuture

    /**
     * A task awaiting a wrapped {@link CompletableFuture}: other threads complete, fail or cancel the
     * source while the loop cancels the task.
     */
    public static class AwaitedSource {
        private final EventLoop loop = new EventLoop();
        private final CompletableFuture<Integer> source = new CompletableFuture<>();
        private final Task<Integer> task;

        /** Starts the task and runs it until it waits on the wrapped future. */
        public AwaitedSource() {
            // Lincheck's sequential replays leave failed tasks unretrieved; the invariant reads the real ones.
            loop.setExceptionHandler((l, message, e) -> { });
            @SuppressWarnings("unchecked")
            Task<Integer>[] holder = new Task[1];
            loop.callSoon(() -> holder[0] = loop.createTask(BridgeCoroutinesAsync.awaitFuture(Tulip.wrapFuture(source))));
            settle(loop, 3);
            task = holder[0];
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
         * Fails the source from another thread.
         *
         * @return whether this call completed it
         */
        @Operation
        public boolean fail() {
            return source.completeExceptionally(new Boom("source"));
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
         * Cancels the awaiting task, on the loop thread.
         *
         * @return whether this call cancelled it
         */
        @Operation(nonParallelGroup = "loop")
        public boolean cancelTask() {
            return task.cancel();
        }

        /** One iteration of the loop, on its thread. */
        @Operation(nonParallelGroup = "loop")
        public void iterate() {
            CrossThreadCompletionLincheckTest.iterate(loop);
        }

        /**
         * Once settled: a task that was cancelled never leaves the source running; a cancelled source
         * cancels the task; otherwise the task ends with the source's outcome; a source that nobody
         * settled keeps the task waiting; the loop counts no pending work once the source is done.
         */
        @Validate
        public void consistentOnceSettled() {
            settle(loop, 8);
            if (!source.isDone()) {
                if (task.done()) {
                    throw new IllegalStateException("source still running, task done: " + task);
                }
                return;
            }
            if (!task.done()) {
                throw new IllegalStateException("source done (" + source + "), task still pending: " + task);
            }
            if (source.isCancelled() && !task.cancelled()) {
                throw new IllegalStateException("source cancelled, task not: " + task);
            }
            if (!task.cancelled()) {
                if (source.isCompletedExceptionally()) {
                    if (!(task.exception() instanceof Boom)) {
                        throw new IllegalStateException("source failed, task: " + task);
                    }
                } else if (task.exception() != null || task.result() != 7) {
                    throw new IllegalStateException("source " + source + ", task " + task);
                }
            }
            if (externalWork(loop) != 0) {
                throw new IllegalStateException("the loop still counts " + externalWork(loop) + " pending external"
                        + " operations once the source is done");
            }
        }
    }

    /** Smaller than {@link LoopBridgesLincheckTest}'s budgets: six checks here, each scenario heavier. */
    private static StressOptions stress() {
        return LoopBridgesLincheckTest.stress().iterations(6).invocationsPerIteration(150);
    }

    private static ModelCheckingOptions modelChecking() {
        return LoopBridgesLincheckTest.modelChecking().iterations(4).invocationsPerIteration(40);
    }

    @Test
    void runCoroutineThreadsafeAndCancelStress() {
        new LinChecker(Submitted.class, stress()).check();
    }

    @Test
    void runCoroutineThreadsafeAndCancelModelChecking() {
        new LinChecker(Submitted.class, modelChecking()).check();
    }

    @Test
    void toThreadCompletionRacingCancellationStress() {
        new LinChecker(ExecutorCompletion.class, stress()).check();
    }

    @Test
    void toThreadCompletionRacingCancellationModelChecking() {
        new LinChecker(ExecutorCompletion.class, modelChecking()).check();
    }

    @Test
    void awaitedWrapFutureRacingTaskCancellationStress() {
        new LinChecker(AwaitedSource.class, stress()).check();
    }

    @Test
    void awaitedWrapFutureRacingTaskCancellationModelChecking() {
        new LinChecker(AwaitedSource.class, modelChecking()).check();
    }
}
