package dev.tulip.test;

import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.opentest4j.AssertionFailedError;

/**
 * Runs one test's code on its own thread against a {@link TestLoop}, under a real-time timeout, then
 * checks what the test left behind: tasks still pending, exceptions nobody retrieved, a deadlock.
 */
final class TestRun {
    /** Test code: runs on the test's loop thread. */
    @FunctionalInterface
    interface Body {
        void run() throws Throwable;
    }

    private TestRun() {
    }

    /**
     * Runs a coroutine (or any awaitable) as the test's main task, then the checks.
     *
     * @param loop the test's loop
     * @param main what to run
     * @param name the main task's name (the test's)
     * @param timeoutSeconds real seconds before the test fails as hung
     */
    static void runMain(TestLoop loop, Awaitable<?> main, String name, double timeoutSeconds) throws Throwable {
        run(loop, () -> {
            Awaitable<?> task = main instanceof Coroutine ? loop.loop().createTask((Coroutine<?>) main, name) : main;
            loop.run(task);
        }, name, timeoutSeconds);
    }

    /**
     * Runs test code on a thread of its own, waits for it at most {@code timeoutSeconds} of real time,
     * and then checks the loop (on that thread too, so a check that runs the loop is under the timeout).
     *
     * @param loop the test's loop
     * @param body the test code
     * @param name the test's name, for messages and the thread
     * @param timeoutSeconds real seconds before the test fails as hung
     */
    static void run(TestLoop loop, Body body, String name, double timeoutSeconds) throws Throwable {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            Throwable primary = null;
            try {
                body.run();
            } catch (Throwable e) {
                primary = deadlockOrSelf(loop, e);
            }
            failure.set(afterTest(loop, primary));
        }, "tulip-test " + name);
        thread.setDaemon(true); // a test that cannot be stopped must not keep the JVM alive
        thread.start();
        thread.join(Math.max(1, (long) (timeoutSeconds * 1000)));
        if (thread.isAlive()) {
            throw timedOut(loop, thread, name, timeoutSeconds);
        }
        Throwable f = failure.get();
        if (f != null) {
            throw f;
        }
    }

    /** After the test code: let the other tasks finish, then fail on what is left. */
    private static Throwable afterTest(TestLoop loop, Throwable primary) {
        List<String> problems = new ArrayList<>();
        try {
            if (!loop.loop().isClosed() && !loop.pendingTasks().isEmpty()) {
                // Like runTest, wait for the tasks the test started, moving virtual time along.
                try {
                    loop.advanceUntilIdle();
                } catch (Throwable e) {
                    problems.add("running the tasks left behind failed: " + e);
                }
                List<Task<?>> pending = loop.pendingTasks();
                if (!pending.isEmpty()) {
                    problems.add("tasks still pending at the end of the test (cancelled now): " + describe(pending));
                    pending.forEach(Task::cancel);
                    try {
                        loop.advanceUntilIdle(); // cancellation runs their finally blocks
                    } catch (Throwable e) {
                        // reported through the handler or as pending below
                    }
                }
            }
        } finally {
            loop.loop().close(); // reports exceptions nobody retrieved to the handler
        }
        AssertionFailedError leaks = null;
        List<String> errors = loop.errors();
        List<Throwable> causes = loop.errorCauses();
        for (int i = 0; i < errors.size(); i++) {
            problems.add(errors.get(i) + (causes.get(i) == null ? "" : ": " + causes.get(i)));
        }
        if (!problems.isEmpty()) {
            leaks = new AssertionFailedError("the test left problems behind:\n  - " + String.join("\n  - ", problems));
            for (Throwable cause : causes) {
                if (cause != null) {
                    leaks.addSuppressed(cause);
                }
            }
        }
        if (primary == null) {
            return leaks;
        }
        if (leaks != null) {
            primary.addSuppressed(leaks);
        }
        return primary;
    }

    /** A loop that stopped because every task waits for something nobody will provide becomes a clear failure. */
    private static Throwable deadlockOrSelf(TestLoop loop, Throwable e) {
        if (!(e instanceof IllegalStateException) || loop.loop().isClosed() || loop.loop().readyCount() > 0
                || loop.loop().scheduledTimerCount() > 0) {
            return e;
        }
        List<Task<?>> pending = loop.pendingTasks();
        if (pending.isEmpty()) {
            return e;
        }
        AssertionFailedError deadlock = new AssertionFailedError(String.format(Locale.ROOT,
                "deadlock at virtual time %s: every task waits for something no callback, timer or thread"
                + " will provide: %s", loop.currentTime(), describe(pending)), e);
        pending.forEach(Task::cancel);
        try {
            loop.advanceUntilIdle();
        } catch (Throwable ignored) {
            // cancellation could not run everything: the pending report says what is left
        }
        return deadlock;
    }

    private static AssertionFailedError timedOut(TestLoop loop, Thread thread, String name, double timeoutSeconds)
            throws InterruptedException {
        StackTraceElement[] stack = thread.getStackTrace();
        String pending;
        try {
            pending = describe(loop.pendingTasks()); // the loop is stuck or spinning: a best-effort snapshot
        } catch (RuntimeException e) {
            pending = "(unavailable: " + e + ")";
        }
        // Ask the loop to cancel everything (a test spinning on virtual time stops); a thread blocked in
        // plain code is interrupted; a thread that ignores both is left behind as a daemon.
        try {
            loop.loop().callSoonThreadsafe(() -> loop.pendingTasks().forEach(Task::cancel));
        } catch (RuntimeException ignored) {
            // closed already
        }
        thread.join(1000);
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join(1000);
        }
        Throwable where = new Throwable("the test's thread was here when the timeout expired");
        where.setStackTrace(stack);
        AssertionFailedError error = new AssertionFailedError(String.format(Locale.ROOT,
                "%s did not finish within %s seconds of real time (virtual time %s); pending tasks: %s",
                name, timeoutSeconds, loop.currentTime(), pending), where);
        return error;
    }

    /** {@code 'name' awaiting <what>} for each task. */
    static String describe(List<Task<?>> tasks) {
        List<String> parts = new ArrayList<>();
        for (Task<?> t : tasks) {
            Object awaiting = t.awaiting();
            parts.add("'" + t.name() + "' " + (awaiting == null ? "(not suspended)" : "awaiting " + awaiting));
        }
        return String.join(", ", parts);
    }
}
