package dev.tulip.examples.notebook;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Task;
import dev.tulip.examples.Examples;

/**
 * Seed 002, section 2.2 ("Les coroutines"): {@code say_after}, called without a loop (it only makes a
 * coroutine object), run by {@code asyncio.run}, awaited twice in sequence (3 seconds), then run as
 * two concurrent tasks (2 seconds).
 *
 * <pre>{@code
 * async def say_after(delay, what):
 *     await asyncio.sleep(delay)
 *     print(what)
 *
 * say_after(1, 'Hello')                # <coroutine object say_after at 0x7f36480ce8c0>
 * asyncio.run(say_after(1, 'hello'))
 *
 * async def main():
 *     print(f"started at {time.strftime('%X')}")
 *     await say_after(2, 'hello')
 *     await say_after(1, 'world')
 *     print(f"finished at {time.strftime('%X')}")
 *
 * async def main():
 *     task1 = asyncio.create_task(say_after(2, 'hello'))
 *     task2 = asyncio.create_task(say_after(1, 'world'))
 *     print(f"started at {time.strftime('%X')}")
 *     await task1
 *     await task2
 *     print(f"finished at {time.strftime('%X')}")
 * }</pre>
 *
 * <p>The wall-clock times of the seed ({@code 17:30:36}) become seconds since the start of each
 * {@code main}, on the loop's clock, so that the output is the same on every run.
 */
public final class SayAfter {
    private SayAfter() {
    }

    @Async
    static Coroutine<Void> sayAfter(double delay, String what) {
        await(sleep(delay));
        System.out.println(what);
        return done();
    }

    /** Sequential awaits: hello after 2 s, world 1 s later. */
    @Async
    static Coroutine<Void> sequential() {
        double start = getRunningLoop().time();
        System.out.printf("started at %.0f%n", getRunningLoop().time() - start);
        await(sayAfter(2, "hello"));
        await(sayAfter(1, "world"));
        System.out.printf("finished at %.0f%n", getRunningLoop().time() - start);
        return done();
    }

    /** Two tasks: both sleeps overlap, world prints first, the whole takes 2 s. */
    @Async
    static Coroutine<Void> concurrent() {
        double start = getRunningLoop().time();
        Task<Void> task1 = createTask(sayAfter(2, "hello"));
        Task<Void> task2 = createTask(sayAfter(1, "world"));
        System.out.printf("started at %.0f%n", getRunningLoop().time() - start);
        await(task1);
        await(task2);
        System.out.printf("finished at %.0f%n", getRunningLoop().time() - start);
        return done();
    }

    /**
     * Runs the four steps.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void main(boolean virtual) {
        System.out.println("# sayAfter(1, \"Hello\") outside any loop: a coroutine object, nothing runs");
        System.out.println(SayAfterAsync.sayAfter(1, "Hello"));
        System.out.println("# run(sayAfter(1, \"hello\"))");
        Examples.run(SayAfterAsync.sayAfter(1, "hello"), virtual);
        System.out.println("# awaited one after the other");
        Examples.run(SayAfterAsync.sequential(), virtual);
        System.out.println("# as two tasks");
        Examples.run(SayAfterAsync.concurrent(), virtual);
    }
}
