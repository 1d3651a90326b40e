package dev.tulip.test;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.createTask;
import static dev.tulip.Tulip.done;
import static dev.tulip.Tulip.getRunningLoop;
import static dev.tulip.Tulip.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tulip.Async;
import dev.tulip.AsyncFuture;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import org.junit.jupiter.api.Test;

/**
 * Test classes run by {@link TulipTestExtensionTest} through the EngineTestKit, never by Surefire
 * (nested classes are not scanned): each shows one behaviour of the kit, passing or failing.
 */
final class Fixtures {
    private Fixtures() {
    }

    @Async
    static Coroutine<String> cook(String dish, double seconds) {
        await(sleep(seconds));
        return done(dish);
    }

    @Async
    static Coroutine<Void> fail(String message) {
        await(sleep(1));
        throw new IllegalStateException(message);
    }

    @Async
    static Coroutine<Void> waitForever(AsyncFuture<Void> never) {
        await(never);
        return done();
    }

    static class Passing {
        @CoroutineTest
        @Async
        Coroutine<Void> hourOnVirtualTime(TestLoop loop) {
            String dish = await(cook("stew", 3600));
            assertEquals("stew", dish);
            assertEquals(3600.0, loop.currentTime());
            return done();
        }

        @CoroutineTest
        @Async
        Coroutine<Void> advanceTimeAndIdle(TestLoop loop, EventLoop eventLoop) {
            assertEquals(eventLoop, loop.loop());
            Task<String> fries = createTask(cook("fries", 4));
            await(loop.advanceTimeBy(3));
            assertEquals(3.0, loop.currentTime());
            assertEquals(false, fries.done());
            await(loop.advanceTimeBy(1));
            assertEquals(true, fries.done());
            Task<String> late = createTask(cook("late", 100));
            await(loop.advanceUntilIdle());
            assertEquals(104.0, loop.currentTime());
            assertEquals("late", late.result());
            return done();
        }

        @CoroutineTest
        Coroutine<String> returnsOne() {
            return FixturesAsync.cook("soda", 1);
        }

        @CoroutineTest
        @Async
        Coroutine<Void> childrenFinishAfterMain() {
            createTask(cook("slow", 10), "slow");
            return done();
        }

    }

    @TulipTest
    static class PassingPlain {
        @Test
        void plainTestDrivesTheLoop(TestLoop loop) {
            loop.advanceTimeBy(5);
            assertEquals(5.0, loop.currentTime());
            assertEquals("tea", loop.run(FixturesAsync.cook("tea", 2)));
            assertEquals(7.0, loop.currentTime());
            loop.loop().createTask(FixturesAsync.cook("left", 1), "left");
        }
    }

    static class FailingAssertion {
        @CoroutineTest
        @Async
        Coroutine<Void> wrongTime(TestLoop loop) {
            await(sleep(2));
            assertEquals(3.0, loop.currentTime(), "virtual clock");
            return done();
        }
    }

    static class LeakedTask {
        @CoroutineTest
        @Async
        Coroutine<Void> leaves() {
            AsyncFuture<Void> never = getRunningLoop().createFuture();
            createTask(waitForever(never), "forgotten-waiter");
            await(sleep(1));
            return done();
        }
    }

    static class Unretrieved {
        @CoroutineTest
        @Async
        Coroutine<Void> dropsAFailure() {
            createTask(fail("lost boom"), "failing-child");
            await(sleep(5));
            return done();
        }
    }

    static class Deadlock {
        @CoroutineTest
        @Async
        Coroutine<Void> waitsForNothing() {
            AsyncFuture<Void> never = getRunningLoop().createFuture();
            await(waitForever(never));
            return done();
        }
    }

    static class SpinsForever {
        @CoroutineTest(timeoutSeconds = 0.5)
        @Async
        Coroutine<Void> neverEnds() {
            while (true) {
                await(sleep(1));
            }
        }
    }

    @TulipTest(timeoutSeconds = 0.5)
    static class Blocks {
        @Test
        void blocksTheThread() throws InterruptedException {
            Thread.sleep(60_000);
        }
    }
}
