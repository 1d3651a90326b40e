package dev.tulip;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DebugModeTest {
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord r) {
            records.add(r);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        Logger.getLogger("dev.tulip").addHandler(handler);
    }

    @AfterEach
    void release() {
        Logger.getLogger("dev.tulip").removeHandler(handler);
    }

    @Test
    void slowStepIsLoggedWithTaskAndDuration() {
        EventLoop loop = EventLoop.virtualTime();
        loop.setDebug(true);
        loop.runUntilComplete(HandWritten.steps(List.of(() -> {
            try {
                Thread.sleep(150); // a blocking call inside a coroutine: the famine
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        })));
        loop.close();
        assertTrue(records.stream().anyMatch(r -> r.getMessage().startsWith("Executing <Task 'Task-")
                && r.getMessage().contains("took 0.1")), records.toString());
    }

    @Test
    void neverAwaitedCoroutineIsReportedWithItsOrigin() throws InterruptedException {
        boolean was = DebugTracking.enabled;
        DebugTracking.enabled = true;
        try {
            createAndDrop();
            for (int i = 0; i < 100 && records.stream().noneMatch(r -> r.getMessage().contains("was never awaited")); i++) {
                System.gc();
                Thread.sleep(20);
            }
        } finally {
            DebugTracking.enabled = was;
        }
        LogRecord r = records.stream().filter(x -> x.getMessage().contains("was never awaited")).findFirst().orElseThrow();
        // named as the user wrote the method (the machine's name()), not by its class HandWritten$Cook
        assertTrue(r.getMessage().contains("coroutine 'HandWritten.cook' was never awaited"), r.getMessage());
        StackTraceElement[] origin = r.getThrown().getStackTrace();
        assertTrue(java.util.Arrays.stream(origin).anyMatch(e -> e.getMethodName().equals("createAndDrop")));
    }

    private static void createAndDrop() {
        HandWritten.cook("forgotten", 1); // created, never awaited
    }

    @Test
    void coroutineTrackingLastsWhileADebugLoopIsOpen() {
        boolean before = DebugTracking.enabled;
        EventLoop a = new EventLoop();
        EventLoop b = new EventLoop();
        a.setDebug(true);
        b.setDebug(true);
        assertTrue(DebugTracking.enabled);
        a.close();
        assertTrue(DebugTracking.enabled);
        b.setDebug(false);
        org.junit.jupiter.api.Assertions.assertEquals(before, DebugTracking.enabled);
        b.close();
    }
}
