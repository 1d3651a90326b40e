package dev.tulip.examples.handmade;

import dev.tulip.Generator;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Seed 001, sections 3 and 4: the hand-made event loop, a {@code deque} of {@link Task}s run in turn,
 * one step each, and {@code ensure_future} with its default loop.
 *
 * <pre>{@code
 * class Loop:
 *     def __init__(self):
 *         self._running = deque()
 *
 *     def _loop(self):
 *         task = self._running.popleft()
 *         if task.is_cancelled():            # added in 4.3
 *             # Si la tâche a été annulée,
 *             # on ne l'exécute pas et on "l'oublie".
 *             print(task)
 *             return
 *         task.run()
 *         if task.is_done():
 *             print(task)
 *             return
 *         self.schedule(task)
 *
 *     def run_until_empty(self):
 *         while self._running:
 *             self._loop()
 *
 *     def schedule(self, task):
 *         if not isinstance(task, Task):
 *             task = Task(task)
 *         self._running.append(task)
 *         return task
 *
 *     def run_until_complete(self, task):
 *         task = self.schedule(task)
 *         while not task.is_done():
 *             self._loop()
 *
 * DEFAULT_LOOP = Loop()                      # 4.2
 *
 * def ensure_future(coro, loop=None):
 *     if loop is None:
 *         loop = DEFAULT_LOOP
 *     return loop.schedule(coro)
 * }</pre>
 *
 * <p>The class in its final form, with section 4.3's test for cancelled tasks. {@code schedule} takes a
 * {@link Task} or a generator (Python's {@code isinstance} test becomes two overloads), and so does
 * {@code runUntilComplete}. {@code _loop} is {@link #loopOnce()}, public so that an example can run
 * a bounded number of rounds. The loop has no notion of time or IO, exactly as in the seed: a task
 * that waits for something has to yield and check again when its turn comes back.
 */
public final class Loop {
    /** Python's {@code DEFAULT_LOOP}: the loop {@link #ensureFuture(Generator)} schedules on. */
    public static final Loop DEFAULT_LOOP = new Loop();

    private final Deque<Task> running = new ArrayDeque<>();

    /** Creates an empty loop. */
    public Loop() {
    }

    /**
     * Python's {@code _loop}: takes the first task, runs it one step, prints it if it is done, or else
     * puts it back at the end. A cancelled task is printed and forgotten, without running.
     */
    public void loopOnce() {
        Task task = running.removeFirst();
        if (task.isCancelled()) {
            // The task was cancelled: do not run it, "forget" it.
            System.out.println(task);
            return;
        }
        task.run();
        if (task.isDone()) {
            System.out.println(task);
            return;
        }
        schedule(task);
    }

    /** Runs tasks in turn until none is left. */
    public void runUntilEmpty() {
        while (!running.isEmpty()) {
            loopOnce();
        }
    }

    /**
     * Adds a task at the end of the queue.
     *
     * @param task the task
     * @return the task
     */
    public Task schedule(Task task) {
        running.addLast(task);
        return task;
    }

    /**
     * Wraps a generator-based coroutine in a {@link Task} and adds it at the end of the queue.
     *
     * @param coro the coroutine
     * @return its task
     */
    public Task schedule(Generator<?> coro) {
        return schedule(new Task(coro));
    }

    /**
     * Schedules a task, then runs the loop until that task is done (the others may not be).
     *
     * @param task the task
     */
    public void runUntilComplete(Task task) {
        schedule(task);
        while (!task.isDone()) {
            loopOnce();
        }
    }

    /**
     * Schedules a coroutine, then runs the loop until it is done.
     *
     * @param coro the coroutine
     */
    public void runUntilComplete(Generator<?> coro) {
        runUntilComplete(new Task(coro));
    }

    /**
     * Whether no task is left in the queue.
     *
     * @return true if the queue is empty
     */
    public boolean isEmpty() {
        return running.isEmpty();
    }

    /**
     * Python's {@code ensure_future(coro)}: schedules a coroutine on the {@link #DEFAULT_LOOP}.
     *
     * @param coro the coroutine
     * @return its task
     */
    public static Task ensureFuture(Generator<?> coro) {
        return ensureFuture(coro, null);
    }

    /**
     * Python's {@code ensure_future(coro, loop)}: schedules a coroutine on a loop, the
     * {@link #DEFAULT_LOOP} if {@code loop} is null.
     *
     * @param coro the coroutine
     * @param loop the loop, or null
     * @return its task
     */
    public static Task ensureFuture(Generator<?> coro, Loop loop) {
        if (loop == null) {
            loop = DEFAULT_LOOP;
        }
        return loop.schedule(coro);
    }
}
