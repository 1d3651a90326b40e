package dev.tulip.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** Runs the classes of {@link Fixtures} on the Jupiter engine and checks what passed and why the rest failed. */
class TulipTestExtensionTest {
    private static EngineExecutionResults tests(Class<?> fixture) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(fixture)).execute();
    }

    /** The one failure of a fixture, with its message. */
    private static Throwable onlyFailure(Class<?> fixture) {
        List<Event> failed = tests(fixture).allEvents().failed().list();
        assertEquals(1, failed.size(), () -> "failures of " + fixture.getSimpleName() + ": " + failed);
        return failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
    }

    @Test
    void coroutineTestsRunOnVirtualTimeAndPass() {
        Events events = tests(Fixtures.Passing.class).testEvents();
        // four @CoroutineTest methods, each run as the one dynamic test of its factory
        events.assertStatistics(s -> s.started(4).succeeded(4).failed(0));
    }

    @Test
    void aPlainTestOfAKitClassGetsItsLoopAndItsChecks() {
        tests(Fixtures.PassingPlain.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void anAssertionInsideTheCoroutineFailsTheTest() {
        Throwable failure = onlyFailure(Fixtures.FailingAssertion.class);
        assertTrue(failure.getMessage().contains("virtual clock"), failure::toString);
        assertTrue(failure.getMessage().contains("expected: <3.0> but was: <2.0>"), failure::toString);
    }

    @Test
    void aTaskStillPendingAtTheEndFailsWithItsName() {
        Throwable failure = onlyFailure(Fixtures.LeakedTask.class);
        assertTrue(failure.getMessage().contains("tasks still pending at the end of the test"), failure::toString);
        assertTrue(failure.getMessage().contains("'forgotten-waiter' awaiting"), failure::toString);
    }

    @Test
    void anExceptionNobodyRetrievedFailsTheTest() {
        Throwable failure = onlyFailure(Fixtures.Unretrieved.class);
        assertTrue(failure.getMessage().contains("lost boom"), failure::toString);
        assertTrue(failure.getMessage().contains("never retrieved"), failure::toString);
    }

    @Test
    void aDeadlockFailsWithWhatEachTaskAwaits() {
        Throwable failure = onlyFailure(Fixtures.Deadlock.class);
        assertTrue(failure.getMessage().startsWith("deadlock at virtual time 0.0"), failure::toString);
        assertTrue(failure.getMessage().contains("'waitsForNothing' awaiting"), failure::toString);
    }

    @Test
    void aCoroutineThatNeverEndsFailsAfterTheRealTimeTimeout() {
        long start = System.nanoTime();
        Throwable failure = onlyFailure(Fixtures.SpinsForever.class);
        assertTrue(failure.getMessage().contains("did not finish within 0.5 seconds of real time"), failure::toString);
        assertTrue((System.nanoTime() - start) / 1e9 < 10, "the timeout must not hang the run");
    }

    @Test
    void aBlockedTestThreadFailsAfterTheRealTimeTimeout() {
        Throwable failure = onlyFailure(Fixtures.Blocks.class);
        assertTrue(failure.getMessage().contains("did not finish within 0.5 seconds of real time"), failure::toString);
        assertTrue(failure.getCause().getStackTrace().length > 0, "the stuck thread's stack is attached");
    }
}
