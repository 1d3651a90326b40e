package dev.tulip;

import static dev.tulip.Script.record;
import static dev.tulip.Script.run;
import static dev.tulip.Script.then;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueTest {
    private final EventLoop loop = EventLoop.virtualTime();
    private final List<String> log = new ArrayList<>();

    private <T> Task<Integer> consumer(Queue<T> q, String name, double work) {
        return loop.createTask(QueueMachines.consume(q, name, work, log), name);
    }

    private <T> Task<Void> producer(Queue<T> q, String name, List<T> items) {
        return loop.createTask(QueueMachines.produce(q, name, items, log), name);
    }

    /** A task that gets one item and logs it (or the exception's name). */
    private <T> Task<Void> getter(Queue<T> q, String name) {
        return loop.createTask(Script.named(name, then(q::get), record(name + " ", log)), name);
    }

    /** A task that puts one item and logs it (or the exception's name). */
    private <T> Task<Void> putter(Queue<T> q, String name, T item) {
        return loop.createTask(Script.named(name, then(() -> q.put(item)),
                (v, thrown) -> {
                    log.add(name + " " + (thrown == null ? "put " + item : thrown.getClass().getSimpleName()));
                    return null;
                }), name);
    }

    private void settle() {
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(1))));
    }

    /** The program of /tmp/pyref/queues.py, whose CPython traces the tests below replay. */
    private void producersAndConsumers(int maxsize, double w1, double w2) {
        Queue<Integer> q = new Queue<>(maxsize);
        List<Task<?>> consumers = new ArrayList<>();
        List<Task<?>> producers = new ArrayList<>();
        loop.runUntilComplete(Script.of(
                run(() -> {
                    consumers.add(consumer(q, "c1", w1));
                    consumers.add(consumer(q, "c2", w2));
                    producers.add(producer(q, "p1", List.of(1, 2, 3)));
                    producers.add(producer(q, "p2", List.of(10, 20)));
                }),
                then(() -> SyncMachines.gatherLike(loop, producers)),
                run(() -> log.add("produced")),
                then(q::join),
                run(() -> {
                    log.add("joined at " + loop.time());
                    consumers.forEach(Task::cancel);
                })));
    }

    @Test
    void producersAndConsumersInterleaveAsInCPythonWithMaxsize1() {
        producersAndConsumers(1, 1, 0.5);
        assertEquals(List.of("p1 put 1", "c1 got 1", "p1 put 2", "c2 got 2", "p2 put 10", "c2 got 10", "p1 put 3",
                "c1 got 3", "p2 put 20", "c2 got 20", "produced", "joined at 2.0"), log);
    }

    @Test
    void producersAndConsumersInterleaveAsInCPythonWithMaxsize1000() {
        producersAndConsumers(1000, 1, 0.5);
        assertEquals(List.of("p1 put 1", "p1 put 2", "p1 put 3", "p2 put 10", "p2 put 20", "c1 got 1", "c2 got 2",
                "produced", "c2 got 3", "c1 got 10", "c2 got 20", "joined at 2.0"), log);
    }

    @Test
    void producersAndConsumersInterleaveAsInCPythonWithMaxsize2AndNoWork() {
        producersAndConsumers(2, 0, 0);
        assertEquals(List.of("p1 put 1", "p1 put 2", "c1 got 1", "c2 got 2", "p1 put 3", "c1 got 3", "p2 put 10",
                "p2 put 20", "c2 got 10", "c1 got 20", "produced", "joined at 0.0"), log);
    }

    @Test
    void sizesAndNowaitOperations() {
        Queue<String> q = new Queue<>(2);
        assertEquals(2, q.maxsize());
        assertTrue(q.empty());
        assertFalse(q.full());
        q.putNowait("a");
        q.putNowait(null);
        assertEquals(2, q.qsize());
        assertTrue(q.full());
        assertThrows(QueueFull.class, () -> q.putNowait("c"));
        assertEquals("<Queue maxsize=2 _queue=['a', null] tasks=2>", q.toString());
        assertEquals("a", q.getNowait());
        assertNull(q.getNowait());
        assertThrows(QueueEmpty.class, q::getNowait);
        Queue<Integer> unbounded = new Queue<>();
        for (int i = 0; i < 10_000; i++) {
            unbounded.putNowait(i);
        }
        assertFalse(unbounded.full());
        assertEquals(0, unbounded.maxsize());
        assertFalse(new Queue<Integer>(-1).full());
    }

    @Test
    void lifoAndPriorityOrders() {
        LifoQueue<Integer> lifo = new LifoQueue<>();
        PriorityQueue<Integer> prio = new PriorityQueue<>();
        PriorityQueue<Integer> reversed = new PriorityQueue<>(Comparator.reverseOrder());
        for (int i : new int[] {3, 1, 4, 1, 5, 9, 2, 6}) {
            lifo.putNowait(i);
            prio.putNowait(i);
            reversed.putNowait(i);
        }
        List<Integer> l = new ArrayList<>();
        List<Integer> p = new ArrayList<>();
        List<Integer> r = new ArrayList<>();
        while (!lifo.empty()) {
            l.add(lifo.getNowait());
            p.add(prio.getNowait());
            r.add(reversed.getNowait());
        }
        assertEquals(List.of(6, 2, 9, 5, 1, 4, 1, 3), l);
        assertEquals(List.of(1, 1, 2, 3, 4, 5, 6, 9), p);
        assertEquals(List.of(9, 6, 5, 4, 3, 2, 1, 1), r);
    }

    @Test
    void priorityQueueBreaksTiesExactlyLikeHeapq() {
        // Items that compare by priority only; the order among equals is heapq's (see queues.py).
        PriorityQueue<String> q = new PriorityQueue<>(Comparator.comparing((String s) -> s.charAt(0)));
        List<String> out = new ArrayList<>();
        for (String s : List.of("3a", "1b", "3c", "1d", "2e", "1f", "3g", "2h", "pop", "pop", "1i", "3j", "2k",
                "pop", "1l")) {
            if (s.equals("pop")) {
                out.add(q.getNowait());
            } else {
                q.putNowait(s);
            }
        }
        assertEquals("<PriorityQueue maxsize=0 _queue=['1i', '1l', '2k', '2e', '3a', '3c', '3g', '3j', '2h'] tasks=12>",
                q.toString());
        while (!q.empty()) {
            out.add(q.getNowait());
        }
        assertEquals(List.of("1b", "1f", "1d", "1i", "1l", "2k", "2e", "2h", "3g", "3c", "3a", "3j"), out);
    }

    @Test
    void priorityQueueRejectsIncomparableItemsAndStaysConsistent() {
        PriorityQueue<Object> q = new PriorityQueue<>();
        q.putNowait(5);
        q.putNowait(3);
        q.putNowait(8);
        assertThrows(ClassCastException.class, () -> q.putNowait("x"));
        assertEquals(3, q.qsize());
        assertEquals(3, q.getNowait());
        assertEquals(5, q.getNowait());
        assertEquals(8, q.getNowait());
    }

    @Test
    void uncontendedPutAndGetDoNotSuspend() {
        Queue<String> q = new Queue<>(1);
        Task<Void> main = loop.createTask(Script.of(
                then(() -> q.put("x")),
                run(() -> log.add("put")),
                then(q::get),
                record("got ", log)));
        loop.createTask(Script.of(run(() -> log.add("other"))));
        loop.runUntilComplete(main);
        assertEquals(List.of("put", "got x", "other"), log);
    }

    @Test
    void putAndGetAreLazyCoroutines() {
        Queue<String> q = new Queue<>();
        Coroutine<Void> put = q.put("x");
        assertTrue(q.empty(), "nothing happens until the coroutine runs");
        loop.runUntilComplete(put);
        assertEquals(1, q.qsize());
        Coroutine<String> get = q.get();
        assertEquals(1, q.qsize());
        assertEquals("x", loop.runUntilComplete(get));
    }

    @Test
    void taskDoneAndJoin() {
        Queue<Integer> q = new Queue<>();
        assertThrows(IllegalStateException.class, q::taskDone);
        Task<Void> joiner = loop.createTask(Script.of(then(q::join), run(() -> log.add("joined at " + loop.time()))));
        settle();
        assertTrue(joiner.done(), "join() on a queue without work returns at once");
        q.putNowait(1);
        q.putNowait(2);
        consumer(q, "c", 1);
        loop.runUntilComplete(Script.of(then(q::join), run(() -> log.add("joined at " + loop.time()))));
        assertEquals(List.of("joined at 0.0", "c got 1", "c got 2", "joined at 3.0"), log);
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertEquals("taskDone() called too many times", e.getMessage());
    }

    @Test
    void getterWokenAndCancelledInTheSameIterationPassesTheItemOn() {
        Queue<String> q = new Queue<>();
        Task<Void> g1 = getter(q, "g1");
        Task<Void> g2 = getter(q, "g2");
        settle();
        loop.runUntilComplete(Script.of(run(() -> {
            q.putNowait("item"); // wakes g1...
            g1.cancel();         // ...which is cancelled before it runs: g2 must get the item
        }), then(() -> Tulip.sleep(1))));
        assertEquals(List.of("g1 CancelledError", "g2 item"), log);
        assertTrue(q.empty());
        assertEquals("<Queue maxsize=0 tasks=1>", q.toString());
    }

    @Test
    void cancelledGetterNeverTakesAnItem() {
        Queue<String> q = new Queue<>();
        Task<Void> g1 = getter(q, "g1");
        getter(q, "g2");
        loop.callLater(1, g1::cancel);
        loop.callLater(2, () -> q.putNowait("a"));
        loop.callLater(2, () -> q.putNowait("b"));
        settle();
        settle();
        settle();
        assertEquals(List.of("g1 CancelledError", "g2 a"), log);
        assertEquals(1, q.qsize());
        assertEquals("b", q.getNowait());
    }

    @Test
    void putterWokenAndCancelledInTheSameIterationPassesTheSlotOn() {
        Queue<String> q = new Queue<>(1);
        q.putNowait("first");
        Task<Void> p1 = putter(q, "p1", "x");
        putter(q, "p2", "y");
        settle();
        assertEquals("<Queue maxsize=1 _queue=['first'] _putters[2] tasks=1>", q.toString());
        loop.runUntilComplete(Script.of(run(() -> {
            assertEquals("first", q.getNowait()); // wakes p1...
            p1.cancel();                          // ...cancelled before it runs: p2 must get the slot
        }), then(() -> Tulip.sleep(1))));
        assertEquals(List.of("p1 CancelledError", "p2 put y"), log);
        assertEquals(1, q.qsize());
        assertEquals("y", q.getNowait());
        assertTrue(q.empty(), "x was never put");
    }

    @Test
    void manyCancellationsNeverLoseOrDuplicateItems() {
        Queue<Integer> q = new Queue<>(3);
        List<Task<Void>> getters = new ArrayList<>();
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int id = i;
            getters.add(loop.createTask(Script.of(then(q::get), (v, thrown) -> {
                if (thrown == null) {
                    got.add((Integer) v);
                }
                return null;
            }), "g" + id));
        }
        List<Integer> put = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            int item = i;
            loop.createTask(Script.of(then(() -> q.put(item)), (v, thrown) -> {
                if (thrown == null) {
                    put.add(item);
                }
                return null;
            }), "p" + item);
        }
        // Cancel every third getter at various points, some right as they are woken.
        for (int i = 0; i < 20; i += 3) {
            Task<Void> g = getters.get(i);
            loop.callSoon(g::cancel);
        }
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(1))));
        List<Integer> left = new ArrayList<>();
        while (!q.empty()) {
            left.add(q.getNowait());
        }
        List<Integer> all = new ArrayList<>(got);
        all.addAll(left);
        all.sort(null);
        List<Integer> expected = new ArrayList<>(put);
        expected.sort(null);
        assertEquals(expected, all, "every item put was got exactly once or is still queued");
    }

    @Test
    void shutdownLetsConsumersDrainThenStopsThem() {
        Queue<Integer> q = new Queue<>();
        q.putNowait(1);
        q.putNowait(2);
        Task<Integer> c = consumer(q, "c", 1);
        Task<Void> idle = getter(new Queue<Integer>(), "idle"); // another queue: not affected
        loop.runUntilComplete(Script.of(run(() -> {
            q.shutdown();
            assertThrows(QueueShutDown.class, () -> q.putNowait(3));
        }), then(() -> q.put(4)), (v, thrown) -> {
            log.add("put after shutdown: " + thrown.getClass().getSimpleName());
            return c;
        }, record("consumed ", log), then(q::join), run(() -> log.add("joined"))));
        assertEquals(List.of("c got 1", "put after shutdown: QueueShutDown", "c got 2", "c shut down", "consumed 2",
                "joined"), log);
        assertThrows(QueueShutDown.class, q::getNowait);
        assertFalse(idle.done());
        assertTrue(q.toString().endsWith(" shutdown>"), q.toString());
    }

    @Test
    void shutdownWakesWaitingGettersAndPutters() {
        Queue<String> empty = new Queue<>();
        getter(empty, "g1");
        getter(empty, "g2");
        Queue<String> full = new Queue<>(1);
        full.putNowait("x");
        putter(full, "p1", "y");
        settle();
        loop.runUntilComplete(Script.of(run(() -> {
            empty.shutdown();
            full.shutdown();
        }), then(() -> Tulip.sleep(1))));
        assertEquals(List.of("g1 QueueShutDown", "g2 QueueShutDown", "p1 QueueShutDown"), log);
        assertEquals("x", full.getNowait(), "a plain shutdown keeps the items");
    }

    @Test
    void immediateShutdownDropsItemsAndReleasesJoin() {
        Queue<String> q = new Queue<>(2);
        q.putNowait("a");
        q.putNowait("b");
        putter(q, "p", "c");
        Task<Void> joiner = loop.createTask(Script.of(then(q::join), run(() -> log.add("joined"))));
        settle();
        loop.runUntilComplete(Script.of(run(() -> q.shutdown(true)), then(() -> Tulip.sleep(1))));
        assertTrue(joiner.done());
        assertEquals(List.of("joined", "p QueueShutDown"), log, "join is released first, then the waiters");
        assertTrue(q.empty());
        getter(q, "g");
        settle();
        assertEquals(List.of("joined", "p QueueShutDown", "g QueueShutDown"), log);
    }

    @Test
    void immediateShutdownKeepsCountingItemsAlreadyTaken() {
        Queue<String> q = new Queue<>();
        q.putNowait("a");
        q.putNowait("b");
        assertEquals("a", q.getNowait()); // taken, not yet done
        q.shutdown(true);                  // drops b
        Task<Void> joiner = loop.createTask(Script.of(then(q::join), run(() -> log.add("joined"))));
        settle();
        assertFalse(joiner.done(), "a is still being processed");
        q.taskDone();
        settle();
        assertEquals(List.of("joined"), log);
    }

    /** put/get with room complete inline and are pooled: a second await of the same one is still an error. */
    @Test
    void inlinePutAndGetStayLazyAndRunOnce() {
        Queue<Integer> q = new Queue<>(3);
        List<Object> seen = new ArrayList<>();
        Coroutine<?>[] held = new Coroutine<?>[3];
        loop.runUntilComplete(Script.of(
                run(() -> {
                    held[0] = q.put(1);
                    held[1] = q.put(2);
                    seen.add(q.qsize()); // lazy: nothing put yet
                }),
                then(() -> held[1]),
                then(() -> held[0]),
                run(() -> seen.add(q.toString())),
                then(() -> held[0]),
                (v, thrown) -> {
                    seen.add(thrown == null ? "no error" : thrown.getClass().getSimpleName());
                    held[2] = q.put(3);
                    return null;
                },
                then(() -> held[2]),
                then(q::get),
                (v, thrown) -> {
                    seen.add(v);
                    return null;
                },
                then(q::get),
                (v, thrown) -> {
                    seen.add(v);
                    return null;
                },
                then(q::get),
                (v, thrown) -> {
                    seen.add(v);
                    seen.add(q.qsize());
                    return null;
                }));
        assertEquals(List.of(0, "<Queue maxsize=3 _queue=[2, 1] tasks=2>", "IllegalStateException", 2, 1, 3, 0), seen);
        assertTrue(held[0] != held[1], "two puts handed out before either is awaited are distinct");
    }
}
