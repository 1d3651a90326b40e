package dev.tulip;

import static dev.tulip.Coros.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Regression tests for core behaviour found while building the combinators. */
class CoreRegressionTest {

    /**
     * Two cancellations before the task resumes: asyncio raises the first one's CancelledError (its
     * {@code __step} keeps an exception that already is a CancelledError), counting both requests.
     * <pre>{@code
     * t = asyncio.create_task(asyncio.sleep(10)); await asyncio.sleep(0)
     * t.cancel("first"); t.cancel("second")
     * await t   # CancelledError('first'), t.cancelling() == 2
     * }</pre>
     */
    @Test
    void secondCancelBeforeResumingKeepsTheFirstMessage() {
        for (boolean onFuture : new boolean[] {false, true}) {
            EventLoop loop = EventLoop.virtualTime();
            AsyncFuture<String> f = loop.createFuture();
            Task<Object> t = loop.createTask(call(() -> onFuture ? f : Tulip.sleep(10)));
            loop.runUntilComplete(Tulip.sleep(0));
            t.cancel("first");
            t.cancel("second");
            CancelledError e = assertThrows(CancelledError.class, () -> loop.runUntilComplete(t));
            assertEquals("first", e.getMessage(), onFuture ? "awaiting a future" : "awaiting a sleep");
            assertEquals(2, t.cancelling());
            loop.close();
        }
    }
}
