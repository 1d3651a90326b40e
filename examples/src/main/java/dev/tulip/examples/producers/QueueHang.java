package dev.tulip.examples.producers;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.Queue;
import dev.tulip.TimeoutError;
import dev.tulip.examples.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seed 000, "Produire et consommer" and "C'est bien mais c'est pas top": a producer puts ten random
 * durations into a {@code Queue(3)}, three consumers sleep for them; {@code gather} waits for all four.
 *
 * <pre>{@code
 * async def producer(queue):
 *     for _ in range(10):
 *         seconds = random.randint(0, 5)
 *         await queue.put(seconds)
 *
 * async def consumer(queue):
 *     while True:
 *         try:
 *             seconds = await queue.get()
 *             print(f'waiting {seconds}s...')
 *             await asyncio.sleep(seconds)
 *             print(f'waiting {seconds}s, done')
 *         finally:
 *             queue.task_done()
 *
 * async def main():
 *     queue = asyncio.Queue(3)
 *     producer_ = producer(queue)
 *     consumers = (consumer(queue) for _ in range(3))
 *     await asyncio.gather(producer_, *consumers)
 * }</pre>
 *
 * <p>The program never ends: once the ten items are consumed, the consumers wait for an eleventh that
 * never comes, and the seed had to be killed with Ctrl-C. Here {@code main()} is run under
 * {@link dev.tulip.Tulip#waitFor waitFor(main(), 30)}: after 30 seconds (instantly on virtual time)
 * the wait is cancelled, which cancels the gathering, which cancels the four tasks.
 *
 * <p>That cancellation uncovers a bug of the seed's consumer: a consumer cancelled while waiting in
 * {@code queue.get()} runs its {@code finally} and calls {@code task_done()} for an item it never
 * got. Every item is already done, so that raises ({@code ValueError} in Python, an
 * {@link IllegalStateException} here): the consumer ends with that error instead of being cancelled,
 * the gathering fails with it (as {@code asyncio.gather} does when a child fails rather than being
 * cancelled), and so does {@code waitFor}, since the error is not the cancellation it caused. In
 * Python, Ctrl-C leads to the same error, reported by {@code asyncio.run} as it cancels the tasks
 * left. {@link QueueJoin}, the seed's final version, calls {@code task_done()} only for items it
 * processed.
 */
public final class QueueHang {
    /** How long the example lets the hanging program run. */
    static final double LIMIT = 30;

    static Random random = new Random(RandomSleeps.SEED);

    private QueueHang() {
    }

    @Async
    static Coroutine<Void> producer(Queue<Integer> queue) {
        for (int i = 0; i < 10; i++) {
            int seconds = random.nextInt(6);
            await(queue.put(seconds));
        }
        return done();
    }

    @Async
    static Coroutine<Void> consumer(Queue<Integer> queue) {
        while (true) {
            try {
                int seconds = await(queue.get());
                System.out.println("waiting " + seconds + "s...");
                await(sleep(seconds));
                System.out.println("waiting " + seconds + "s, done");
            } finally {
                queue.taskDone();
            }
        }
    }

    @Async
    static Coroutine<Void> main() {
        Queue<Integer> queue = new Queue<>(3);
        Coroutine<Void> producer = producer(queue);
        List<Awaitable<Void>> all = new ArrayList<>();
        all.add(producer);
        for (int i = 0; i < 3; i++) {
            all.add(consumer(queue));
        }
        await(gather(all));
        return done();
    }

    /**
     * Runs the program for {@link #LIMIT} seconds.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void main(boolean virtual) {
        random = new Random(RandomSleeps.SEED);
        try {
            Examples.run(waitFor(QueueHangAsync.main(), LIMIT), virtual);
        } catch (TimeoutError e) {
            System.out.printf("# still running after %.0f s: cancelled%n", LIMIT);
        } catch (IllegalStateException e) {
            System.out.printf("# still running after %.0f s: the consumers wait forever for an 11th item.%n", LIMIT);
            System.out.println("# Cancelled in queue.get(), each runs its finally: taskDone() for an item it never got:");
            System.out.println("# " + e);
        }
    }
}
