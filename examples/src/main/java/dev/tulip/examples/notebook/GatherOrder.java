package dev.tulip.examples.notebook;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.examples.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seed 002, section 2.4 ("Exécuter des tâches concurrentes"): {@code gather} runs its awaitables
 * concurrently and returns their results in the order of its arguments, whichever finishes first.
 *
 * <pre>{@code
 * async def say_after(delay, what):
 *     await asyncio.sleep(delay)
 *     print(what)
 *     return what
 *
 * async def main():
 *     return await asyncio.gather(*(say_after(random.random(), what) for what in ['Hello', 'World']))
 *
 * tasks = asyncio.run(main())
 * print('results:', tasks)
 * }</pre>
 *
 * <p>{@code random.random()} draws from a {@link Random} seeded with {@link #SEED}, chosen so that, as in
 * the seed's run, World's delay is the shorter: World prints first, and the results are still
 * {@code [Hello, World]}.
 */
public final class GatherOrder {
    /** A seed for which World's delay is shorter than Hello's. */
    public static final long SEED = 1;

    private static Random random = new Random(SEED);

    private GatherOrder() {
    }

    @Async
    static Coroutine<String> sayAfter(double delay, String what) {
        await(sleep(delay));
        System.out.println(what);
        return done(what);
    }

    @Async
    static Coroutine<List<String>> main() {
        List<Coroutine<String>> coroutines = new ArrayList<>();
        for (String what : List.of("Hello", "World")) {
            coroutines.add(sayAfter(random.nextDouble(), what));
        }
        return done(await(gather(coroutines)));
    }

    /**
     * Runs the program.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void main(boolean virtual) {
        random = new Random(SEED);
        List<String> tasks = Examples.run(GatherOrderAsync.main(), virtual);
        System.out.println("results: " + tasks);
    }
}
