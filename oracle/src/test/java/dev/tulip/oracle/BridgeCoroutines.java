package dev.tulip.oracle;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.currentTask;
import static dev.tulip.Tulip.done;
import static dev.tulip.Tulip.getRunningLoop;

import dev.tulip.Async;
import dev.tulip.AsyncFuture;
import dev.tulip.Coroutine;
import dev.tulip.Task;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** The {@code @Async} code that {@link LoopBridgesLincheckTest} runs on the loop (through {@code BridgeCoroutinesAsync}). */
final class BridgeCoroutines {
    private BridgeCoroutines() {
    }

    /**
     * Counts its start and records its task, waits for the gate (so that a cancellation finds it
     * suspended, and a lost cancellation leaves it waiting), and returns x.
     */
    @Async
    static Coroutine<Integer> gated(int x, AtomicInteger started, AtomicReference<Task<?>> task, AsyncFuture<Void> gate) {
        started.incrementAndGet();
        task.set(currentTask());
        await(gate);
        return done(x);
    }

    /**
     * {@code Tulip.toThread}, with the executor chosen by the caller: {@code toThread(c)} is
     * {@code await(getRunningLoop().runInExecutor(null, c))}, and a test needs to decide which thread
     * runs the work.
     */
    @Async
    static Coroutine<Integer> onExecutor(Executor executor, Callable<Integer> work) {
        return done(await(getRunningLoop().runInExecutor(executor, work)));
    }

    /** Awaits a future of the loop (a wrapped {@code CompletableFuture}) and returns its result. */
    @Async
    static Coroutine<Integer> awaitFuture(AsyncFuture<Integer> future) {
        return done(await(future));
    }
}
