package dev.tulip.peers;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.AsyncFuture;
import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Lock;
import dev.tulip.Queue;
import dev.tulip.Task;
import dev.tulip.TaskGroup;
import java.util.ArrayList;
import java.util.List;

/**
 * The workloads as a Tulip user writes them: {@code @Async} methods that the annotation processor compiles
 * into state machines, run by {@link dev.tulip.Tulip#run} on a real-time loop, one thread.
 *
 * <p>Usage: {@code TulipPeer <repetitions> <workload>...}; prints one {@code RESULT} line per workload
 * (the best repetition).
 */
public final class TulipPeer {
    /** What queues carry: one shared object, so that no peer measures boxing. */
    static final Object ITEM = new Object();

    private TulipPeer() {
    }

    @Async
    static Coroutine<Integer> nothing() {
        return done(1);
    }

    @Async
    static Coroutine<Void> sleep0(int n, Meter.Sample s) {
        s.start();
        for (int i = 0; i < n; i++) {
            await(sleep(0));
        }
        s.stop();
        return done();
    }

    @Async
    static Coroutine<Void> pinger(Queue<Object> out, Queue<Object> in, int n) {
        for (int i = 0; i < n; i++) {
            await(out.put(ITEM));
            await(in.get());
        }
        return done();
    }

    @Async
    static Coroutine<Void> ponger(Queue<Object> in, Queue<Object> out, int n) {
        for (int i = 0; i < n; i++) {
            Object ball = await(in.get());
            await(out.put(ball));
        }
        return done();
    }

    @Async
    static Coroutine<Void> pingpong(int n, Meter.Sample s) {
        Queue<Object> a = new Queue<>(1);
        Queue<Object> b = new Queue<>(1);
        s.start();
        Task<Void> p = createTask(pinger(a, b, n));
        Task<Void> q = createTask(ponger(a, b, n));
        await(p);
        await(q);
        s.stop();
        return done();
    }

