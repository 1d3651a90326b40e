package dev.tulip.examples.producers;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.Queue;
import dev.tulip.examples.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seed 000, "{@code as_completed} à la rescousse ?": the producer and consumers of {@link QueueHang},
 * run through {@code as_completed}; the first one to finish (or fail) ends {@code main}.
 *
 * <pre>{@code
 * async def main():
 *     queue = asyncio.Queue(3)
 *     producer_ = producer(queue)
 *     consumers = (consumer(queue) for _ in range(3))
 *     for completed in asyncio.as_completed([producer_, *consumers]):
 *         await completed
 *         break
 * }</pre>
 *
 * <p>If all goes well the producer finishes first, when its tenth item fits in the queue; {@code main}
 * returns and {@code run} cancels the consumers, as {@code asyncio.run} does: the items still in the
 * queue are never processed, which is what the seed points out. The example prints how many were left.
 *
 * <p>The seed suggests raising an error in a consumer to see it propagate: the second run uses a
 * consumer that fails on a 0-second item. The failure is the first completion, {@code await completed}
 * raises it, {@code main} fails with it and {@code run} rethrows it (after cancelling the other tasks).
 */
public final class QueueAsCompleted {
    private QueueAsCompleted() {
    }

    /** The seed's consumer, failing on a 0-second item. */
    @Async
    static Coroutine<Void> failingConsumer(Queue<Integer> queue) {
        while (true) {
            try {
                int seconds = await(queue.get());
                if (seconds == 0) {
                    throw new IllegalArgumentException("a consumer cannot wait 0s");
                }
                System.out.println("waiting " + seconds + "s...");
                await(sleep(seconds));
                System.out.println("waiting " + seconds + "s, done");
            } finally {
                queue.taskDone();
            }
        }
    }

    @Async
    static Coroutine<Void> main(Queue<Integer> queue, boolean failing) {
        Coroutine<Void> producer = QueueHang.producer(queue);
        List<Awaitable<Void>> all = new ArrayList<>();
        all.add(producer);
        for (int i = 0; i < 3; i++) {
            all.add(failing ? failingConsumer(queue) : QueueHang.consumer(queue));
        }
        for (Awaitable<Void> completed : asCompleted(all)) {
            await(completed);
            break;
        }
        return done();
    }

    /**
     * Runs the program, then the version with a failing consumer.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void main(boolean virtual) {
        QueueHang.random = new Random(RandomSleeps.SEED);
        Queue<Integer> queue = new Queue<>(3);
        Examples.run(QueueAsCompletedAsync.main(queue, false), virtual);
        System.out.println("# the producer finished first; items left unprocessed in the queue: " + queue.qsize());
        System.out.println("# again, with a consumer that fails on a 0s item");
        QueueHang.random = new Random(RandomSleeps.SEED);
        try {
            Examples.run(QueueAsCompletedAsync.main(new Queue<>(3), true), virtual);
        } catch (IllegalArgumentException e) {
            System.out.println("# main failed with: " + e);
        }
    }
}
