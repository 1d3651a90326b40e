package dev.tulip.examples.python34;

import dev.tulip.Generator;
import dev.tulip.Tulip;
import dev.tulip.examples.handmade.Loop;
import dev.tulip.examples.handmade.Task;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Seed 003, "Exemple de communication avec une file d'attente", in the seed's own form: generator-based
 * coroutines that call each other with {@code yield from}, run by a loop that drives generators, the
 * hand-made {@link Loop} of seed 001.
 *
 * <pre>{@code
 * q = asyncio.Queue(maxsize=0)
 *
 * @asyncio.coroutine
 * def producer():
 *     for elem in range(5):
 *         yield from q.put(elem)
 *
 * @asyncio.coroutine
 * def consumer():
 *     while True:
 *         elems = yield from q.get()
 *         print(elems)
 *
 * asyncio.get_event_loop().run_until_complete(producer())
 * asyncio.get_event_loop().run_until_complete(consumer())
 * asyncio.get_event_loop().run_forever()
 * }</pre>
 *
 * <h2>Why this runs on the hand-made loop</h2>
 * In Python 3.4 a coroutine is a generator, {@code yield from} is how it calls another, and the
 * innermost one yields to the loop when it has to wait ({@code q.get()} on an empty queue). Tulip keeps
 * the two apart: its {@link dev.tulip.EventLoop} runs {@code @Async} coroutines, whose waits are
 * {@code await(...)}, and its {@link dev.tulip.Queue}'s {@code put} and {@code get} are awaitables, not
 * generators, so {@code Tulip.yieldFrom(q.get())} cannot be written against it: {@code yieldFrom}
 * delegates to a {@link Generator} or an iterable only, and only inside a {@code @Generator.Method}.
 * The port of this program to Tulip's loop is therefore {@code unbounded_queue}
 * ({@link UnboundedQueue}), where {@code @asyncio.coroutine} and {@code yield from} become
 * {@code @Async} and {@code await}.
 *
 * <p>This example shows the generator form itself: {@code producer}, {@code consumer} and the queue's
 * {@code put} and {@code get} are {@code @Generator.Method}s, {@code yield from} is
 * {@code Tulip.yieldFrom}, and the hand-made {@link Loop} runs them. Its queue, {@link GeneratorQueue},
 * is what {@code asyncio.Queue} is underneath, without the wake-up mechanism that seed 001 leaves out
 * too: {@code get} on an empty queue yields to the loop and looks again on its next turn (asyncio
 * would instead park the consumer on a future until a {@code put}). An unbounded {@code put} never has
 * to wait, so it never yields, as in asyncio.
 *
 * <p>The run is the same as {@code unbounded_queue}'s: the producer fills the queue and finishes (its
 * task is printed by the hand-made loop), then the consumer prints 0 to 4 and waits forever for a sixth
 * element. The second {@code run_until_complete} would never return, polling an empty queue; the
 * example runs the consumer's task for 100 turns of the loop and stops there.
 */
public final class UnboundedQueueGenerators {
    /** How many turns of the loop the example gives the consumer. */
    static final int TURNS = 100;

    private UnboundedQueueGenerators() {
    }

    /**
     * An unbounded queue whose {@code put} and {@code get} are generator-based coroutines.
     *
     * @param <T> the type of the elements
     */
    static final class GeneratorQueue<T> {
        private final Deque<T> items = new ArrayDeque<>();

        /**
         * Adds an element; an unbounded queue is never full, so this never yields.
         *
         * @param item the element
         * @return the generator, to delegate to with {@code Tulip.yieldFrom}
         */
        @Generator.Method
        Generator<Void> put(T item) {
            items.addLast(item);
            return Tulip.doneYielding();
        }

        /**
         * Removes and returns the first element, yielding to the loop as long as there is none.
         *
         * @return the generator, whose return value is the element
         */
        @Generator.Method
        Generator<Void> get() {
            while (items.isEmpty()) {
                Tulip.yield();
            }
            return Tulip.doneYielding(items.removeFirst());
        }
    }

    @Generator.Method
    static Generator<Void> producer(GeneratorQueue<Integer> q) {
        for (int elem = 0; elem < 5; elem++) {
            Tulip.yieldFrom(q.put(elem));
        }
        return Tulip.doneYielding();
    }

    @Generator.Method
    static Generator<Void> consumer(GeneratorQueue<Integer> q) {
        while (true) {
            int elems = Tulip.yieldFrom(q.get());
            System.out.println(elems);
        }
    }

    /**
     * Runs the program on one hand-made loop.
     *
     * @param virtual unused: the hand-made loop has no clock
     */
    public static void main(boolean virtual) {
        GeneratorQueue<Integer> q = new GeneratorQueue<>();
        Loop loop = new Loop();
        loop.runUntilComplete(UnboundedQueueGeneratorsAsync.producer(q));
        // loop.runUntilComplete(consumer(q)) would never return: at most TURNS turns of the loop.
        Task consumer = loop.schedule(UnboundedQueueGeneratorsAsync.consumer(q));
        for (int turn = 0; turn < TURNS && !consumer.isDone(); turn++) {
            loop.loopOnce();
        }
        System.out.printf("# the consumer still waits for a 6th element after %d turns of the loop: stopped;"
                + " run_forever() is never reached%n", TURNS);
    }
}
