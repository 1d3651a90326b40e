package dev.tulip.examples.fastfood;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Tulip;
import dev.tulip.examples.Examples;
import dev.tulip.examples.Timedelta;
import java.time.Duration;
import java.util.List;

/**
 * Seed 001, section 5 ("La syntaxe asynchrone de Python 3.5") and the start of section 6: the fast-food
 * server without any constraint. Two clients are served at once, in 4 seconds each, as if the soda
 * fountain, the fryer and the kitchen could serve any number of orders in parallel.
 *
 * <pre>{@code
 * async def get_soda(client):
 *     print("    > Remplissage du soda pour {}".format(client))
 *     await asyncio.sleep(1)
 *     print("    < Le soda de {} est prêt".format(client))
 *
 * async def get_fries(client):
 *     print("    > Démarrage de la cuisson des frites pour {}".format(client))
 *     await asyncio.sleep(4)
 *     print("    < Les frites de {} sont prêtes".format(client))
 *
 * async def get_burger(client):
 *     print("    > Commande du burger en cuisine pour {}".format(client))
 *     await asyncio.sleep(3)
 *     print("    < Le burger de {} est prêt".format(client))
 *
 * async def serve(client):
 *     print("=> Commande passée par {}".format(client))
 *     start_time = datetime.now()
 *     await asyncio.wait([get_soda(client), get_fries(client), get_burger(client)])
 *     total = datetime.now() - start_time
 *     print("<= {} servi en {}".format(client, total))
 *     return total
 *
 * loop.run_until_complete(asyncio.wait([serve("A"), serve("B")]))
 * }</pre>
 *
 * <p>Messages are translated to English. {@code datetime.now()} becomes the loop's clock, so on
 * virtual time the durations are exact ({@code 0:00:04}) and on real time they carry the loop's
 * overhead ({@code 0:00:04.002609} in the seed).
 *
 * <p>One difference in the order of the lines: Python's {@code asyncio.wait} put its argument in a
 * {@code set}, so the seed's run started A's three sub-tasks as soda, burger, fries and B's as fries,
 * soda, burger (the order of a set of coroutine objects, that is of their addresses). {@link Tulip#wait
 * Tulip.wait} starts them in the order of the list: soda, fries, burger for both clients. Only the
 * order of the three {@code >} lines of each client differs; every completion comes at the same time
 * and in the same order as in the seed.
 */
public final class NaiveFastFood {
    private NaiveFastFood() {
    }

    @Async
    static Coroutine<Void> getSoda(String client) {
        System.out.println("    > Filling the soda for " + client);
        await(sleep(1));
        System.out.println("    < " + client + "'s soda is ready");
        return done();
    }

    @Async
    static Coroutine<Void> getFries(String client) {
        System.out.println("    > Starting the fries for " + client);
        await(sleep(4));
        System.out.println("    < " + client + "'s fries are ready");
        return done();
    }

    @Async
    static Coroutine<Void> getBurger(String client) {
        System.out.println("    > Ordering " + client + "'s burger from the kitchen");
        await(sleep(3));
        System.out.println("    < " + client + "'s burger is ready");
        return done();
    }

    /**
     * Serves one client: the three items are prepared concurrently.
     *
     * @param client the client's name
     * @return how long the client waited
     */
    @Async
    static Coroutine<Duration> serve(String client) {
        System.out.println("=> Order placed by " + client);
        double startTime = getRunningLoop().time();
        await(Tulip.wait(List.of(getSoda(client), getFries(client), getBurger(client))));
        Duration total = Timedelta.between(startTime, getRunningLoop().time());
        System.out.println("<= " + client + " served in " + Timedelta.format(total));
        return done(total);
    }

    /**
     * Serves A and B at once.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void main(boolean virtual) {
        Examples.run(Tulip.wait(List.of(NaiveFastFoodAsync.serve("A"), NaiveFastFoodAsync.serve("B"))), virtual);
    }
}
