package dev.tulip.examples;

import dev.tulip.Awaitable;
import dev.tulip.Tulip;
import dev.tulip.examples.fastfood.FastFood;
import dev.tulip.examples.fastfood.NaiveFastFood;
import dev.tulip.examples.fastfood.Study;
import dev.tulip.examples.handmade.CancelSubtask;
import dev.tulip.examples.handmade.EnsureFutureSubtask;
import dev.tulip.examples.handmade.GeneratorsOnAsyncio;
import dev.tulip.examples.handmade.HandMadeLoop;
import dev.tulip.examples.handmade.HandMadeTask;
import dev.tulip.examples.handmade.RoundRobin;
import dev.tulip.examples.handmade.TicTac;
import dev.tulip.examples.handmade.YieldFromSubtask;
import dev.tulip.examples.handmade.ZombieSubtask;
import dev.tulip.examples.io.EchoStreams;
import dev.tulip.examples.lecture.Famine;
import dev.tulip.examples.lecture.Morceaux;
import dev.tulip.examples.lecture.RunForever;
import dev.tulip.examples.lecture.WriterConsumer;
import dev.tulip.examples.notebook.AsyncDwarfs;
import dev.tulip.examples.notebook.Awaitables;
import dev.tulip.examples.notebook.Dwarfs;
import dev.tulip.examples.notebook.Downloads;
import dev.tulip.examples.notebook.DownloadsAiohttp;
import dev.tulip.examples.notebook.DwarfsYieldFrom;
import dev.tulip.examples.notebook.GatherOrder;
import dev.tulip.examples.notebook.InExecutor;
import dev.tulip.examples.notebook.SayAfter;
import dev.tulip.examples.notebook.Talk;
import dev.tulip.examples.producers.QueueAsCompleted;
import dev.tulip.examples.producers.QueueHang;
import dev.tulip.examples.producers.QueueJoin;
import dev.tulip.examples.producers.RandomSleeps;
import dev.tulip.examples.producers.SemaphoreSleeps;
import dev.tulip.examples.python34.UnboundedQueue;
import dev.tulip.examples.python34.UnboundedQueueGenerators;
import dev.tulip.examples.python34.WebSocketCounter;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs the examples by name: {@code mvn -q -pl examples exec:java -Dexample=fastfood}. Every example
 * runs on virtual time (instant, deterministic) unless {@code --real-time} is given; {@code list} lists
 * them. {@code docs/examples.md} maps each one to the seed program it ports.
 */
public final class Examples {
    /** An example: its seed, what it shows, and how to run it. */
    private record Example(String seed, String description, Consumer<Boolean> main) {
    }

    private static final Map<String, Example> EXAMPLES = new LinkedHashMap<>();

