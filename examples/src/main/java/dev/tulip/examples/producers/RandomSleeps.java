package dev.tulip.examples.producers;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.examples.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seed 000, "Coroutines concurrentes": ten coroutines, each sleeping a random number of seconds, run
 * together by {@code gather}.
 *
 * <pre>{@code
 * async def cor():
 *     seconds = random.randint(0, 5)
 *     print(f'waiting {seconds}s...')
 *     await asyncio.sleep(seconds)
 *     print(f'waiting {seconds}s, done')
 *
 * async def main():
 *     coroutines = (cor() for _ in range(10))
 *     await asyncio.gather(*coroutines)
 *
 * asyncio.run(main())
 * }</pre>
 *
 * <p>{@code random.randint(0, 5)} is {@code random.nextInt(6)} on a {@link Random} seeded with
 * {@link #SEED}, so that every run (and the test) draws the same durations. The ten tasks start in
 * order, each draws its duration in its first step, and the {@code done} lines come in order of
 * duration: the whole takes as long as the longest sleep.
 */
public final class RandomSleeps {
    /** The seed of the random durations of every seed-000 example. */
    public static final long SEED = 2019;

    private static Random random = new Random(SEED);

    private RandomSleeps() {
    }

    @Async
    static Coroutine<Void> cor() {
        int seconds = random.nextInt(6);
        System.out.println("waiting " + seconds + "s...");
        await(sleep(seconds));
        System.out.println("waiting " + seconds + "s, done");
        return done();
    }

    @Async
    static Coroutine<Void> main() {
        List<Coroutine<Void>> coroutines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            coroutines.add(cor());
        }
        await(gather(coroutines));
        return done();
    }

    /**
     * Runs the program.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void main(boolean virtual) {
        random = new Random(SEED);
        Examples.run(RandomSleepsAsync.main(), virtual);
    }
}
