package dev.tulip;

import static dev.tulip.Script.record;
import static dev.tulip.Script.run;
import static dev.tulip.Script.then;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTest {
    private final EventLoop loop = EventLoop.virtualTime();
    private final Event event = new Event();
    private final List<String> log = new ArrayList<>();

    private Task<Void> waiter(String name) {
        return loop.createTask(Script.named(name, then(event::waitUntilSet), record(name + " ", log)), name);
    }

    @Test
    void setWakesEveryWaiterInOrder() {
        assertFalse(event.isSet());
        waiter("a");
        waiter("b");
        waiter("c");
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(1)), run(() -> {
            assertEquals("<Event [unset, waiters:3]>", event.toString());
            log.add("set");
            event.set();
            assertTrue(event.isSet());
        }), then(() -> Tulip.sleep(0))));
        assertEquals(List.of("set", "a true", "b true", "c true"), log);
        assertEquals("<Event [set]>", event.toString());
    }

    @Test
    void waitingOnASetEventDoesNotSuspend() {
        event.set();
        Task<Void> main = loop.createTask(Script.of(then(event::waitUntilSet), record("main ", log)));
        loop.createTask(Script.of(run(() -> log.add("other"))));
        loop.runUntilComplete(main);
        assertEquals(List.of("main true", "other"), log);
    }

    @Test
    void clearRightAfterSetStillWakesTheWaiters() {
        waiter("a");
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(0)), run(() -> {
            event.set();
            event.clear();
        }), then(() -> Tulip.sleep(0))));
        assertEquals(List.of("a true"), log);
        assertFalse(event.isSet());
        waiter("b");
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(1))));
        assertEquals(List.of("a true"), log, "b waits for the next set()");
        event.set();
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(0))));
        assertEquals(List.of("a true", "b true"), log);
    }

    @Test
    void cancelledWaiterLeavesAndOthersAreWoken() {
        Task<Void> a = waiter("a");
        waiter("b");
        loop.callLater(1, a::cancel);
        loop.callLater(2, event::set);
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(3))));
        assertTrue(a.done());
        assertEquals(List.of("a CancelledError", "b true"), log);
        assertEquals("<Event [set]>", event.toString());
    }

    @Test
    void waitUntilSetIsLazyLikeAPythonCoroutine() {
        event.set();
        Coroutine<Boolean> w = event.waitUntilSet();
        event.clear();
        loop.callLater(1, event::set);
        loop.runUntilComplete(w);
        assertEquals(1.0, loop.time(), "the flag is checked when awaited, not when called");
    }

    @Test
    void anEventWaitedOnInOneLoopCannotBeWaitedOnInAnother() {
        waiter("a");
        loop.callLater(1, event::set);
        loop.runUntilComplete(Script.of(then(() -> Tulip.sleep(2))));
        event.clear();
        EventLoop other = EventLoop.virtualTime();
        Task<Boolean> t = other.createTask(event.waitUntilSet());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.runUntilComplete(t));
        assertTrue(e.getMessage().contains("bound to a different event loop"), e.getMessage());
    }
}
