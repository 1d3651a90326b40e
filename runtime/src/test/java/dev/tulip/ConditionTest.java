package dev.tulip;

import static dev.tulip.Script.run;
import static dev.tulip.Script.then;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionTest {
    private final EventLoop loop = EventLoop.virtualTime();
    private final Condition cond = new Condition();
    private final List<String> log = new ArrayList<>();

    /**
     * <pre>{@code
     * @Async Coroutine<Void> waiter(String name) {
     *     try (var held = await(cond.acquire())) {
     *         log.add(name + " waiting");
     *         try {
     *             await(cond.waitNotified());
     *             log.add(name + " notified, locked=" + cond.locked());
     *         } catch (CancelledError e) {
     *             log.add(name + " cancelled, locked=" + cond.locked());
     *             throw e;
     *         }
     *     }
     *     return done();
     * }}</pre>
     */
    private Task<Void> waiter(String name) {
        Held[] held = new Held[1];
        return loop.createTask(Script.named(name,
                then(cond::acquire),
                (h, thrown) -> {
                    if (thrown != null) {
                        throw thrown;
                    }
                    held[0] = (Held) h;
                    log.add(name + " waiting");
                    return cond.waitNotified();
                },
                (v, thrown) -> {
                    log.add(name + (thrown == null ? " notified" : " cancelled") + ", locked=" + cond.locked());
                    held[0].close();
                    if (thrown != null) {
                        throw thrown;
                    }
                    return null;
                }), name);
    }

    /** A task that takes the lock, runs the action, and releases. */
    private Task<Void> withLock(Runnable action) {
        return loop.createTask(Script.of(then(cond::acquire), (h, thrown) -> {
            action.run();
            ((Held) h).close();
            return null;
        }));
    }

    private void settle() {
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(1))));
    }

    @Test
    void waitAndNotifyNeedTheLock() {
        Task<Boolean> t = loop.createTask(cond.waitNotified());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.runUntilComplete(t));
        assertEquals("cannot wait on un-acquired lock", e.getMessage());
        e = assertThrows(IllegalStateException.class, cond::notifyWaiters);
        assertEquals("cannot notify on un-acquired lock", e.getMessage());
        assertThrows(IllegalStateException.class, cond::notifyAllWaiters);
    }

    @Test
    void notifyWakesWaitersInFifoOrderEachWithTheLock() {
        waiter("a");
        waiter("b");
        waiter("c");
        settle();
        assertEquals(List.of("a waiting", "b waiting", "c waiting"), log);
        assertEquals("<Condition [unlocked, waiters:3]>", cond.toString());
        withLock(() -> cond.notifyWaiters());
        settle();
        assertEquals(List.of("a waiting", "b waiting", "c waiting", "a notified, locked=true"), log);
        withLock(() -> cond.notifyWaiters(2));
        settle();
        assertEquals(List.of("a waiting", "b waiting", "c waiting", "a notified, locked=true",
                "b notified, locked=true", "c notified, locked=true"), log);
        assertFalse(cond.locked());
        assertEquals("<Condition [unlocked]>", cond.toString());
    }

    @Test
    void notifyAllWakesEveryone() {
        for (String n : List.of("a", "b", "c")) {
            waiter(n);
        }
        settle();
        withLock(cond::notifyAllWaiters);
        settle();
        assertEquals(List.of("a waiting", "b waiting", "c waiting", "a notified, locked=true",
                "b notified, locked=true", "c notified, locked=true"), log);
    }

    @Test
    void waitForChecksThePredicateWithTheLockHeld() {
        List<Integer> items = new ArrayList<>();
        Held[] held = new Held[1];
        Task<Void> consumer = loop.createTask(Script.of(
                then(cond::acquire),
                (h, thrown) -> {
                    held[0] = (Held) h;
                    return cond.waitFor(() -> {
                        log.add("check " + items + " locked=" + cond.locked());
                        return items.size() >= 2;
                    });
                },
                (v, thrown) -> {
                    log.add("done " + v + " " + items);
                    held[0].close();
                    return null;
                }));
        loop.callLater(1, () -> withLock(() -> {
            items.add(1);
            cond.notifyWaiters();
        }));
        loop.callLater(2, () -> withLock(() -> {
            items.add(2);
            cond.notifyWaiters();
        }));
        loop.runUntilComplete(consumer);
        assertEquals(List.of("check [] locked=true", "check [1] locked=true", "check [1, 2] locked=true",
                "done true [1, 2]"), log);
    }

    @Test
    void cancelledWaiterHoldsTheLockAgainBeforeTheErrorPropagates() {
        Task<Void> a = waiter("a");
        loop.callLater(1, a::cancel);
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(2))));
        assertTrue(a.cancelled());
        assertEquals(List.of("a waiting", "a cancelled, locked=true"), log);
        assertFalse(cond.locked());
    }

    @Test
    void cancellationWhileTakingTheLockBackKeepsTryingThenRaises() {
        Task<Void> a = waiter("a");
        settle();
        // main takes the lock, notifies a, and keeps the lock for 2 seconds; a is cancelled meanwhile,
        // while it waits for the lock.
        Held[] held = new Held[1];
        loop.createTask(Script.of(then(cond::acquire), (h, thrown) -> {
            held[0] = (Held) h;
            cond.notifyWaiters();
            log.add("main notified");
            return Tulip.sleep(2);
        }, run(() -> {
            log.add("main releases");
            held[0].close();
        })));
        loop.callLater(1, () -> {
            a.cancel();
            log.add("a cancel requested");
        });
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(5))));
        assertTrue(a.cancelled());
        assertEquals(List.of("a waiting", "main notified", "a cancel requested", "main releases",
                "a cancelled, locked=true"), log);
        assertFalse(cond.locked());
    }

    @Test
    void notifiedWaiterCancelledBeforeItRunsPassesTheNotificationOn() {
        Task<Void> a = waiter("a");
        waiter("b");
        settle();
        withLock(() -> {
            cond.notifyWaiters(1); // wakes a only...
            a.cancel();            // ...which is cancelled before it runs: b must get the notification
        });
        settle();
        assertTrue(a.cancelled());
        assertEquals(List.of("a waiting", "b waiting", "a cancelled, locked=true", "b notified, locked=true"), log);
        assertFalse(cond.locked());
    }

    @Test
    void conditionsCanShareALock() {
        Lock lock = new Lock();
        Condition c1 = new Condition(lock);
        Condition c2 = new Condition(lock);
        loop.runUntilComplete(Script.of(then(c1::acquire), run(() -> {
            assertTrue(c2.locked());
            assertTrue(lock.locked());
            c2.release();
            assertFalse(c1.locked());
        })));
    }
}
