package dev.tulip.examples.fastfood;

import dev.tulip.Tulip;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Seed 001's exercise: the manager wants to serve 2 clients per second, each in less than 5 seconds,
 * and may buy soda machines, hire cooks, or replace the 5-portion fryer by a bigger one. This program
 * tries every kitchen with 1 to 4 soda machines, 3 to 10 cooks and a fryer of 5 to 12 portions (256
 * configurations), runs the performance test on each, on virtual time, and prints the table and the
 * cheapest kitchen that meets the goal. It takes a second or so: each test of 100 clients covers 50
 * seconds of restaurant time, which a virtual-time loop skips.
 *
 * <h2>The goal</h2>
 * "2 clients per second" is a rate to sustain, so the goal is a rush: {@code perfTest(100, 0.5, 5)},
 * 100 clients in 50 seconds, must satisfy all of them; the winner is checked again over 1000 clients.
 * The table also gives the seed's own test, {@code perfTest(10, 0.5, 5)}: a burst of ten is too short to
 * expose a kitchen that is slightly too slow, and its cheapest full pass would fall behind in a rush.
 *
 * <h2>The cost model</h2>
 * The seed prices each change in resources of the service it touches: a second soda machine costs
 * +100% CPU and +100% RAM of the soda service; each cook beyond three, +33% CPU and +33% RAM of the
 * kitchen; the 8-portion fryer, +60% RAM of the fries service. To compare them, the study assumes the
 * three services have the same footprint and weighs CPU and RAM equally: a change costs the sum of its
 * CPU and RAM percentages, in points. So each extra soda machine costs 200 points, each extra cook 66,
 * and the fryer 20 points per portion beyond 5 (60 for 8 portions, extrapolated linearly to the other
 * sizes, RAM only).
 *
 * <h2>The result</h2>
 * Two soda machines, six cooks and an 8-portion fryer (458 points): the solution the seed derives from
 * the rates of each service (2 sodas per second; 6 burgers per 3 seconds; 8 portions per 4 seconds).
 * With one cook fewer, no fryer helps: the kitchen falls behind half a second every six clients, and
 * the seed's closing question (would a 10-portion fryer make up for the sixth cook?) gets its answer
 * in the table: no, 20/100 with any fryer. The seed's 10-client test is passed more cheaply (2 machines,
 * 5 cooks, a 7-portion fryer: 372 points), but that kitchen satisfies 19 clients out of 100 in a rush.
 */
public final class Study {
    /** Seconds between two clients: 2 clients per second. */
    static final double PERIOD = 0.5;
    /** The longest acceptable wait, in seconds. */
    static final int TIMEOUT = 5;
    /** The seed's test: 10 clients. */
    static final int BURST = 10;
    /** The rush that decides: 100 clients, 50 seconds at 2 clients per second. */
    static final int RUSH = 100;
    /** The winner's second check. */
    static final int LONG_RUSH = 1000;

    /** One kitchen tried: its cost and how many clients each test satisfied. */
    record Result(Kitchen kitchen, int cost, int burst, int rush) {
    }

    private Study() {
    }

    /**
     * The cost of a kitchen in points (percent of a service's CPU plus percent of its RAM), relative to
     * the seed's: see the class comment.
     *
     * @param kitchen the equipment
     * @return the cost of the changes; 0 for {@link Kitchen#SEED}
     */
    public static int cost(Kitchen kitchen) {
        int soda = (kitchen.sodaMachines() - 1) * (100 + 100);
        int cooks = (kitchen.cooks() - 3) * (33 + 33);
        int fryer = (kitchen.fryerBatch() - 5) * 60 / 3;
        return soda + cooks + fryer;
    }

    /**
     * Runs {@code perfTest(clients, 0.5, 5)} on a new restaurant, on virtual time, silently.
     *
     * @param kitchen the restaurant's equipment
     * @param clients the number of clients
     * @return how many were served in less than 5 seconds
     */
    public static int satisfied(Kitchen kitchen, int clients) {
        FastFood restaurant = new FastFood(kitchen, FastFood.Verbosity.SILENT);
        return Tulip.runVirtual(FastFoodAsync.perfTest(restaurant, clients, PERIOD, TIMEOUT));
    }

    /**
     * Tries every kitchen.
     *
     * @return the results, by soda machines, then cooks, then fryer size
     */
    public static List<Result> explore() {
        List<Result> results = new ArrayList<>();
        for (int soda = 1; soda <= 4; soda++) {
            for (int cooks = 3; cooks <= 10; cooks++) {
                for (int batch = 5; batch <= 12; batch++) {
                    Kitchen kitchen = new Kitchen(soda, cooks, batch);
                    results.add(new Result(kitchen, cost(kitchen), satisfied(kitchen, BURST), satisfied(kitchen, RUSH)));
                }
            }
        }
        return results;
    }

    /**
     * Runs the study and prints the table and the winner. It always runs on virtual time: on real time
     * each of the 512 tests would take up to a minute.
     *
     * @param virtual ignored (the study needs virtual time)
     */
    public static void main(boolean virtual) {
        if (!virtual) {
            System.out.println("# the study always runs on virtual time");
        }
        List<Result> results = explore();
        System.out.printf("%d kitchens tried. Each cell: clients served in less than %d s in perfTest(%d, %s, %d)"
                + " / perfTest(%d, %s, %d)%n", results.size(), TIMEOUT, BURST, PERIOD, TIMEOUT, RUSH, PERIOD, TIMEOUT);
        for (int soda = 1; soda <= 4; soda++) {
            System.out.println();
            System.out.printf("%d soda machine%s (+%d points)%n", soda, soda > 1 ? "s" : "", cost(new Kitchen(soda, 3, 5)));
            StringBuilder header = new StringBuilder("  cooks \\ fryer");
            for (int batch = 5; batch <= 12; batch++) {
                header.append(String.format("%9d", batch));
            }
            System.out.println(header);
            for (int cooks = 3; cooks <= 10; cooks++) {
                StringBuilder row = new StringBuilder(String.format("  %5d        ", cooks));
                for (Result r : results) {
                    if (r.kitchen().sodaMachines() == soda && r.kitchen().cooks() == cooks) {
                        row.append(String.format("%9s", r.burst() + "/" + r.rush()));
                    }
                }
                System.out.println(row);
            }
        }
        System.out.println();
        Comparator<Result> cheapest = Comparator.comparingInt(Result::cost);
        Result burstWinner = results.stream().filter(r -> r.burst() == BURST).min(cheapest).orElseThrow();
        System.out.printf("Cheapest to pass the seed's perfTest(%d, %s, %d): %s, %d points; in a rush: %d/%d%n",
                BURST, PERIOD, TIMEOUT, burstWinner.kitchen(), burstWinner.cost(), burstWinner.rush(), RUSH);
        Result winner = results.stream().filter(r -> r.rush() == RUSH).min(cheapest).orElseThrow();
        System.out.printf("Cheapest to serve 2 clients per second within %d s: %s, %d points%n", TIMEOUT,
                winner.kitchen(), winner.cost());
        System.out.printf("  check, perfTest(%d, %s, %d): %d/%d clients satisfied%n", LONG_RUSH, PERIOD, TIMEOUT,
                satisfied(winner.kitchen(), LONG_RUSH), LONG_RUSH);
        Kitchen fiveCooks = new Kitchen(winner.kitchen().sodaMachines(), winner.kitchen().cooks() - 1, 10);
        System.out.printf("Without the sixth cook, a 10-portion fryer: %s, %d points: %d/%d in a rush%n", fiveCooks,
                cost(fiveCooks), satisfied(fiveCooks, RUSH), RUSH);
    }
}
