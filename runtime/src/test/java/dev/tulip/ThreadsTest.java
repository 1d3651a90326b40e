package dev.tulip;

import static dev.tulip.Script.record;
import static dev.tulip.Script.run;
import static dev.tulip.Script.then;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ThreadsTest {
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<ExecutorService> executors = new ArrayList<>();

    private ExecutorService executor(String name) {
        ExecutorService e = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        executors.add(e);
        return e;
    }

    @AfterEach
    void shutDownExecutors() {
        executors.forEach(ExecutorService::shutdownNow);
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    // ---- toThread / runInExecutor ----

    @Test
    void toThreadRunsTheCallableOnTheDefaultExecutor() {
        String name = Tulip.runVirtual(Tulip.toThread(() -> Thread.currentThread().getName()));
        assertTrue(name.startsWith("tulip-executor-"), name);
    }

    @Test
    void toThreadRaisesTheCallablesExceptionAsIs() {
        IOException e = assertThrows(IOException.class,
                () -> Tulip.runVirtual(Tulip.toThread(() -> {
                    throw new IOException("disk");
                })));
        assertEquals("disk", e.getMessage());
    }

    @Test
    void aVirtualTimeLoopWaitsForThreadsBeforeJumpingAhead() {
        EventLoop loop = EventLoop.virtualTime();
        Tulip.run(Script.of(
                run(() -> loop.createTask(Script.of(then(() -> Tulip.sleep(10)),
                        run(() -> log.add("timer at " + loop.time()))))),
                then(() -> Tulip.toThread(() -> {
                    sleepMillis(200);
                    return "thread";
                })),
                (v, thrown) -> {
                    log.add(v + " at " + loop.time());
                    return Tulip.sleep(20);
                }), loop);
        assertEquals(List.of("thread at 0.0", "timer at 10.0"), log);
    }

    @Test
    void runInExecutorUsesTheGivenExecutorOrTheDefaultOne() {
        ExecutorService mine = executor("mine");
        EventLoop loop = EventLoop.virtualTime();
        List<Object> out = Tulip.run(new Coroutine<List<Object>>() {
            @Override
            @SuppressWarnings("unchecked")
            protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                if (state == 0) {
                    state = 1;
                    return SyncMachines.collect(List.of(
                            Tulip.runInExecutor(mine, () -> Thread.currentThread().getName()),
                            loop.runInExecutor(null, () -> Thread.currentThread().getName())));
                }
                return complete((List<Object>) sent);
            }
        }, loop);
        assertEquals("mine", out.get(0));
        assertTrue(((String) out.get(1)).startsWith("tulip-executor-"), out.toString());
    }

    @Test
    void cancellingBeforeTheCallStartsMeansItNeverRuns() throws InterruptedException {
        ExecutorService single = executor("single");
        CountDownLatch gate = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        EventLoop loop = EventLoop.virtualTime();
        List<AsyncFuture<?>> futures = new ArrayList<>();
        Tulip.run(Script.of(
                run(() -> {
                    futures.add(loop.runInExecutor(single, () -> {
                        gate.await();
                        return "first";
                    }));
                    futures.add(loop.runInExecutor(single, () -> {
                        secondRan.set(true);
                        return "second";
                    }));
                    assertTrue(futures.get(1).cancel());
                    gate.countDown();
                }),
                then(() -> futures.get(0)),
                record("", log),
                then(() -> Tulip.sleep(1))), loop);
        single.shutdown();
        assertTrue(single.awaitTermination(5, TimeUnit.SECONDS));
        assertFalse(secondRan.get());
        assertEquals(List.of("first"), log);
        assertTrue(futures.get(1).cancelled());
    }

    @Test
    void cancellingWhileTheCallRunsDropsItsOutcome() {
        CountDownLatch started = new CountDownLatch(1);
        EventLoop loop = EventLoop.virtualTime();
        List<String> reports = new ArrayList<>();
        loop.setExceptionHandler((l, m, e) -> reports.add(m));
        AsyncFuture<?>[] f = new AsyncFuture<?>[1];
        Tulip.run(Script.of(
                run(() -> f[0] = loop.runInExecutor(executor("worker"), () -> {
                    started.countDown();
                    sleepMillis(100);
                    throw new IOException("nobody sees this");
                })),
                then(() -> Tulip.toThread(() -> {
                    started.await();
                    return null;
                })),
                run(() -> f[0].cancel()),
                then(() -> Tulip.sleep(1))), loop);
        assertTrue(f[0].cancelled());
        assertTrue(reports.isEmpty(), reports.toString());
    }

    @Test
    void aRefusingExecutorFailsTheCallAndLeaksNoExternalWork() {
        ExecutorService dead = executor("dead");
        dead.shutdown();
        EventLoop loop = EventLoop.virtualTime();
        Tulip.run(Script.of(
                run(() -> assertThrows(RejectedExecutionException.class, () -> loop.runInExecutor(dead, () -> 1))),
                then(() -> Tulip.sleep(5))), loop); // would spin forever if the work were still counted
        assertEquals(5.0, loop.time());
    }

    // ---- wrapFuture ----

    @Test
    void wrapFutureCompletesOnTheLoopWhenAnotherThreadCompletesTheStage() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Thread[] loopThread = new Thread[1];
        String v = Tulip.runVirtual(new Coroutine<String>() {
            @Override
            protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                if (thrown != null) {
                    throw thrown;
                }
                if (state == 0) {
                    state = 1;
                    loopThread[0] = Thread.currentThread();
                    new Thread(() -> {
                        sleepMillis(50);
                        cf.complete("from " + Thread.currentThread().getName());
                    }, "completer").start();
                    return Tulip.wrapFuture(cf);
                }
                assertSame(loopThread[0], Thread.currentThread());
                return complete((String) sent);
            }
        });
        assertEquals("from completer", v);
    }

    @Test
    void wrapFutureUnwrapsCompletionExceptions() {
        CompletableFuture<Integer> source = new CompletableFuture<>();
        CompletionStage<Integer> failing = source.thenApplyAsync(x -> {
            throw new IllegalArgumentException("bad " + x);
        });
        CompletableFuture<Integer> checked = new CompletableFuture<>();
        EventLoop loop = EventLoop.virtualTime();
        List<Object> out = Tulip.run(new Coroutine<List<Object>>() {
            @Override
            @SuppressWarnings("unchecked")
            protected Awaitable<?> resume(Object sent, Throwable thrown) {
                if (state == 0) {
                    state = 1;
                    source.completeAsync(() -> 7);
                    CompletableFuture.runAsync(() -> checked.completeExceptionally(new IOException("io")));
                    return SyncMachines.collect(List.of(Tulip.wrapFuture(failing), Tulip.wrapFuture(checked)));
                }
                return complete((List<Object>) sent);
            }
        }, loop);
        assertInstanceOf(IllegalArgumentException.class, out.get(0));
        assertEquals("bad 7", ((Throwable) out.get(0)).getMessage());
        assertInstanceOf(IOException.class, out.get(1));
    }

    @Test
    void aCancelledStageCancelsTheFutureAndViceVersa() {
        CompletableFuture<String> cancelledByOther = new CompletableFuture<>();
        CompletableFuture<String> cancelledByUs = new CompletableFuture<>();
        EventLoop loop = EventLoop.virtualTime();
        Tulip.run(Script.of(
                run(() -> new Thread(() -> cancelledByOther.cancel(false)).start()),
                then(() -> Tulip.wrapFuture(cancelledByOther)),
                record("other: ", log),
                run(() -> {
                    AsyncFuture<String> f = Tulip.wrapFuture(cancelledByUs);
                    f.cancel();
                    log.add("source cancelled: " + cancelledByUs.isCancelled());
                }),
                then(() -> Tulip.sleep(1))), loop);
        assertEquals(List.of("other: CancelledError", "source cancelled: true"), log);
    }

    @Test
    void wrappingACompletedStageGivesADoneFuture() {
        Tulip.runVirtual(Script.of(run(() -> {
            AsyncFuture<String> ok = Tulip.wrapFuture(CompletableFuture.completedFuture("now"));
            assertTrue(ok.done());
            assertEquals("now", ok.result());
            AsyncFuture<String> failed = Tulip.wrapFuture(CompletableFuture.failedFuture(new IOException("x")));
            assertInstanceOf(IOException.class, failed.exception());
            CompletableFuture<String> c = new CompletableFuture<>();
            c.cancel(false);
            assertTrue(Tulip.wrapFuture(c).cancelled());
        })));
    }

    @Test
    void wrapFutureAcceptsAnyCompletionStage() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        CompletionStage<String> minimal = cf.minimalCompletionStage();
        String v = Tulip.runVirtual(new Coroutine<String>() {
            @Override
            protected Awaitable<?> resume(Object sent, Throwable thrown) {
                if (state == 0) {
                    state = 1;
                    CompletableFuture.runAsync(() -> cf.complete("minimal"));
                    return Tulip.wrapFuture(minimal);
                }
                return complete((String) sent);
            }
        });
        assertEquals("minimal", v);
    }

    @Test
    void wrapFutureNeedsARunningLoop() {
        assertThrows(IllegalStateException.class, () -> Tulip.wrapFuture(new CompletableFuture<>()));
    }

    // ---- runCoroutineThreadsafe / toCompletableFuture ----

    /** Runs a real-time loop on its own thread for the duration of a test. */
    private static final class LoopThread implements AutoCloseable {
        final EventLoop loop = new EventLoop();
        final Thread thread = new Thread(loop::runForever, "loop");

        LoopThread(boolean debug) {
            loop.setDebug(debug);
            thread.start();
            while (!loop.isRunning()) {
                Thread.onSpinWait();
            }
        }

        @Override
        public void close() {
            loop.callSoonThreadsafe(loop::stop);
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop.close();
        }
    }

    @Test
    void runCoroutineThreadsafeReturnsTheResultToTheCallingThread() throws Exception {
        try (LoopThread lt = new LoopThread(false)) {
            CompletableFuture<String> cf = Tulip.runCoroutineThreadsafe(HandWritten.cook("soup", 0.01), lt.loop);
            assertEquals("soup", cf.get(5, TimeUnit.SECONDS));
            CompletableFuture<Void> failing = Tulip.runCoroutineThreadsafe(Script.of(run(() -> {
                throw new IllegalStateException("boom");
            })), lt.loop);
            ExecutionException e = assertThrows(ExecutionException.class, () -> failing.get(5, TimeUnit.SECONDS));
            assertEquals("boom", e.getCause().getMessage());
        }
    }

    @Test
    void cancellingTheCompletableFutureCancelsTheTask() throws Exception {
        try (LoopThread lt = new LoopThread(false)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch cancelled = new CountDownLatch(1);
            CompletableFuture<Void> cf = Tulip.runCoroutineThreadsafe(Script.of(
                    then(() -> {
                        started.countDown();
                        return Tulip.sleep(100);
                    }),
                    (v, thrown) -> {
                        if (thrown instanceof CancelledError) {
                            cancelled.countDown();
                        }
                        throw thrown;
                    }), lt.loop);
            assertTrue(started.await(5, TimeUnit.SECONDS));
            assertTrue(cf.cancel(true));
            assertTrue(cancelled.await(5, TimeUnit.SECONDS));
            assertThrows(CancellationException.class, cf::join);
        }
    }

    @Test
    void cancelledBeforeItStartsTheCoroutineNeverRuns() throws Exception {
        EventLoop loop = EventLoop.virtualTime();
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<Void> cf = Tulip.runCoroutineThreadsafe(Script.of(run(() -> ran.set(true))), loop);
        cf.cancel(false);
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(1))));
        assertFalse(ran.get());
        assertTrue(loop.allTasks().isEmpty());
        loop.close();
    }

    @Test
    void toCompletableFutureFollowsAFutureOrTask() throws Exception {
        EventLoop loop = EventLoop.virtualTime();
        Task<String> t = loop.createTask(HandWritten.cook("pie", 1));
        CompletableFuture<String> cf = t.toCompletableFuture();
        assertFalse(cf.isDone());
        loop.runUntilComplete(t);
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(0))));
        assertEquals("pie", cf.get());
        assertEquals("pie", t.toCompletableFuture().getNow(null), "a done future gives a done CompletableFuture");
        AsyncFuture<Integer> failed = loop.createFuture();
        failed.setException(new IOException("io"));
        assertInstanceOf(IOException.class,
                assertThrows(ExecutionException.class, () -> failed.toCompletableFuture().get()).getCause());
        loop.close();
    }

    @Test
    void cancellingTheFollowerFromAnotherThreadCancelsTheTask() throws Exception {
        try (LoopThread lt = new LoopThread(false)) {
            CompletableFuture<CompletableFuture<String>> follower = new CompletableFuture<>();
            CompletableFuture<String> outcome = Tulip.runCoroutineThreadsafe(new Coroutine<String>() {
                @Override
                protected Awaitable<?> resume(Object sent, Throwable thrown) {
                    if (state == 0) {
                        state = 1;
                        Task<String> inner = Tulip.createTask(HandWritten.cook("never", 100));
                        follower.complete(inner.toCompletableFuture());
                        return inner;
                    }
                    return complete(thrown instanceof CancelledError ? "inner cancelled" : "inner " + sent);
                }
            }, lt.loop);
            assertTrue(follower.get(5, TimeUnit.SECONDS).cancel(false));
            assertEquals("inner cancelled", outcome.get(5, TimeUnit.SECONDS));
        }
    }

    // ---- thread checks ----

    @Test
    void inDebugModeWrongThreadUseFailsFast() throws Exception {
        try (LoopThread lt = new LoopThread(true)) {
            Queue<String> q = new Queue<>();
            // A task waits on the queue (binding it to the loop); we learn of it once it is waiting.
            CompletableFuture<String> got = Tulip.runCoroutineThreadsafe(new Coroutine<CompletableFuture<String>>() {
                private Task<String> getter;

                @Override
                protected Awaitable<?> resume(Object sent, Throwable thrown) {
                    if (state == 0) {
                        state = 1;
                        getter = Tulip.createTask(q.get());
                        return Tulip.sleep(0); // the getter runs first and waits
                    }
                    return complete(getter.toCompletableFuture());
                }
            }, lt.loop).get(5, TimeUnit.SECONDS);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> q.putNowait("x"));
            assertTrue(e.getMessage().startsWith("Queue.putNowait called from thread '"), e.getMessage());
            assertTrue(e.getMessage().contains("use callSoonThreadsafe"), e.getMessage());
            lt.loop.callSoonThreadsafe(() -> q.putNowait("x"));
            assertEquals("x", got.get(5, TimeUnit.SECONDS));

            AsyncFuture<String> future = Tulip.runCoroutineThreadsafe(new Coroutine<AsyncFuture<String>>() {
                @Override
                protected Awaitable<?> resume(Object sent, Throwable thrown) {
                    return complete(EventLoop.running().createFuture());
                }
            }, lt.loop).get(5, TimeUnit.SECONDS);
            e = assertThrows(IllegalStateException.class, () -> future.setResult("x"));
            assertTrue(e.getMessage().startsWith("AsyncFuture.setResult called from thread"), e.getMessage());
            assertThrows(IllegalStateException.class, future::cancel);
            assertNotEquals(Thread.currentThread(), lt.thread);
        }
    }
}
