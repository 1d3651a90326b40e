package dev.tulip;

import java.util.List;

/** What {@link Tulip#run} does after the main coroutine: cancel the tasks left, as {@code asyncio.run}. */
final class Shutdown {
    private Shutdown() {
    }

    static void cancelAllTasks(EventLoop loop) {
        List<Task<?>> left = loop.allTasks();
        if (left.isEmpty()) {
            return;
        }
        for (Task<?> t : left) {
            t.cancel();
        }
        AsyncFuture<Void> allDone = loop.createFuture();
        int[] remaining = {left.size()};
        for (Task<?> t : left) {
            t.addDoneCallback(done -> {
                if (--remaining[0] == 0) {
                    allDone.setResult(null);
                }
            });
        }
        loop.runUntilComplete(allDone);
        for (Task<?> t : left) {
            if (!t.cancelled() && t.exception() != null) {
                loop.callExceptionHandler("unhandled exception during Tulip.run() shutdown: " + t, t.exception());
            }
        }
    }
}
