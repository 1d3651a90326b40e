package dev.tulip.examples.producers;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Awaitable;
import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.Queue;
import dev.tulip.Task;
import dev.tulip.examples.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seed 000, "Et finalement…": the consumers are tasks, so they can be cancelled; {@code main} waits for
 * the producer, then for the queue to be fully processed ({@code queue.join()}), then cancels the
 * consumers, which catch {@code CancelledError} and stop.
 *
 * <pre>{@code
 * async def consumer(queue):
 *     while True:
 *         try:
 *             seconds = await queue.get()
 *             print(f'waiting {seconds}s...')
 *             await asyncio.sleep(seconds)
 *             print(f'waiting {seconds}s, done')
 *         except asyncio.CancelledError:
 *             print("consumer STOP")
 *             return
 *         else:
 *             queue.task_done()
 *
 * async def main():
 *     queue = asyncio.Queue(3)
 *     producer_ = producer(queue)
 *     consumers = [asyncio.create_task(consumer(queue)) for _ in range(3)]
 *     for completed in asyncio.as_completed([producer_, *consumers]):
 *         await completed
 *         break
 *     await queue.join()
 *     for c in consumers:
 *         c.cancel()
 * }</pre>
 *
 * <p>The {@code else} clause (run only when the {@code try} block raised nothing) becomes the statement
 * after the {@code try}. {@code c.cancel()} only requests the cancellation: {@code main} returns at
 * once, and {@code run} (like {@code asyncio.run}) then cancels the tasks left and runs the loop until
 * they are done, so each consumer prints {@code consumer STOP} before {@code run} returns.
 */
public final class QueueJoin {
    private QueueJoin() {
    }

    @Async
    static Coroutine<Void> consumer(Queue<Integer> queue) {
        while (true) {
            try {
                int seconds = await(queue.get());
                System.out.println("waiting " + seconds + "s...");
                await(sleep(seconds));
                System.out.println("waiting " + seconds + "s, done");
            } catch (CancelledError e) {
                System.out.println("consumer STOP");
                return done();
            }
            queue.taskDone();
        }
    }

    @Async
    static Coroutine<Void> main() {
        Queue<Integer> queue = new Queue<>(3);
        Coroutine<Void> producer = QueueHang.producer(queue);
        List<Task<Void>> consumers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            consumers.add(createTask(consumer(queue)));
        }
        List<Awaitable<Void>> all = new ArrayList<>();
        all.add(producer);
        all.addAll(consumers);
        for (Awaitable<Void> completed : asCompleted(all)) {
            await(completed);
            break;
        }
        await(queue.join());
        for (Task<Void> c : consumers) {
            c.cancel();
        }
        return done();
    }

    /**
     * Runs the program.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void main(boolean virtual) {
        QueueHang.random = new Random(RandomSleeps.SEED);
        Examples.run(QueueJoinAsync.main(), virtual);
    }
}
