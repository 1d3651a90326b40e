package dev.tulip.examples;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Task;

/**
 * Seed 002, section 2.2: {@code say_after} awaited in sequence (3 seconds), then as two concurrent
 * tasks (2 seconds).
 *
 * <pre>{@code
 * async def say_after(delay, what):
 *     await asyncio.sleep(delay)
 *     print(what)
 * }</pre>
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
     * Runs both versions.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void main(boolean virtual) {
        Examples.run(SayAfterAsync.sequential(), virtual);
        Examples.run(SayAfterAsync.concurrent(), virtual);
    }
}
