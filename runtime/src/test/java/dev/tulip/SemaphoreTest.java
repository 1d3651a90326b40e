package dev.tulip;

import static dev.tulip.Script.run;
import static dev.tulip.Script.then;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SemaphoreTest {
    private final EventLoop loop = EventLoop.virtualTime();
    private final List<String> log = new ArrayList<>();

    private Task<Void> worker(Semaphore sem, String name, double hold) {
        return loop.createTask(SyncMachines.critical(sem::acquire, name, hold, log), name);
    }

    /** A task that acquires (without releasing) and logs it. */
    private Task<Void> taker(Semaphore sem, String name) {
        return loop.createTask(Script.named(name, then(sem::acquire), run(() -> log.add(name + " acquired"))), name);
    }

    @Test
    void negativeValueIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
    }

    @Test
    void countsPermits() {
        Semaphore sem = new Semaphore(2);
        assertEquals("<Semaphore [unlocked, value:2]>", sem.toString());
        loop.runUntilComplete(Script.of(run(() -> {
            Awaitable<Held> a = sem.acquire();
            assertTrue(((AsyncFuture<?>) a).done());
            assertSame(a, sem.acquire(), "the done awaitable is reused");
            assertTrue(sem.locked());
            assertEquals(0, sem.value());
            assertInstanceOf(Coroutine.class, sem.acquire());
            sem.release();
            assertFalse(sem.locked());
            sem.release();
            assertEquals(2, sem.value());
        })));
        assertEquals(new Semaphore().value(), 1);
    }

    @Test
    void limitsConcurrencyAndServesWaitersInFifoOrder() {
        Semaphore sem = new Semaphore(2);
        for (String n : List.of("a", "b", "c", "d", "e")) {
            worker(sem, n, 1);
        }
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(10))));
        assertEquals(List.of("a in", "b in", "a out", "b out", "c in", "d in", "c out", "d out", "e in", "e out"), log);
        assertEquals(2, sem.value());
        assertEquals("<Semaphore [unlocked, value:2]>", sem.toString());
    }

    @Test
    void newcomerDoesNotBargeWhileOthersWait() {
        // gh-90155: with value 0 and a waiter, release() hands the permit to the waiter; a task asking in
        // the same iteration must queue, even though the waiter has not run yet.
        Semaphore sem = new Semaphore(0);
        taker(sem, "a");
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(0)), run(() -> {
            sem.release();
            assertTrue(sem.locked(), "the permit belongs to the woken waiter");
            assertEquals(0, sem.value());
            taker(sem, "b");
        }), then(() -> Tulip.sleep(1))));
        assertEquals(List.of("a acquired"), log);
        assertEquals("<Semaphore [locked, waiters:1]>", sem.toString());
        sem.release();
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(1))));
        assertEquals(List.of("a acquired", "b acquired"), log);
    }

    @Test
    void waiterCancelledAfterBeingHandedAPermitGivesItToTheNext() {
        Semaphore sem = new Semaphore(0);
        Task<Void> t1 = taker(sem, "t1");
        Task<Void> t2 = taker(sem, "t2");
        Task<Void> t3 = taker(sem, "t3");
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(0)), run(() -> {
            sem.release();
            sem.release();
            t1.cancel(); // t1 was woken with a permit but will not run: its permit must go to t3
        }), then(() -> Tulip.sleep(1))));
        assertTrue(t1.cancelled());
        assertTrue(t2.done() && !t2.cancelled());
        assertTrue(t3.done() && !t3.cancelled());
        assertEquals(List.of("t2 acquired", "t3 acquired"), log);
        assertEquals(0, sem.value());
        assertEquals("<Semaphore [locked]>", sem.toString());
    }

    @Test
    void waiterCancelledBeforeBeingWokenDoesNotTakeAPermit() {
        Semaphore sem = new Semaphore(0);
        Task<Void> t1 = taker(sem, "t1");
        Task<Void> t2 = taker(sem, "t2");
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(0)), run(() -> {
            t1.cancel();
            sem.release();
        }), then(() -> Tulip.sleep(1))));
        assertTrue(t1.cancelled());
        assertEquals(List.of("t2 acquired"), log);
        assertEquals(0, sem.value());
        assertFalse(t2.cancelled());
    }

    @Test
    void cancellingEveryWaiterLeavesAllPermits() {
        Semaphore sem = new Semaphore(1);
        Task<Void> a = worker(sem, "a", 1);
        List<Task<Void>> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            waiters.add(worker(sem, "w" + i, 1));
        }
        loop.callLater(0.5, () -> {
            waiters.get(1).cancel();
            waiters.get(3).cancel();
        });
        loop.callLater(1, () -> waiters.get(0).cancel()); // the head waiter, just before a releases
        loop.runUntilComplete(SyncMachines.awaitEach(waiters));
        assertTrue(a.done());
        assertEquals(List.of("a in", "a out", "w2 in", "w2 out"), log);
        assertEquals(1, sem.value());
        assertFalse(sem.locked());
    }

    @Test
    void severalReleasesWakeSeveralWaitersInOrder() {
        Semaphore sem = new Semaphore(0);
        for (String n : List.of("a", "b", "c")) {
            taker(sem, n);
        }
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(0)), run(() -> {
            sem.release();
            sem.release();
            sem.release();
        }), then(() -> Tulip.sleep(0))));
        assertEquals(List.of("a acquired", "b acquired", "c acquired"), log);
        assertEquals(0, sem.value());
    }

    @Test
    void boundedSemaphoreRefusesExtraReleases() {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertEquals("BoundedSemaphore released too many times", e.getMessage());
        loop.runUntilComplete(Script.of(then(sem::acquire), (permit, thrown) -> {
            ((Held) permit).close();
            assertThrows(IllegalStateException.class, ((Held) permit)::close);
            return null;
        }));
        assertEquals(2, sem.value());
        assertEquals("<BoundedSemaphore [unlocked, value:2]>", sem.toString());
        worker(sem, "a", 1);
        worker(sem, "b", 1);
        loop.runUntilComplete(worker(sem, "c", 1));
        assertEquals(List.of("a in", "b in", "a out", "b out", "c in", "c out"), log);
        assertEquals(2, sem.value());
    }
}
