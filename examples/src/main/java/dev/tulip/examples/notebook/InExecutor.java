package dev.tulip.examples.notebook;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.AsyncFuture;
import dev.tulip.Coroutine;
import dev.tulip.examples.Examples;

/**
 * Seed 002, section 2.3: a blocking function made awaitable by running it on an executor thread
 * ({@code loop.run_in_executor}); then the same with {@code asyncio.to_thread}, its modern form.
 *
 * <pre>{@code
 * def say_after(delay, what):
 *     time.sleep(delay)
 *     return what
 *
 * async def main():
 *     loop = asyncio.get_event_loop()
 *     future = loop.run_in_executor(None, functools.partial(say_after, 1, 'Hello'))
 *     return await future
 *
 * future = asyncio.run(main())
 * print(future)
 * }</pre>
 *
 * <p>{@code functools.partial(say_after, 1, 'Hello')} is the lambda {@code () -> sayAfter(1, "Hello")}.
 * The call blocks a thread of the loop's default executor for one second (real time, even on a
 * virtual-time loop: the virtual clock waits for the thread instead of jumping ahead), while the loop
 * itself stays free.
 */
public final class InExecutor {
    private InExecutor() {
    }

    /**
     * The seed's synchronous {@code say_after}: blocks, then returns {@code what}.
     *
     * @param delay seconds to block
     * @param what the value to return
     * @return {@code what}
     * @throws InterruptedException if the thread is interrupted while blocked
     */
    static String sayAfter(double delay, String what) throws InterruptedException {
        Thread.sleep((long) (delay * 1000));
        return what;
    }

    @Async
    static Coroutine<String> main() {
        AsyncFuture<String> future = getRunningLoop().runInExecutor(null, () -> sayAfter(1, "Hello"));
        return done(await(future));
    }

    @Async
    static Coroutine<String> mainToThread() {
        return done(await(toThread(() -> sayAfter(1, "World"))));
    }

    /**
     * Runs both versions.
     *
     * @param virtual true to run the loop on virtual time
     */
    public static void main(boolean virtual) {
        String future = Examples.run(InExecutorAsync.main(), virtual);
        System.out.println(future);
        System.out.println(Examples.run(InExecutorAsync.mainToThread(), virtual));
    }
}