    static {
        // seed 000: producers and consumers
        add("random_sleeps", "000", "gather of 10 random sleeps", RandomSleeps::main);
        add("semaphore_sleeps", "000", "the same, at most 3 at a time (Semaphore(3))", SemaphoreSleeps::main);
        add("queue_hang", "000", "Queue(3), a producer and 3 consumers under gather: never ends (timeout)",
                QueueHang::main);
        add("queue_as_completed", "000", "asCompleted: stop at the first to finish, or at the first error",
                QueueAsCompleted::main);
        add("queue_join", "000", "consumers as tasks, queue.join(), then cancel() caught as CancelledError",
                QueueJoin::main);
        // seed 001: how asyncio works inside, with generators, a hand-made Task and Loop
        add("tic_tac", "001", "a generator driven by next() until StopIteration carries its return value",
                TicTac::main);
        add("hand_made_task", "001", "the hand-made Task: NEW, RUNNING, FINISHED (and ERROR)", HandMadeTask::main);
        add("round_robin", "001", "two tic_tac tasks in a deque, run in turn: their output interleaves",
                RoundRobin::main);
        add("hand_made_loop", "001", "the hand-made Loop: schedule, runUntilEmpty, runUntilComplete",
                HandMadeLoop::main);
        add("generators_on_asyncio", "001", "the same coroutines on Tulip's loop: runUntilComplete, Tulip.wait",
                GeneratorsOnAsyncio::main);
        add("yield_from_subtask", "001", "a sequential call: example delegates to subtask with yieldFrom",
                YieldFromSubtask::main);
        add("ensure_future_subtask", "001", "a concurrent call: ensureFuture(subtask()) on the default Loop",
                EnsureFutureSubtask::main);
        add("zombie_subtask", "001", "a subtask that outlives example, finished by runUntilEmpty",
                ZombieSubtask::main);
        add("cancel_subtask", "001", "the CANCELLED status and a cancel(task) coroutine", CancelSubtask::main);
        // seed 001: the fast-food server
        add("fastfood_naive", "001", "the fast-food server without constraints: 2 clients in 4 s",
                NaiveFastFood::main);
        add("fastfood_two_clients", "001", "soda Lock, 3 cooks Semaphore(3), fries batch under a Lock: 2 clients",
                FastFood::twoClients);
        add("fastfood", "001", "10 clients at once, then perfTest at 1 and 2 clients per second", FastFood::main);
        add("fastfood_study", "001", "the optimisation exercise: cheapest kitchen for 2 clients/s within 5 s",
                Study::main);
        // seed 002: coroutines from generators to async/await
        add("dwarfs", "002", "a generator: nothing runs until next(), then it pauses at each yield",
                Dwarfs::main);
        add("talk", "002", "a generator that receives with send(); a send to a new generator fails",
                Talk::main);
        add("talk_primed", "002", "the priming decorator: talk().primed() is ready for send()", Talk::primed);
        add("dwarfs_yield_from", "002", "yieldFrom a list; what is sent goes through yieldFrom to the delegate",
                DwarfsYieldFrom::main);
        add("say_after", "002", "say_after: asyncio.run, sequential awaits, then two tasks", SayAfter::main);
        add("awaitables", "002", "the three awaitables: a coroutine, a task, a future", Awaitables::main);
        add("in_executor", "002", "a blocking call through runInExecutor and toThread", InExecutor::main);
        add("gather_order", "002", "gather's results come in argument order, whatever finishes first",
                GatherOrder::main);
        add("async_dwarfs", "002", "an asynchronous generator, iterated by a for-each in an @Async method",
                AsyncDwarfs::main);
        add("async_comprehensions", "002", "collect(dwarfs()) and collect(dwarfs(), filter)",
                AsyncDwarfs::comprehensions);
        add("downloads", "002", "10 concurrent downloads: blocking URL.openStream through runInExecutor (real time)",
                Downloads::main);
        add("downloads_aiohttp", "002", "the same with Tulip's ClientSession and asynchronous writes (real time)",
                DownloadsAiohttp::main);
        // seed 003: Python 3.4
        add("websocket_counter", "003", "a WebSocket server counting every second, a client printing 5 counts (real time)",
                WebSocketCounter::main);
        add("websocket_counter_page", "003", "the counter server and its JavaScript page, until Ctrl-C (real time)",
                virtual -> WebSocketCounter.serveForever(new String[0]));
        add("unbounded_queue", "003", "an unbounded Queue: a producer, then a consumer that waits forever",
                UnboundedQueue::main);
        add("unbounded_queue_generators", "003", "the same with generators and yieldFrom, on the hand-made Loop",
                UnboundedQueueGenerators::main);
        // seed 004: the lecture script
        add("morceaux", "004", "a coroutine in three pieces: called without a loop, runUntilComplete, gather",
                Morceaux::main);
        add("famine", "004", "a blocking Thread.sleep in a coroutine starves the others (debug mode warns)",
                Famine::main);
        add("writer_consumer", "004", "a new event loop, a writer and a consumer over a Queue", WriterConsumer::main);
        add("run_forever", "004", "ensureFuture then runForever, stopped cleanly by Ctrl-C", RunForever::main);
        // not from a seed: asyncio's documentation, "TCP echo client and server using streams"
        add("echo_streams", "doc", "a line echo server and its client on Tulip streams, in @Async code",
                EchoStreams::main);
    }

    private Examples() {
    }

    private static void add(String name, String seed, String description, Consumer<Boolean> main) {
        EXAMPLES.put(name, new Example(seed, description, main));
    }

    /**
     * Entry point.
     *
     * @param args an example name (or {@code list}), optionally followed by {@code --real-time}
     */
    public static void main(String[] args) {
        if (args.length == 0 || args[0].equals("list") || !EXAMPLES.containsKey(args[0])) {
            if (args.length > 0 && !args[0].equals("list")) {
                System.out.println("unknown example: " + args[0]);
            }
            list();
            return;
        }
        boolean realTime = Arrays.asList(args).contains("--real-time");
        EXAMPLES.get(args[0]).main().accept(!realTime);
    }

    private static void list() {
        System.out.println("examples (seed, name, what it shows); run one with -Dexample=NAME,"
                + " on real time with -Dexec.args=\"NAME --real-time\":");
        EXAMPLES.forEach((name, e) -> System.out.printf("  %s  %-26s %s%n", e.seed(), name, e.description()));
    }

    /**
     * Runs a coroutine to completion on a fresh loop, virtual or real.
     *
     * @param main the coroutine (or any awaitable) to run
     * @param virtual true for virtual time
     * @param <T> its result type
     * @return its result
     */
    public static <T> T run(Awaitable<T> main, boolean virtual) {
        return virtual ? Tulip.runVirtual(main) : Tulip.run(main);
    }

    /**
     * The names of all examples, in the order {@code list} prints them.
     *
     * @return the names
     */
    public static Iterable<String> names() {
        return Collections.unmodifiableSet(EXAMPLES.keySet());
    }
}
