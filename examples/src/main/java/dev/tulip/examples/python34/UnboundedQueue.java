package dev.tulip.examples.python34;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Queue;
import dev.tulip.TimeoutError;

/**
 * Seed 003, "Exemple de communication avec une file d'attente": a producer fills an unbounded queue,
 * then a consumer prints what it finds there. Python 3.4's generator-based coroutines
 * ({@code @asyncio.coroutine}, {@code yield from}) are written as {@code @Async} methods.
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
 * <p>{@code maxsize=0} means unbounded, so the producer never waits and is done before the consumer
 * starts. The consumer then prints 0 to 4 and waits forever for a sixth element: the second
 * {@code run_until_complete} never returns, and the {@code run_forever} after it is never reached.
 * The example bounds that wait with {@code waitFor(consumer(), 3)} and says so. (Without the bound, a
 * virtual-time loop would not hang: with no task able to run and no timer left, it raises an
 * {@link IllegalStateException} that reports the deadlock; a real-time loop waits forever.)
 */
public final class UnboundedQueue {
    /** How long the example lets the consumer wait for more. */
    static final double LIMIT = 3;

    private UnboundedQueue() {
    }

    @Async
    static Coroutine<Void> producer(Queue<Integer> q) {
        for (int elem = 0; elem < 5; elem++) {
            await(q.put(elem));
        }
        return done();
    }

    @Async
    static Coroutine<Void> consumer(Queue<Integer> q) {
        while (true) {
            int elems = await(q.get());
            System.out.println(elems);
        }
    }

    /**
     * Runs the program on one loop, as the seed runs everything on {@code get_event_loop()}.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void main(boolean virtual) {
        Queue<Integer> q = new Queue<>(0);
        EventLoop loop = virtual ? EventLoop.virtualTime() : new EventLoop();
        try {
            loop.runUntilComplete(UnboundedQueueAsync.producer(q));
            try {
                loop.runUntilComplete(waitFor(UnboundedQueueAsync.consumer(q), LIMIT));
            } catch (TimeoutError e) {
                System.out.printf("# the consumer still waits for a 6th element after %.0f s: stopped;"
                        + " run_forever() is never reached%n", LIMIT);
            }
        } finally {
            loop.close();
        }
    }
}
