package dev.tulip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Task#getCoro()} finds the root of the coroutine stack from the innermost coroutine. */
class GetCoroTest {

    @Test
    void rootBeforeDuringAndNullAfter() {
        EventLoop loop = EventLoop.virtualTime();
        List<Object> seen = new ArrayList<>();
        // outer awaits inner, which reads getCoro() while it runs, sleeps, and reads it again.
        Coroutine<Void> inner = HandWritten.steps(List.of(
                () -> {
                    seen.add(Tulip.currentTask().getCoro());
                    return Tulip.sleep(1);
                },
                () -> {
                    seen.add(Tulip.currentTask().getCoro());
                    return null;
                }));
        Coroutine<Void> outer = HandWritten.steps(List.of(() -> inner, () -> HandWritten.cook("x", 1)));
        Task<Void> task = loop.createTask(outer);
        assertSame(outer, task.getCoro());
        loop.callLater(0.5, () -> seen.add(task.getCoro())); // while suspended inside inner
        loop.callLater(1.5, () -> seen.add(task.getCoro())); // while suspended inside cook, inner done
        loop.runUntilComplete(task);
        assertEquals(List.of(outer, outer, outer, outer), seen);
        assertNull(task.getCoro());
    }
}
