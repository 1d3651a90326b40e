package dev.tulip.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The workloads as virtual threads (JDK 21+), written as a user of blocking Java code would: one virtual
 * thread per task, {@code ArrayBlockingQueue}, a fair {@code ReentrantLock}, interruption as cancellation.
 * Run it with {@code -Djdk.virtualThreadScheduler.parallelism=1} so that, like the others, it uses one
 * thread. There is no chain-of-awaits row: nested calls on a thread are plain calls.
 *
 * <p>Compiled for Java 17, so virtual threads are reached by reflection ({@code Thread.ofVirtual()}).
 */
public final class LoomPeer {
    private static final Object ITEM = new Object();
    private static final ThreadFactory VIRTUAL = virtualThreadFactory();

    private LoomPeer() {
    }

    private static ThreadFactory virtualThreadFactory() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or later", e);
        }
    }

    private static ExecutorService perTaskExecutor() {
        try {
            return (ExecutorService) java.util.concurrent.Executors.class
                    .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or later", e);
        }
    }

    interface Body {
        void run() throws Exception;
    }

    private static Thread start(Body body) {
        Thread t = VIRTUAL.newThread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                // cancelled
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.start();
        return t;
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    static void sleep0(int n, Meter.Sample s) {
        s.start();
        for (int i = 0; i < n; i++) {
            Thread.yield();
        }
        s.stop();
    }

    static void pingpong(int n, Meter.Sample s) throws InterruptedException {
        BlockingQueue<Object> a = new ArrayBlockingQueue<>(1);
        BlockingQueue<Object> b = new ArrayBlockingQueue<>(1);
        s.start();
        Thread p = start(() -> {
            for (int i = 0; i < n; i++) {
                a.put(ITEM);
                b.take();
            }
        });
        Thread q = start(() -> {
            for (int i = 0; i < n; i++) {
                b.put(a.take());
            }
        });
        p.join();
        q.join();
        s.stop();
    }

    static void tasks(int n, Meter.Sample s) throws InterruptedException {
        s.start();
        List<Thread> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(start(() -> { }));
        }
        joinAll(all);
        s.stop();
    }

    static void sleepers(int n, double[] out) throws InterruptedException {
        long before = Meter.settledHeap();
        CountDownLatch started = new CountDownLatch(n);
        List<Thread> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(start(() -> {
                started.countDown();
                Thread.sleep(3_600_000);
            }));
        }
        started.await();
        Thread.sleep(200);
        long after = Meter.settledHeap();
        out[0] = (after - before) / (double) n;
        for (Thread t : all) {
            t.interrupt();
        }
        joinAll(all);
    }

    static void queue(int size, int n, Meter.Sample s) throws InterruptedException {
        BlockingQueue<Object> q = new ArrayBlockingQueue<>(size);
        s.start();
        Thread p = start(() -> {
            for (int i = 0; i < n; i++) {
                q.put(ITEM);
            }
        });
        Thread c = start(() -> {
            for (int i = 0; i < n; i++) {
                q.take();
            }
        });
        p.join();
        c.join();
        s.stop();
    }

    static void lock(int n, Meter.Sample s) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock(true);
        s.start();
        List<Thread> all = new ArrayList<>();
        for (int k = 0; k < Workloads.LOCKERS; k++) {
            all.add(start(() -> {
                for (int i = 0; i < n / Workloads.LOCKERS; i++) {
                    lock.lock();
                    try {
                        Thread.yield();
                    } finally {
                        lock.unlock();
                    }
                }
            }));
        }
        joinAll(all);
        s.stop();
    }

    static void gathers(int n, Meter.Sample s) throws InterruptedException, ExecutionException {
        s.start();
        for (int i = 0; i < n; i++) {
            List<CompletableFuture<Integer>> results = new ArrayList<>(Workloads.FANOUT);
            for (int j = 0; j < Workloads.FANOUT; j++) {
                CompletableFuture<Integer> r = new CompletableFuture<>();
                results.add(r);
                start(() -> r.complete(1));
            }
            for (CompletableFuture<Integer> r : results) {
                r.get();
            }
        }
        s.stop();
    }

    static void groups(int n, Meter.Sample s) throws InterruptedException {
        s.start();
        for (int i = 0; i < n; i++) {
            ExecutorService group = perTaskExecutor();
            for (int j = 0; j < Workloads.FANOUT; j++) {
                group.execute(() -> { });
            }
            group.shutdown();
            group.awaitTermination(1, TimeUnit.HOURS);
        }
        s.stop();
    }

    static void timers(int n, Meter.Sample s) throws InterruptedException {
        s.start();
        List<Thread> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long nanos = Math.round(TulipPeer.scrambled(i) * 1e9);
            all.add(start(() -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000))));
        }
        joinAll(all);
        s.stop();
    }

    static void storms(int storms, Meter.Sample s) throws InterruptedException {
        s.start();
        for (int k = 0; k < storms; k++) {
            CompletableFuture<Object> f = new CompletableFuture<>();
            ReentrantLock lock = new ReentrantLock(true);
            BlockingQueue<Object> q = new LinkedBlockingQueue<>();
            lock.lock();
            List<Thread> all = new ArrayList<>(Workloads.STORM);
            for (int i = 0; i < Workloads.STORM; i++) {
                switch (i % 3) {
                    case 0 -> all.add(start(f::get));
                    case 1 -> all.add(start(() -> {
                        lock.lockInterruptibly();
                        lock.unlock();
                    }));
                    default -> all.add(start(q::take));
                }
            }
            Thread.yield();
            for (Thread t : all) {
                t.interrupt();
            }
            joinAll(all);
            lock.unlock();
        }
        s.stop();
    }

    static void workload(String name, Meter.Sample s, double[] extra) throws Exception {
        switch (name) {
            case "sleep0" -> sleep0(Workloads.SLEEP0, s);
            case "pingpong" -> pingpong(Workloads.PINGPONG, s);
            case "tasks" -> tasks(Workloads.TASKS, s);
            case "sleepers" -> sleepers(Workloads.SLEEPERS, extra);
            case "queue1" -> queue(1, Workloads.ITEMS, s);
            case "queue1000" -> queue(1000, Workloads.ITEMS, s);
            case "lock" -> lock(Workloads.ACQUISITIONS, s);
            case "gather" -> gathers(Workloads.FANOUTS, s);
            case "taskgroup" -> groups(Workloads.FANOUTS, s);
            case "timers" -> timers(Workloads.TIMERS, s);
            case "storm" -> storms(Workloads.STORMS, s);
            default -> throw new IllegalArgumentException(name);
        }
    }

    /**
     * Runs workloads, each repetition in a fresh virtual thread (the {@code main} of the others).
     *
     * @param args the repetitions, then workload names
     */
    public static void main(String[] args) {
        java.util.List<String> names = new ArrayList<>(List.of(args));
        names.remove("chain10");
        PeerMain.run(names.toArray(String[]::new), (name, s, extra) -> {
            Exception[] failure = {null};
            Thread main = start(() -> {
                try {
                    workload(name, s, extra);
                } catch (Exception e) {
                    failure[0] = e;
                }
            });
            main.join();
            if (failure[0] != null) {
                throw failure[0];
            }
        });
    }
}