    @Async
    static Coroutine<Void> tasks(int n, Meter.Sample s) {
        s.start();
        List<Task<Integer>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(createTask(nothing()));
        }
        for (Task<Integer> t : all) {
            await(t);
        }
        s.stop();
        return done();
    }

    @Async
    static Coroutine<Void> sleeper(double seconds) {
        await(sleep(seconds));
        return done();
    }

    @Async
    static Coroutine<Void> sleepers(int n, double[] bytesPerTask) {
        long before = Meter.settledHeap();
        List<Task<Void>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(createTask(sleeper(3600)));
        }
        await(sleep(0));
        long after = Meter.settledHeap();
        bytesPerTask[0] = (after - before) / (double) n;
        for (Task<Void> t : all) {
            t.cancel();
        }
        for (Task<Void> t : all) {
            try {
                await(t);
            } catch (CancelledError expected) {
                // what a cancelled sleeper ends with
            }
        }
        return done();
    }

    @Async
    static Coroutine<Void> producer(Queue<Object> q, int n) {
        for (int i = 0; i < n; i++) {
            await(q.put(ITEM));
        }
        return done();
    }

    @Async
    static Coroutine<Void> consumer(Queue<Object> q, int n) {
        for (int i = 0; i < n; i++) {
            await(q.get());
        }
        return done();
    }

    @Async
    static Coroutine<Void> queue(int size, int n, Meter.Sample s) {
        Queue<Object> q = new Queue<>(size);
        s.start();
        Task<Void> p = createTask(producer(q, n));
        Task<Void> c = createTask(consumer(q, n));
        await(p);
        await(c);
        s.stop();
        return done();
    }

    @Async
    static Coroutine<Integer> nested(int depth) {
        if (depth == 0) {
            return done(0);
        }
        int below = await(nested(depth - 1));
        return done(below + 1);
    }

    @Async
    static Coroutine<Void> chains(int n, Meter.Sample s) {
        s.start();
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(nested(9));
        }
        s.stop();
        if (sum != 9 * n) {
            throw new AssertionError(sum);
        }
        return done();
    }

    @Async
    static Coroutine<Void> locker(Lock lock, int n) {
        for (int i = 0; i < n; i++) {
            try (var held = await(lock.acquire())) {
                await(sleep(0));
            }
        }
        return done();
    }

    @Async
    static Coroutine<Void> lock(int n, Meter.Sample s) {
        Lock lock = new Lock();
        s.start();
        List<Task<Void>> all = new ArrayList<>();
        for (int i = 0; i < Workloads.LOCKERS; i++) {
            all.add(createTask(locker(lock, n / Workloads.LOCKERS)));
        }
        for (Task<Void> t : all) {
            await(t);
        }
        s.stop();
        return done();
    }

    @Async
    static Coroutine<Void> gathers(int n, Meter.Sample s) {
        s.start();
        for (int i = 0; i < n; i++) {
            List<Coroutine<Integer>> coros = new ArrayList<>(Workloads.FANOUT);
            for (int j = 0; j < Workloads.FANOUT; j++) {
                coros.add(nothing());
            }
            List<Integer> results = await(gather(coros));
            if (results.size() != Workloads.FANOUT) {
                throw new AssertionError(results.size());
            }
        }
        s.stop();
        return done();
    }

    @Async
    static Coroutine<Void> groups(int n, Meter.Sample s) {
        s.start();
        for (int i = 0; i < n; i++) {
            try (var tg = new TaskGroup()) {
                for (int j = 0; j < Workloads.FANOUT; j++) {
                    tg.createTask(nothing());
                }
            }
        }
        s.stop();
        return done();
    }

    /**
     * The deadline of the i-th timer: a scrambled (multiplicative hash) spread over
     * [0, {@link Workloads#TIMER_SPREAD}); the other peers compute the same sequence.
     *
     * @param i the timer's index
     * @return its delay in seconds
     */
    static double scrambled(int i) {
        long h = (i * 2654435761L) & 0xFFFFFFFFL;
        return h / 4294967296.0 * Workloads.TIMER_SPREAD;
    }

    @Async
    static Coroutine<Void> timers(int n, Meter.Sample s) {
        s.start();
        List<Task<Void>> all = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            all.add(createTask(sleeper(scrambled(i))));
        }
        for (Task<Void> t : all) {
            await(t);
        }
        s.stop();
        return done();
    }

    @Async
    static Coroutine<Void> onFuture(AsyncFuture<Object> f) {
        await(f);
        return done();
    }

    @Async
    static Coroutine<Void> onLock(Lock lock) {
        try (var held = await(lock.acquire())) {
            return done();
        }
    }

    @Async
    static Coroutine<Void> onQueue(Queue<Object> q) {
        await(q.get());
        return done();
    }

    @Async
    static Coroutine<Void> storms(int storms, Meter.Sample s) {
        EventLoop loop = getRunningLoop();
        s.start();
        for (int k = 0; k < storms; k++) {
            AsyncFuture<Object> f = loop.createFuture();
            Lock lock = new Lock();
            Queue<Object> q = new Queue<>();
            var held = await(lock.acquire());
            List<Task<Void>> all = new ArrayList<>(Workloads.STORM);
            for (int i = 0; i < Workloads.STORM; i++) {
                switch (i % 3) {
                    case 0 -> all.add(createTask(onFuture(f)));
                    case 1 -> all.add(createTask(onLock(lock)));
                    default -> all.add(createTask(onQueue(q)));
                }
            }
            await(sleep(0));
            for (Task<Void> t : all) {
                t.cancel();
            }
            for (Task<Void> t : all) {
                try {
                    await(t);
                } catch (CancelledError expected) {
                    // every task ends cancelled
                }
            }
            held.close();
        }
        s.stop();
        return done();
    }

    static Coroutine<Void> workload(String name, Meter.Sample s, double[] extra) {
        return switch (name) {
            case "sleep0" -> TulipPeerAsync.sleep0(Workloads.SLEEP0, s);
            case "pingpong" -> TulipPeerAsync.pingpong(Workloads.PINGPONG, s);
            case "tasks" -> TulipPeerAsync.tasks(Workloads.TASKS, s);
            case "sleepers" -> TulipPeerAsync.sleepers(Workloads.SLEEPERS, extra);
            case "queue1" -> TulipPeerAsync.queue(1, Workloads.ITEMS, s);
            case "queue1000" -> TulipPeerAsync.queue(1000, Workloads.ITEMS, s);
            case "chain10" -> TulipPeerAsync.chains(Workloads.CHAINS, s);
            case "lock" -> TulipPeerAsync.lock(Workloads.ACQUISITIONS, s);
            case "gather" -> TulipPeerAsync.gathers(Workloads.FANOUTS, s);
            case "taskgroup" -> TulipPeerAsync.groups(Workloads.FANOUTS, s);
            case "timers" -> TulipPeerAsync.timers(Workloads.TIMERS, s);
            case "storm" -> TulipPeerAsync.storms(Workloads.STORMS, s);
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * Runs workloads.
     *
     * @param args the repetitions, then workload names
     */
    public static void main(String[] args) {
        PeerMain.run(args, (name, s, extra) -> run(workload(name, s, extra)));
    }
}
