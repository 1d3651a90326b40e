package dev.tulip.examples.fastfood;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.AsyncFuture;
import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.Held;
import dev.tulip.Lock;
import dev.tulip.Semaphore;
import dev.tulip.Tulip;
import dev.tulip.WaitResult;
import dev.tulip.examples.Examples;
import dev.tulip.examples.Timedelta;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 001, section 6 ("Le problème du fast-food"): the fast-food server with its constraints, two
 * clients, ten clients, and the performance test.
 *
 * <pre>{@code
 * SODA_LOCK = asyncio.Lock()
 * async def get_soda(client):
 *     async with SODA_LOCK:
 *         print("    > Remplissage du soda pour {}".format(client))
 *         await asyncio.sleep(1)
 *         print("    < Le soda de {} est prêt".format(client))
 *
 * BURGER_SEM = asyncio.Semaphore(3)
 * async def get_burger(client):
 *     print("    > Commande du burger en cuisine pour {}".format(client))
 *     async with BURGER_SEM:
 *         await asyncio.sleep(3)
 *     print("    < Le burger de {} est prêt".format(client))
 *
 * FRIES_COUNTER = 0
 * FRIES_LOCK = asyncio.Lock()
 * async def get_fries(client):
 *     global FRIES_COUNTER
 *     async with FRIES_LOCK:
 *         print("    > Récupération des frites pour {}".format(client))
 *         if FRIES_COUNTER == 0:
 *             print("   ** Démarrage de la cuisson des frites")
 *             await asyncio.sleep(4)
 *             FRIES_COUNTER = 5
 *             print("   ** Les frites sont cuites")
 *         FRIES_COUNTER -= 1
 *         print("    < Les frites de {} sont prêtes".format(client))
 *
 * async def perf_test(nb_requests, period, timeout):
 *     tasks = []
 *     for idx in range(1, nb_requests + 1):
 *         client_name = "client_{}".format(idx)
 *         tsk = asyncio.ensure_future(serve(client_name))
 *         tasks.append(tsk)
 *         await asyncio.sleep(period)
 *     finished, _ = await asyncio.wait(tasks)
 *     success = set()
 *     for tsk in finished:
 *         if tsk.result().seconds < timeout:
 *             success.add(tsk)
 *     print("{}/{} clients satisfaits".format(len(success), len(finished)))
 * }</pre>
 *
 * ({@code serve} is the one of {@link NaiveFastFood}.) Messages are translated to English.
 *
 * <h2>From module globals to a restaurant object</h2>
 * Python's globals become the fields of a {@code FastFood} instance, one restaurant per run: each run
 * gets a fresh event loop, a lock binds to the loop it is first contended on, and the fries counter
 * starts at 0 as in each of the seed's runs. The equipment is a {@link Kitchen}: the seed's is
 * {@link Kitchen#SEED}; the optimisation {@link Study} tries others. With one soda machine the
 * fountain is the seed's {@link Lock}; with more, a {@link Semaphore} with one permit per machine.
 *
 * <h2>Reproducing the seed's timings: the start order</h2>
 * {@code asyncio.wait([serve(clt) for clt in 'ABCDEFGHIJ'])} starts the ten {@code serve} tasks in the
 * order of a {@code set} of coroutine objects, effectively arbitrary. The order matters: every
 * resource (soda lock, cooks' semaphore, fries lock) serves its waiters first in, first out, and each
 * {@code serve} asks for all three in its first step, so <em>every</em> queue holds the clients in the
 * order their {@code serve} tasks started. With position {@code k} (from 1) in that order, a client gets
 * its soda at {@code k} seconds, its burger at 3 s (k ≤ 3), 6 s (k ≤ 6), 9 s (k ≤ 9) or 12 s, and its fries
 * at 4 s (k ≤ 5, the first batch) or 8 s (the second batch); it is served at the latest of the three.
 * The seed's table (C, D, E in 4 s; F, A in 6 s; G in 8 s; H, B, I in 9 s; J in 12 s) then fixes the
 * order completely:
 * <ul>
 *   <li>J, the only client at 12 s, is 10th (the only burger at 12 s);</li>
 *   <li>H, B, I (9 s) are 7th to 9th: the burgers at 9 s;</li>
 *   <li>C, D, E (4 s) must have their burger at 3 s: 1st to 3rd; F, A, G are then 4th to 6th;</li>
 *   <li>G (8 s) must get the second batch of fries (k ≥ 6) while F and A (6 s) got the first: G is 6th,
 *       F and A 4th and 5th;</li>
 *   <li>ties are printed in queue order (the fries of C, D, E are handed out one after the other at 4 s,
 *       F's burger timer fires before A's...), so the table's order C, D, E / F, A / H, B, I is the start
 *       order within each group.</li>
 * </ul>
 * Hence the start order {@code C D E F A G H B I J}, which {@link #main} passes explicitly (Tulip.wait
 * starts tasks in list order). On virtual time every client is then served exactly when the seed's
 * table says, to the second. Likewise the seed's two-client run printed {@code => Commande passée par B}
 * first: {@link #twoClients} starts B, then A, and reproduces the seed's 17 lines in order, given that
 * each {@code serve} starts its sub-tasks as listed (soda, fries, burger).
 *
 * <h2>The performance test</h2>
 * {@code tsk.result().seconds < timeout} compares whole seconds (a {@code timedelta}'s {@code seconds}
 * truncates); {@link Duration#getSeconds()} truncates the same way, so a client served in 4.9 s is
 * satisfied and one served in 5.0 s is not.
 */
public final class FastFood {
    /** How much a restaurant prints. */
    public enum Verbosity {
        /** Every line, as the seed's two-client runs. */
        ALL,
        /** Only the {@code <=} lines and the perf test's summary: the seed's "sortie filtrée". */
        SERVED,
        /** Nothing: for the optimisation study. */
        SILENT
    }

    /** The start order of the ten clients that reproduces the seed's table: see the class comment. */
    public static final List<String> TEN_CLIENTS = List.of("C", "D", "E", "F", "A", "G", "H", "B", "I", "J");

    private final Kitchen kitchen;
    private final Verbosity verbosity;
    /** SODA_LOCK, with one soda machine. */
    private final Lock sodaLock;
    /** With several soda machines: one permit per machine. */
    private final Semaphore sodaMachines;
    /** BURGER_SEM: one permit per cook. */
    private final Semaphore burgerSem;
    /** FRIES_LOCK. */
    private final Lock friesLock = new Lock();
    /** FRIES_COUNTER: portions left in the fryer. */
    private int friesCounter;

    /**
     * Opens a restaurant.
     *
     * @param kitchen its equipment
     * @param verbosity how much it prints
     */
    public FastFood(Kitchen kitchen, Verbosity verbosity) {
        this.kitchen = kitchen;
        this.verbosity = verbosity;
        this.sodaLock = kitchen.sodaMachines() == 1 ? new Lock() : null;
        this.sodaMachines = kitchen.sodaMachines() == 1 ? null : new Semaphore(kitchen.sodaMachines());
        this.burgerSem = new Semaphore(kitchen.cooks());
    }

    private void detail(String line) {
        if (verbosity == Verbosity.ALL) {
            System.out.println(line);
        }
    }

    private void summary(String line) {
        if (verbosity != Verbosity.SILENT) {
            System.out.println(line);
        }
    }

    /** A soda machine: the seed's lock, or a permit when there are several machines. */
    private Awaitable<Held> sodaMachine() {
        return sodaLock != null ? sodaLock.acquire() : sodaMachines.acquire();
    }

    @Async
    @SuppressWarnings("try")
    Coroutine<Void> getSoda(String client) {
        try (var machine = await(sodaMachine())) {
            // only one task at a time (per machine) runs this block
            detail("    > Filling the soda for " + client);
            await(sleep(1));
            detail("    < " + client + "'s soda is ready");
        }
        return done();
    }

    @Async
    @SuppressWarnings("try")
    Coroutine<Void> getBurger(String client) {
        detail("    > Ordering " + client + "'s burger from the kitchen");
        try (var cook = await(burgerSem.acquire())) {
            await(sleep(3));
        }
        detail("    < " + client + "'s burger is ready");
        return done();
    }

    @Async
    @SuppressWarnings("try")
    Coroutine<Void> getFries(String client) {
        try (var fryer = await(friesLock.acquire())) {
            detail("    > Getting fries for " + client);
            if (friesCounter == 0) {
                detail("   ** Starting to cook the fries");
                await(sleep(4));
                friesCounter = kitchen.fryerBatch();
                detail("   ** The fries are cooked");
            }
            friesCounter -= 1;
            detail("    < " + client + "'s fries are ready");
        }
        return done();
    }

    /**
     * Serves one client: soda, fries and burger are prepared concurrently, each under its constraint.
     *
     * @param client the client's name
     * @return how long the client waited
     */
    @Async
    public Coroutine<Duration> serve(String client) {
        detail("=> Order placed by " + client);
        double startTime = getRunningLoop().time();
        await(Tulip.wait(List.of(getSoda(client), getFries(client), getBurger(client))));
        Duration total = Timedelta.between(startTime, getRunningLoop().time());
        summary("<= " + client + " served in " + Timedelta.format(total));
        return done(total);
    }

    /**
     * Serves clients who all arrive at once: {@code asyncio.wait([serve(clt) for clt in clients])},
     * with the {@code serve} tasks started in the order of the list.
     *
     * @param clients the clients, in the order their {@code serve} tasks start
     * @return when all are served
     */
    @Async
    public Coroutine<Void> serveAll(List<String> clients) {
        List<Coroutine<Duration>> orders = new ArrayList<>();
        for (String client : clients) {
            orders.add(serve(client));
        }
        await(Tulip.wait(orders));
        return done();
    }

    /**
     * Seed 001's {@code perf_test}: starts {@code nbRequests} orders, one every {@code period} seconds,
     * waits for all of them and prints how many clients were served in less than {@code timeout} seconds
     * (whole seconds, as the seed).
     *
     * @param nbRequests the number of clients
     * @param period seconds between two arrivals
     * @param timeout the longest acceptable wait, in seconds
     * @return the number of satisfied clients
     */
    @Async
    public Coroutine<Integer> perfTest(int nbRequests, double period, int timeout) {
        List<AsyncFuture<Duration>> tasks = new ArrayList<>();
        // start nbRequests orders, period seconds apart
        for (int idx = 1; idx <= nbRequests; idx++) {
            String clientName = "client_" + idx;
            AsyncFuture<Duration> tsk = ensureFuture(serve(clientName));
            tasks.add(tsk);
            await(sleep(period));
        }
        WaitResult<Duration> result = await(Tulip.wait(tasks));
        int success = 0;
        for (AsyncFuture<Duration> tsk : result.done()) {
            if (tsk.result().getSeconds() < timeout) {
                success++;
            }
        }
        summary(success + "/" + result.done().size() + " clients satisfied");
        return done(success);
    }

    /**
     * The two-client run of section 6: B and A order at once (B first, as in the seed's run); the soda
     * machine and the fries are taken in turn, and both are still served in 4 seconds.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void twoClients(boolean virtual) {
        FastFood restaurant = new FastFood(Kitchen.SEED, Verbosity.ALL);
        Examples.run(FastFoodAsync.serveAll(restaurant, List.of("B", "A")), virtual);
    }

    /**
     * The demo: ten clients at once (only the {@code <=} lines, as the seed filtered them), then the
     * performance test at one client per second (10/10 satisfied) and at two per second.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void main(boolean virtual) {
        System.out.println("# 10 clients at once, started in the order " + String.join(" ", TEN_CLIENTS));
        Examples.run(FastFoodAsync.serveAll(new FastFood(Kitchen.SEED, Verbosity.SERVED), TEN_CLIENTS), virtual);
        System.out.println("# perfTest(10, 1, 5): one client per second");
        Examples.run(FastFoodAsync.perfTest(new FastFood(Kitchen.SEED, Verbosity.SERVED), 10, 1, 5), virtual);
        System.out.println("# perfTest(10, 0.5, 5): two clients per second");
        Examples.run(FastFoodAsync.perfTest(new FastFood(Kitchen.SEED, Verbosity.SERVED), 10, 0.5, 5), virtual);
    }
}
