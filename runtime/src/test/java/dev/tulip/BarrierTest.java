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

/** Each scenario's expected trace was produced by the same program on CPython's asyncio.Barrier. */
class BarrierTest {
    private final EventLoop loop = EventLoop.virtualTime();
    private final List<String> log = new ArrayList<>();

    /**
     * <pre>{@code
     * @Async Coroutine<Void> party(Barrier b, String name, int rounds) {
     *     for (int r = 0; r < rounds; r++) {
     *         log.add(name + " arrives");
     *         int i = await(b.arriveAndWait());
     *         log.add(name + " passes " + i);
     *     }
     *     return done();
     * }}</pre>
     */
    private Task<Void> party(Barrier b, String name, int rounds) {
        return loop.createTask(new Coroutine<Void>() {
            private int r;

            @Override
            protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                if (thrown != null) {
                    throw thrown;
                }
                if (state == 1) {
                    log.add(name + " passes " + sent);
                    r++;
                }
                if (r < rounds) {
                    log.add(name + " arrives");
                    state = 1;
                    return b.arriveAndWait();
                }
                state = 2;
                return complete(null);
            }
        }, name);
    }

    /**
     * <pre>{@code
     * @Async Coroutine<Void> p(Barrier b, String name) {
     *     log.add(name + " arrives");
     *     try {
     *         int i = await(b.arriveAndWait());
     *         log.add(name + " passes " + i);
     *     } catch (BrokenBarrierError e) {
     *         log.add(name + " broken: " + e.getMessage());
     *     } catch (CancelledError e) {
     *         log.add(name + " cancelled");
     *         throw e;
     *     }
     *     return done();
     * }}</pre>
     */
    private Task<Void> p(Barrier b, String name) {
        return loop.createTask(Script.named(name, (s, t) -> {
            log.add(name + " arrives");
            return b.arriveAndWait();
        }, (index, thrown) -> {
            if (thrown instanceof BrokenBarrierError) {
                log.add(name + " broken: " + thrown.getMessage());
            } else if (thrown instanceof CancelledError) {
                log.add(name + " cancelled");
                throw thrown;
            } else if (thrown != null) {
                throw thrown;
            } else {
                log.add(name + " passes " + index);
            }
            return null;
        }), name);
    }

    @Test
    void partiesPassTogetherWithDistinctIndexesRoundAfterRound() {
        Barrier b = new Barrier(3);
        List<Task<Void>> ts = List.of(party(b, "a", 2), party(b, "b", 2), party(b, "c", 2));
        loop.runUntilComplete(SyncMachines.awaitEach(ts));
        assertEquals(List.of("a arrives", "b arrives", "c arrives", "c passes 2", "c arrives", "a passes 0",
                "a arrives", "b passes 1", "b arrives", "a passes 2", "b passes 0", "c passes 1"), log);
        assertEquals("<Barrier [filling, waiters:0/3]>", b.toString());
        assertEquals(0.0, loop.time());
    }

    @Test
    void arrivalsWhileDrainingWaitForTheNextRound() {
        Barrier b = new Barrier(2);
        List<Task<Void>> ts = List.of(party(b, "a", 2), party(b, "b", 1), party(b, "c", 1));
        loop.runUntilComplete(SyncMachines.awaitEach(ts));
        assertEquals(List.of("a arrives", "b arrives", "b passes 1", "c arrives", "a passes 0", "a arrives",
                "c passes 1", "a passes 0"), log);
    }

    @Test
    void abortBreaksWaitersAndArrivalsUntilReset() {
        Barrier b = new Barrier(3);
        List<Task<Void>> xyz = new ArrayList<>();
        loop.runUntilComplete(Script.of(
                run(() -> {
                    p(b, "a");
                    p(b, "b");
                }),
                then(() -> Tulip.sleep(1)),
                run(() -> {
                    log.add("n_waiting " + b.nWaiting());
                    b.abort();
                }),
                then(() -> Tulip.sleep(0)),
                then(() -> Tulip.sleep(0)),
                run(() -> p(b, "c")),
                then(() -> Tulip.sleep(1)),
                run(() -> {
                    log.add("broken " + b.broken());
                    b.reset();
                    log.add("broken " + b.broken() + " " + b.nWaiting());
                    for (String n : List.of("x", "y", "z")) {
                        xyz.add(p(b, n));
                    }
                }),
                then(() -> SyncMachines.awaitEach(xyz))));
        assertEquals(List.of("a arrives", "b arrives", "n_waiting 2", "a broken: Abort or reset of barrier",
                "b broken: Abort or reset of barrier", "c arrives", "c broken: Barrier aborted", "broken true",
                "broken false 0", "x arrives", "y arrives", "z arrives", "z passes 2", "x passes 0", "y passes 1"),
                log);
    }

    @Test
    void resetBreaksWaitersAndCancellationOnlyLeaves() {
        Barrier b = new Barrier(3);
        List<Task<Void>> rest = new ArrayList<>();
        Task<?>[] b2 = new Task<?>[1];
        loop.runUntilComplete(Script.of(
                run(() -> {
                    p(b, "a");
                    p(b, "b");
                }),
                then(() -> Tulip.sleep(1)),
                run(b::reset),
                then(() -> Tulip.sleep(1)),
                run(() -> {
                    log.add("after reset " + b);
                    rest.add(p(b, "a2"));
                    b2[0] = p(b, "b2");
                }),
                then(() -> Tulip.sleep(1)),
                run(() -> b2[0].cancel()),
                then(() -> Tulip.sleep(1)),
                run(() -> {
                    log.add("after cancel n_waiting=" + b.nWaiting() + " broken=" + b.broken());
                    rest.add(p(b, "c2"));
                    rest.add(p(b, "d2"));
                }),
                then(() -> SyncMachines.awaitEach(rest))));
        assertTrue(b2[0].cancelled());
        assertEquals(List.of("a arrives", "b arrives", "a broken: Abort or reset of barrier",
                "b broken: Abort or reset of barrier", "after reset <Barrier [filling, waiters:0/3]>", "a2 arrives",
                "b2 arrives", "b2 cancelled", "after cancel n_waiting=1 broken=false", "c2 arrives", "d2 arrives",
                "d2 passes 2", "a2 passes 0", "c2 passes 1"), log);
    }

    @Test
    void oneParty() {
        Barrier b = new Barrier(1);
        assertEquals(0, Tulip.run(b.arriveAndWait(), EventLoop.virtualTime()));
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertEquals(1, b.parties());
        assertFalse(b.broken());
        b.abort();
        assertEquals("<Barrier [broken]>", b.toString());
    }
}
