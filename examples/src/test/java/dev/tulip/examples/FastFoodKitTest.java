package dev.tulip.examples;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.createTask;
import static dev.tulip.Tulip.done;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Task;
import dev.tulip.examples.fastfood.FastFood;
import dev.tulip.examples.fastfood.FastFoodAsync;
import dev.tulip.examples.fastfood.Kitchen;
import dev.tulip.test.CoroutineTest;
import dev.tulip.test.TestLoop;
import java.time.Duration;
import java.util.List;

/** The fast-food server driven directly with the test kit: service times on virtual time, and time control. */
class FastFoodKitTest {
    private final FastFood restaurant = new FastFood(Kitchen.SEED, FastFood.Verbosity.SILENT);

    @CoroutineTest
    @Async
    Coroutine<Void> oneClientIsServedInFourSeconds(TestLoop loop) {
        // the fries take 4 s, the burger 3 s, the soda 1 s, all at once
        Duration served = await(FastFoodAsync.serve(restaurant, "A"));
        assertEquals(Duration.ofSeconds(4), served);
        assertEquals(4.0, loop.currentTime());
        return done();
    }

    @CoroutineTest
    @Async
    Coroutine<Void> theSodaMachineServesOneClientAtATime(TestLoop loop) {
        Task<Void> both = createTask(FastFoodAsync.serveAll(restaurant, List.of("A", "B")));
        await(loop.advanceTimeBy(2));
        assertEquals(false, both.done());
        await(loop.advanceUntilIdle());
        assertEquals(true, both.done());
        assertEquals(4.0, loop.currentTime()); // the seed's two clients: both served at 0:00:04
        return done();
    }
}
