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

class LockTest {
    private final EventLoop loop = EventLoop.virtualTime();
    private final Lock lock = new Lock();
    private final List<String> log = new ArrayList<>();

    private Task<Void> worker(String name, double hold) {
        return loop.createTask(SyncMachines.critical(lock::acquire, name, hold, log), name);
    }

    @Test
    void uncontendedAcquireIsAlreadyDoneAndAllocatesNothing() {
        List<Object> seen = new ArrayList<>();
        loop.runUntilComplete(Script.of(run(() -> {
            Awaitable<Held> first = lock.acquire();
            assertInstanceOf(AsyncFuture.class, first);
            assertTrue(((AsyncFuture<?>) first).done());
            assertTrue(lock.locked());
            lock.release();
            Awaitable<Held> second = lock.acquire();
            assertSame(first, second, "the done awaitable is reused");
            assertInstanceOf(Coroutine.class, lock.acquire(), "a contended acquire is a coroutine that waits");
            assertTrue(lock.locked());
            lock.release();
            seen.add(second);
        })));
        assertEquals(1, seen.size());
    }

    @Test
    void acquireDoesNotSuspendWhenFree() {
        Task<Void> main = loop.createTask(Script.of(
                run(() -> log.add("start")),
                then(lock::acquire),
                (held, thrown) -> {
                    log.add("acquired");
                    ((Held) held).close();
                    return null;
                }));
        loop.createTask(Script.of(run(() -> log.add("other"))));
        loop.runUntilComplete(main);
        assertEquals(List.of("start", "acquired", "other"), log);
    }

    @Test
    void releaseOfUnlockedLockFails() {
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("Lock is not acquired.", e.getMessage());
    }

    @Test
    void heldTokenReleasesOnce() {
        loop.runUntilComplete(Script.of(then(lock::acquire), (held, thrown) -> {
            Held h = (Held) held;
            assertTrue(lock.locked());
            h.close();
            assertFalse(lock.locked());
            assertThrows(IllegalStateException.class, h::close);
            return null;
        }));
    }

    @Test
    void waitersGetTheLockInFifoOrder() {
        worker("a", 1);
        worker("b", 1);
        worker("c", 1);
        Task<Void> d = worker("d", 1);
        loop.runUntilComplete(d);
        assertEquals(List.of("a in", "a out", "b in", "b out", "c in", "c out", "d in", "d out"), log);
        assertEquals(4.0, loop.time());
        assertFalse(lock.locked());
        assertEquals("<Lock [unlocked]>", lock.toString());
    }

    @Test
    void newcomerDoesNotBargeAheadOfAWokenWaiter() {
        // a holds the lock; b waits. a releases, and in the same step c asks for the lock: b was woken
        // (not yet running), so c must queue behind it even though the lock is momentarily free.
        List<Object> cAcquire = new ArrayList<>();
        loop.createTask(Script.of(then(lock::acquire), then(() -> Tulip.sleep(1)), run(() -> {
            lock.release();
            assertFalse(lock.locked());
            log.add("a released");
            Awaitable<Held> c = lock.acquire();
            cAcquire.add(c);
            loop.createTask(Script.of(then(() -> c), run(() -> {
                log.add("c in");
                lock.release();
            })));
        })));
        Task<Void> b = worker("b", 0.5);
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(5))));
        assertInstanceOf(Coroutine.class, cAcquire.get(0), "contended acquire must wait");
        assertEquals(List.of("a released", "b in", "b out", "c in"), log);
        assertTrue(b.done());
        assertFalse(lock.locked());
    }

    @Test
    void cancelledWaiterLeavesTheQueue() {
        Task<Void> a = worker("a", 2);
        Task<Void> b = worker("b", 1);
        Task<Void> c = worker("c", 1);
        loop.callLater(1, () -> {
            assertEquals("<Lock [locked, waiters:2]>", lock.toString());
            b.cancel();
            assertEquals("<Lock [locked, waiters:1]>", lock.toString(), "a cancelled waiter leaves at once");
        });
        loop.runUntilComplete(c);
        assertTrue(b.cancelled());
        assertTrue(a.done() && !a.cancelled());
        assertEquals(List.of("a in", "a out", "c in", "c out"), log);
        assertEquals(3.0, loop.time());
        assertFalse(lock.locked());
    }

    @Test
    void waiterCancelledRightAfterBeingWokenPassesTheLockOn() {
        // The race of bpo-45997: release() wakes b, and b is cancelled in the same iteration, before it
        // runs. b must not keep the lock, and c must be woken instead.
        List<Task<?>> tasks = new ArrayList<>();
        Task<Void> a = loop.createTask(Script.of(then(lock::acquire), then(() -> Tulip.sleep(1)), run(() -> {
            lock.release();
            tasks.get(0).cancel();
            log.add("a released and cancelled b");
        })));
        tasks.add(worker("b", 1));
        Task<Void> c = worker("c", 1);
        loop.runUntilComplete(c);
        assertTrue(a.done());
        assertTrue(tasks.get(0).cancelled());
        assertEquals(List.of("a released and cancelled b", "c in", "c out"), log);
        assertFalse(lock.locked());
        assertEquals("<Lock [unlocked]>", lock.toString());
    }

    @Test
    void cancellingTheHolderWhileItSleepsReleasesThroughTheToken() {
        Task<Void> a = worker("a", 10);
        Task<Void> b = worker("b", 1);
        loop.callLater(1, a::cancel);
        loop.runUntilComplete(b);
        assertTrue(a.cancelled());
        assertEquals(List.of("a in", "b in", "b out"), log);
        assertEquals(2.0, loop.time());
    }

    @Test
    void cancelAllWaitersThenAcquireAgain() {
        Task<Void> a = worker("a", 1);
        List<Task<Void>> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waiters.add(worker("w" + i, 1));
        }
        loop.callLater(0.5, () -> waiters.forEach(Task::cancel));
        loop.runUntilComplete(a);
        loop.runUntilComplete(SyncMachines.awaitEach(waiters));
        waiters.forEach(w -> assertTrue(w.cancelled()));
        assertFalse(lock.locked());
        loop.runUntilComplete(worker("z", 1));
        assertEquals(List.of("a in", "a out", "z in", "z out"), log);
    }

    @Test
    void acquireOutsideAnyLoop() {
        Awaitable<Held> a = lock.acquire();
        assertTrue(lock.locked());
        Held held = loop.runUntilComplete(a);
        held.close();
        assertFalse(lock.locked());
    }

    @Test
    void contendedUseBindsTheLockToOneLoop() {
        // Uncontended use in several loops is fine (a module-level lock across run() calls)...
        Tulip.run(Script.of(then(lock::acquire), run(lock::release)), EventLoop.virtualTime());
        Tulip.run(Script.of(then(lock::acquire), run(lock::release)), EventLoop.virtualTime());
        // ...the first contended use binds it...
        worker("a", 1);
        loop.runUntilComplete(worker("b", 1));
        // ...and contended use from another loop is refused.
        EventLoop other = EventLoop.virtualTime();
        other.createTask(SyncMachines.critical(lock::acquire, "x", 1, log));
        Task<Void> y = other.createTask(SyncMachines.critical(lock::acquire, "y", 1, log));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.runUntilComplete(y));
        assertTrue(e.getMessage().endsWith("is bound to a different event loop"), e.getMessage());
    }
}
