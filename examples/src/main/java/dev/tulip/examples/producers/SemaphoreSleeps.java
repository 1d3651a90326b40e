package dev.tulip.examples.producers;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Semaphore;
import dev.tulip.examples.Examples;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seed 000, "Pas plus de trois à la fois": the ten random sleeps of {@link RandomSleeps}, at most three
 * at a time, bounded by a shared {@code Semaphore(3)}.
 *
 * <pre>{@code
 * async def cor(semaphore):
 *     async with semaphore:
 *         seconds = random.randint(0, 5)
 *         print(f'waiting {seconds}s...')
 *         await asyncio.sleep(seconds)
 *         print(f'waiting {seconds}s, done')
 *
 * async def main():
 *     semaphore = asyncio.Semaphore(3)
 *     coroutines = (cor(semaphore) for _ in range(10))
 *     await asyncio.gather(*coroutines)
 * }</pre>
 *
 * <p>{@code async with semaphore:} is {@code try (var permit = await(semaphore.acquire()))}. The first
 * three tasks draw their durations at once; each of the others draws its own when a permit comes
 * free, so the {@code waiting} lines never show more than three sleeps under way.
 */
public final class SemaphoreSleeps {
    private static Random random = new Random(RandomSleeps.SEED);

    private SemaphoreSleeps() {
    }

    @Async
    @SuppressWarnings("try")
    static Coroutine<Void> cor(Semaphore semaphore) {
        try (var permit = await(semaphore.acquire())) {
            int seconds = random.nextInt(6);
            System.out.println("waiting " + seconds + "s...");
            await(sleep(seconds));
            System.out.println("waiting " + seconds + "s, done");
        }
        return done();
    }

    @Async
    static Coroutine<Void> main() {
        Semaphore semaphore = new Semaphore(3);
        List<Coroutine<Void>> coroutines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            coroutines.add(cor(semaphore));
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
        random = new Random(RandomSleeps.SEED);
        Examples.run(SemaphoreSleepsAsync.main(), virtual);
    }
}
