package dev.tulip.examples.lecture;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Queue;

/**
 * Seed 004 (the lecture script), "synchronisation avec une queue": on an event loop of our own
 * ({@code asyncio.new_event_loop()}), a writer emits a message every second through a {@code Queue}
 * and a consumer reacts to each one.
 *
 * <pre>{@code
 * loop = asyncio.new_event_loop()
 * queue = Queue()
 *
 * async def writer(queue, n):
 *     for count in range(1, n + 1):
 *         await queue.put(f'tick{count}')
 *         await asyncio.sleep(1)
 *
 * async def consumer(queue, n):
 *     for _ in range(n):
 *         received = await queue.get()
 *         show_timer(f"got {received}")
 *
 * loop.run_until_complete(asyncio.gather(writer(queue, 5), consumer(queue, 5)))
 * }</pre>
 *
 * <p>The script only names its fragments; this reconstruction follows the course's notebook (its
 * {@code producer}/{@code consumer} pair over a queue, with {@code show_timer}), bounded to five
 * messages so that {@code run_until_complete} returns; {@link RunForever} runs the endless pair. The
 * three {@code await}s the script insists on are there: {@code put} and {@code sleep} in the writer,
 * {@code get} in the consumer. Forgetting one would leave a coroutine object that never runs.
 */
public final class WriterConsumer {
    private WriterConsumer() {
    }

    @Async
    static Coroutine<Void> writer(Queue<String> queue, int n) {
        for (int count = 1; count <= n; count++) {
            await(queue.put("tick" + count));
            await(sleep(1));
        }
        return done();
    }

    @Async
    static Coroutine<Void> consumer(Queue<String> queue, int n, Timer timer) {
        for (int i = 0; i < n; i++) {
            String received = await(queue.get());
            timer.show("got " + received);
        }
        return done();
    }

    @Async
    static Coroutine<Void> main(Queue<String> queue, Timer timer) {
        await(gather(writer(queue, 5), consumer(queue, 5, timer)));
        return done();
    }

    /**
     * Runs the pair on a new loop.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void main(boolean virtual) {
        try (EventLoop loop = virtual ? EventLoop.virtualTime() : new EventLoop()) {
            Queue<String> queue = new Queue<>();
            loop.runUntilComplete(WriterConsumerAsync.main(queue, new Timer(loop)));
        }
    }
}
