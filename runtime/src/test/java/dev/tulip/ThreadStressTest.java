package dev.tulip;

import static dev.tulip.Script.run;
import static dev.tulip.Script.then;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Several threads working with one loop at once, through the documented thread-safe entry points. */
@Timeout(60)
class ThreadStressTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void shutDown() {
        pool.shutdownNow();
    }

    @Test
    void callSoonThreadsafeFromManyThreadsKeepsEachThreadsOrder() {
        int threads = 4;
        int perThread = 25_000;
        EventLoop loop = new EventLoop();
        int[] last = new int[threads];
        int[] count = {0};
        List<String> errors = new ArrayList<>();
        AsyncFuture<Integer> all = loop.createFuture();
        for (int t = 0; t < threads; t++) {
            int id = t;
            pool.execute(() -> {
                for (int i = 1; i <= perThread; i++) {
                    int seq = i;
                    loop.callSoonThreadsafe(() -> {
                        if (last[id] != seq - 1) {
                            errors.add("thread " + id + ": " + seq + " after " + last[id]);
                        }
                        last[id] = seq;
                        if (++count[0] == threads * perThread) {
                            all.setResult(count[0]);
                        }
                    });
                }
            });
        }
        assertEquals(threads * perThread, Tulip.run(all, loop));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    private List<CompletableFuture<Integer>> completedElsewhere(int n) {
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(new CompletableFuture<>());
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order);
        for (int k = 0; k < 4; k++) {
            int part = k;
            pool.execute(() -> {
                for (int j = part; j < n; j += 4) {
                    int i = order.get(j);
                    if (ThreadLocalRandom.current().nextInt(50) == 0) {
                        Thread.yield();
                    }
                    if (i % 4 == 3) {
                        futures.get(i).completeExceptionally(new IllegalStateException("f" + i));
                    } else {
                        futures.get(i).complete(i);
                    }
                }
            });
        }
        return futures;
    }

    private void wrapManyFutures(EventLoop loop) {
        int n = 2000;
        List<Object> out = Tulip.run(new Coroutine<List<Object>>() {
            @Override
            @SuppressWarnings("unchecked")
            protected Awaitable<?> resume(Object sent, Throwable thrown) {
                if (state == 0) {
                    state = 1;
                    List<AsyncFuture<Integer>> wrapped = new ArrayList<>();
                    for (CompletableFuture<Integer> cf : completedElsewhere(n)) {
                        wrapped.add(Tulip.wrapFuture(cf));
                    }
                    return SyncMachines.collect(wrapped);
                }
                return complete((List<Object>) sent);
            }
        }, loop);
        assertEquals(n, out.size());
        for (int i = 0; i < n; i++) {
            if (i % 4 == 3) {
                assertInstanceOf(IllegalStateException.class, out.get(i));
                assertEquals("f" + i, ((Throwable) out.get(i)).getMessage());
            } else {
                assertEquals(i, out.get(i));
            }
        }
    }

    @Test
    void wrapFutureWithFuturesCompletedOnOtherThreads() {
        wrapManyFutures(new EventLoop());
    }

    @Test
    void wrapFutureOnVirtualTimeWaitsForEveryStage() {
        wrapManyFutures(EventLoop.virtualTime());
    }

    private void manyToThreads(EventLoop loop) {
        int n = 300;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        List<Object> out = Tulip.run(new Coroutine<List<Object>>() {
            @Override
            @SuppressWarnings("unchecked")
            protected Awaitable<?> resume(Object sent, Throwable thrown) {
                if (state == 0) {
                    state = 1;
                    List<Task<Integer>> tasks = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        int x = i;
                        tasks.add(Tulip.createTask(Tulip.toThread(() -> {
                            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                            Thread.sleep(1);
                            running.decrementAndGet();
                            return x * 2;
                        })));
                    }
                    return SyncMachines.collect(tasks);
                }
                return complete((List<Object>) sent);
            }
        }, loop);
        for (int i = 0; i < n; i++) {
            assertEquals(i * 2, out.get(i));
        }
        assertTrue(maxRunning.get() > 1, "ran in parallel");
    }

    @Test
    void toThreadUnderLoad() {
        manyToThreads(new EventLoop());
    }

    @Test
    void toThreadUnderLoadOnVirtualTime() {
        EventLoop loop = EventLoop.virtualTime();
        manyToThreads(loop);
        assertEquals(0.0, loop.time());
    }

    @Test
    void queueFedFromOtherThreads() {
        int threads = 4;
        int perThread = 5000;
        EventLoop loop = new EventLoop();
        Queue<Integer> q = new Queue<>(100);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        List<Task<Integer>> consumers = new ArrayList<>();
        CompletableFuture<?>[] producers = new CompletableFuture<?>[threads];
        Tulip.run(Script.of(
                run(() -> {
                    for (int c = 0; c < 3; c++) {
                        consumers.add(Tulip.createTask(new QueueMachines.Consume<>(q, "c" + c, 0, new ArrayList<>())));
                    }
                    for (int t = 0; t < threads; t++) {
                        int id = t;
                        producers[t] = CompletableFuture.runAsync(() -> {
                            for (int i = 0; i < perThread; i++) {
                                int item = id * perThread + i;
                                // putNowait may find the queue full: a blocking put goes through a task.
                                loop.callSoonThreadsafe(() -> loop.createTask(q.put(item)));
                            }
                        }, pool);
                    }
                }),
                then(() -> Tulip.wrapFuture(CompletableFuture.allOf(producers))),
                then(() -> Tulip.sleep(0.01)), // every put task has started by now
                then(q::join),
                run(() -> {
                    log.add("joined with " + q.qsize() + " left");
                    q.shutdown();
                }),
                then(() -> SyncMachines.collect(consumers)),
                (counts, thrown) -> {
                    int total = 0;
                    for (Object c : (List<?>) counts) {
                        total += (Integer) c;
                    }
                    log.add("consumed " + total);
                    return null;
                }), loop);
        assertEquals(List.of("joined with 0 left", "consumed " + threads * perThread), log);
    }

    @Test
    void runCoroutineThreadsafeFromManyThreads() throws Exception {
        EventLoop loop = new EventLoop();
        Thread loopThread = new Thread(loop::runForever, "loop");
        loopThread.start();
        try {
            int threads = 8;
            int each = 200;
            List<CompletableFuture<Integer>> results = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<?>[] submitters = new CompletableFuture<?>[threads];
            for (int t = 0; t < threads; t++) {
                int id = t;
                submitters[t] = CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < each; i++) {
                        int v = id * each + i;
                        results.add(Tulip.runCoroutineThreadsafe(
                                new Coroutine<Integer>() {
                                    @Override
                                    protected Awaitable<?> resume(Object sent, Throwable thrown) {
                                        if (state == 0) {
                                            state = 1;
                                            return Tulip.sleep(0);
                                        }
                                        return complete(v);
                                    }
                                }, loop));
                    }
                }, pool);
            }
            CompletableFuture.allOf(submitters).get(30, TimeUnit.SECONDS);
            long sum = 0;
            for (CompletableFuture<Integer> r : results) {
                sum += r.get(30, TimeUnit.SECONDS);
            }
            long n = (long) threads * each;
            assertEquals(n * (n - 1) / 2, sum);
        } finally {
            loop.callSoonThreadsafe(loop::stop);
            loopThread.join(5000);
            loop.close();
        }
    }
}
