package dev.tulip.peers;

import java.util.List;

/**
 * The workloads every peer runs, with their sizes and units: one list that the Tulip, virtual-thread,
 * Kotlin and asyncio programs follow (the asyncio one mirrors it in {@code asyncio_peer.py}).
 */
public final class Workloads {
    private Workloads() {
    }

    /**
     * One workload.
     *
     * @param name the name on result lines
     * @param title what the table calls it
     * @param unit the unit of the figure
     * @param ops the operations one repetition runs
     * @param higherIsBetter whether a larger figure is better (throughput) or a smaller one (time, bytes)
     * @param runtime whether the row measures the runtime (false for the nested-await row, which measures
     *     the code the processor generates)
     */
    public record Workload(String name, String title, String unit, int ops, boolean higherIsBetter, boolean runtime) {
    }

    /** Resumptions of one task awaiting {@code sleep(0)} ({@code yield()}, {@code Thread.yield()}). */
    public static final int SLEEP0 = 3_000_000;
    /** Round trips of a ball between two tasks through two size-1 queues. */
    public static final int PINGPONG = 500_000;
    /** Tasks created, then awaited one by one. */
    public static final int TASKS = 1_000_000;
    /** Tasks sleeping at once for the footprint row. */
    public static final int SLEEPERS = 1_000_000;
    /** Items through a producer/consumer queue. */
    public static final int ITEMS = 2_000_000;
    /** Chains of 10 nested awaits that complete at once. */
    public static final int CHAINS = 1_000_000;
    /** Tasks contending for one lock, each holding it across one {@code sleep(0)}. */
    public static final int LOCKERS = 4;
    /** Lock acquisitions in total. */
    public static final int ACQUISITIONS = 500_000;
    /** Tasks per gather or task group. */
    public static final int FANOUT = 1_000;
    /** Gathers (and task groups) per repetition. */
    public static final int FANOUTS = 300;
    /** Timers (sleeping tasks) with scrambled deadlines. */
    public static final int TIMERS = 1_000_000;
    /** The deadlines of the timers are spread over [0, TIMER_SPREAD) seconds. */
    public static final double TIMER_SPREAD = 0.5;
    /** Tasks cancelled at once in a storm (a third each waiting on a future, a lock and a queue). */
    public static final int STORM = 10_000;
    /** Storms per repetition. */
    public static final int STORMS = 10;

    /** Every workload, in table order. */
    public static final List<Workload> ALL = List.of(
            new Workload("sleep0", "`await(sleep(0))` / `yield()`", "M resumptions/s", SLEEP0, true, true),
            new Workload("pingpong", "ping-pong through two `Queue(1)`", "M round trips/s", PINGPONG, true, true),
            new Workload("tasks", "1M tasks created, then awaited", "s", TASKS, false, true),
            new Workload("sleepers", "heap per sleeping task (1M)", "B/task", SLEEPERS, false, true),
            new Workload("queue1", "producer/consumer, `Queue(1)`", "M items/s", ITEMS, true, true),
            new Workload("queue1000", "producer/consumer, `Queue(1000)`", "M items/s", ITEMS, true, true),
            new Workload("chain10", "chain of 10 nested awaits", "M chains/s", CHAINS, true, false),
            new Workload("lock", "contended `Lock` hand-off (4 tasks)", "M acquisitions/s", ACQUISITIONS, true, true),
            new Workload("gather", "`gather` of 1,000 tasks", "k gathers/s", FANOUTS, true, true),
            new Workload("taskgroup", "`TaskGroup` of 1,000 tasks", "k groups/s", FANOUTS, true, true),
            new Workload("timers", "1M timers, scrambled deadlines", "cpu s", TIMERS, false, true),
            new Workload("storm", "cancellation storm (10,000 tasks)", "M cancels/s", STORMS * STORM, true, true));

    /**
     * The workload of a name.
     *
     * @param name its name
     * @return the workload
     * @throws IllegalArgumentException if there is none
     */
    public static Workload named(String name) {
        for (Workload w : ALL) {
            if (w.name().equals(name)) {
                return w;
            }
        }
        throw new IllegalArgumentException("no workload " + name + "; known: " + ALL.stream().map(Workload::name).toList());
    }

    /**
     * The figure of a repetition in its workload's unit.
     *
     * @param w the workload
     * @param ops operations run
     * @param wallNanos wall time
     * @param cpuNanos CPU time
     * @return the figure
     */
    public static double figure(Workload w, long ops, long wallNanos, long cpuNanos) {
        return switch (w.name()) {
            case "tasks" -> wallNanos / 1e9;
            case "timers" -> cpuNanos / 1e9;
            case "gather", "taskgroup" -> ops / (wallNanos / 1e9) / 1e3;
            default -> ops / (wallNanos / 1e9) / 1e6;
        };
    }

    /**
     * Whether {@code a} is a better figure than {@code b} for a workload.
     *
     * @param w the workload
     * @param a a figure
     * @param b another
     * @return true if a is better
     */
    public static boolean better(Workload w, double a, double b) {
        return w.higherIsBetter() ? a > b : a < b;
    }
}
