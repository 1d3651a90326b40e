package dev.tulip.examples.notebook;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.AsyncFuture;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.examples.Examples;

/**
 * Seed 002, section 2.3 ("Les awaitables"): {@code await} takes a coroutine, a task or a future. The
 * seed names the three without a program of its own; this one awaits one of each, after the
 * python.org page the seed quotes.
 *
 * <pre>{@code
 * async def nested():
 *     return 42
 *
 * async def main():
 *     print(await nested())                   # a coroutine
 *     task = asyncio.create_task(nested())
 *     print(await task)                       # a task
 *     loop = asyncio.get_running_loop()
 *     future = loop.create_future()
 *     loop.call_later(1, future.set_result, 'set by a callback after 1 s')
 *     print(await future)                     # a future
 * }</pre>
 *
 * <p>A coroutine awaited directly runs inside the awaiting task, without a trip through the loop; a
 * task runs on its own and {@code await} waits for its result; a future is completed by whoever holds
 * it (here a timer callback). In Tulip the three are {@link Coroutine}, {@link Task} and
 * {@link AsyncFuture}, all {@link dev.tulip.Awaitable}.
 */
public final class Awaitables {
    private Awaitables() {
    }

    @Async
    static Coroutine<Integer> nested() {
        return done(42);
    }

    @Async
    static Coroutine<Void> main() {
        // a coroutine: runs inside this task
        System.out.println(await(nested()));
        // a task: scheduled on the loop, runs on its own
        Task<Integer> task = createTask(nested());
        System.out.println(await(task));
        // a future: completed by a timer callback
        EventLoop loop = getRunningLoop();
        AsyncFuture<String> future = loop.createFuture();
        double start = loop.time();
        loop.callLater(1, () -> future.setResult("set by a callback after 1 s"));
        System.out.println(await(future));
        System.out.printf("(awaited %.0f s)%n", loop.time() - start);
        return done();
    }

    /**
     * Runs the program.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void main(boolean virtual) {
        Examples.run(AwaitablesAsync.main(), virtual);
    }
}
