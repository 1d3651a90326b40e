package dev.tulip;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Structured concurrency: a scope whose tasks all finish before it is left. Python 3.11's
 * {@code asyncio.TaskGroup}.
 *
 * <pre>{@code
 * try (var tg = new TaskGroup()) {          // inside an @Async method
 *     Task<String> a = tg.createTask(fetch("a"));
 *     Task<String> b = tg.createTask(fetch("b"));
 * }                                         // waits for a and b
 * }</pre>
 *
 * <ul>
 *   <li>Creating the group enters it: it remembers the running task (the <em>parent</em>), which must
 *       exist.</li>
 *   <li>{@link #aexit} (the end of the block) waits until every task of the group is done; tasks may
 *       be added until then, even by other tasks of the group.</li>
 *   <li>When a task fails (with anything but {@link CancelledError}), the group aborts: it cancels its
 *       other tasks and the parent task, so that the body, wherever it awaits, stops too. The parent's
 *       cancellation is taken back ({@link Task#uncancel()}) when the block is left.</li>
 *   <li>If the body itself fails, the tasks are cancelled likewise.</li>
 *   <li>The failures of the tasks, then the body's, are raised together as one
 *       {@link ExceptionGroup}. A cancellation of the parent from outside the group propagates as a
 *       {@link CancelledError} when nothing failed; when something did, the {@code ExceptionGroup} is
 *       raised and the parent stays cancelled (its next await raises again).</li>
 * </ul>
 *
 * <p>A group is used once, by the task that created it; it is not thread-safe.
 */
public final class TaskGroup implements AsyncContextManager {
    private final EventLoop loop;
    private Task<?> parentTask;
    private boolean exiting;
    private boolean aborting;
    private boolean parentCancelRequested;
    /**
     * The group's tasks in creation order (so that aborting cancels them in a deterministic order); done
     * ones are dropped in batches (see {@link #onTaskDone}), so a long-lived group retains only live ones.
     */
    private final ArrayList<Task<?>> tasks = new ArrayList<>();
    /** How many of {@link #tasks} are not done. */
    private int live;
    private List<Throwable> errors = new ArrayList<>();
    private Throwable baseError;
    private AsyncFuture<Boolean> onCompleted;
    private final Consumer<AsyncFuture<?>> onTaskDone = this::onTaskDone;

    /**
     * Enters a group for the task that is running.
     *
     * @throws IllegalStateException if no loop is running on this thread, or no task is running (a
     *     plain callback)
     */
    public TaskGroup() {
        this.loop = EventLoop.running();
        this.parentTask = loop.currentTask();
        if (parentTask == null) {
            throw new IllegalStateException("TaskGroup cannot determine the parent task: create it from a coroutine"
                    + " that a task runs, not from a plain callback");
        }
    }

    /**
     * Schedules a coroutine as a task of this group.
     *
     * @param coroutine a coroutine that has not started
     * @param <T> the result type
     * @return the task
     * @throws IllegalStateException if the group is finished or shutting down
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine) {
        return createTask(coroutine, null);
    }

    /**
     * Schedules a coroutine as a named task of this group.
     *
     * @param coroutine a coroutine that has not started
     * @param name the task's name, or null for {@code Task-N}
     * @param <T> the result type
     * @return the task
     * @throws IllegalStateException if the group is finished (its block was left and all its tasks are
     *     done) or shutting down (a task failed, or the block is being cancelled)
     */
    public <T> Task<T> createTask(Coroutine<T> coroutine, String name) {
        if (exiting && live == 0) {
            throw new IllegalStateException("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new IllegalStateException("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coroutine, name);
        tasks.add(task);
        live++;
        task.addDoneCallback(onTaskDone);
        return task;
    }

    /**
     * Leaves the scope; Python's {@code TaskGroup.__aexit__}. The returned awaitable waits for every task
     * of the group, then fails with what the scope raises ({@link ExceptionGroup}, the parent's
     * {@link CancelledError}), or produces false.
     *
     * @param pending the exception leaving the block, or null
     * @return an awaitable to await once, in the parent task
     * @throws IllegalStateException if the group was already exited
     */
    @Override
    public Coroutine<Boolean> aexit(Throwable pending) {
        if (exiting) {
            throw new IllegalStateException("TaskGroup " + this + " was already exited");
        }
        return new Exit(this, pending);
    }

    /**
     * Describes the group as Python does: {@code <TaskGroup tasks=2 errors=1 cancelling>}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<TaskGroup");
        if (live != 0) {
            sb.append(" tasks=").append(live);
        }
        if (errors != null && !errors.isEmpty()) {
            sb.append(" errors=").append(errors.size());
        }
        if (aborting) {
            sb.append(" cancelling");
        } else if (!exiting) {
            sb.append(" entered");
        }
        return sb.append('>').toString();
    }

    /** What Python treats as a BaseException that must not be wrapped: here, the JVM's own failures. */
    private static boolean isBaseError(Throwable t) {
        return t instanceof VirtualMachineError;
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.done()) {
                t.cancel();
            }
        }
    }

    private void onTaskDone(AsyncFuture<?> task) {
        live--;
        if (live == 0) {
            tasks.clear();
        } else if (tasks.size() >= 64 && live < tasks.size() / 2) {
            tasks.removeIf(AsyncFuture::done); // amortised O(1) per task, order kept
        }
        AsyncFuture<Boolean> waiter = onCompleted;
        if (waiter != null && live == 0 && !waiter.done()) {
            waiter.setResult(Boolean.TRUE);
        }
        if (task.cancelled()) {
            return;
        }
        Throwable exc = task.exception();
        if (exc == null) {
            return;
        }
        errors.add(exc);
        if (isBaseError(exc) && baseError == null) {
            baseError = exc;
        }
        if (parentTask.done()) {
            loop.callExceptionHandler("Task " + task + " has errored out but its parent task " + parentTask
                    + " is already completed", exc);
            return;
        }
        if (!aborting && !parentCancelRequested) {
            // Stop the body wherever it awaits; the request is taken back in aexit.
            abort();
            parentCancelRequested = true;
            parentTask.cancel();
        }
    }

    /**
     * Python's {@code TaskGroup._aexit}, as the state machine of:
     * <pre>{@code
     * @Async Coroutine<Boolean> aexit(Throwable pending) {
     *     exiting = true;
     *     if (pending != null && isBaseError(pending) && baseError == null) baseError = pending;
     *     Throwable propagateCancellation = pending instanceof CancelledError ? pending : null;
     *     if (pending != null && !aborting) abort();
     *     while (!tasks.isEmpty()) {
     *         if (onCompleted == null) onCompleted = loop.createFuture();
     *         try {
     *             await(onCompleted);
     *         } catch (CancelledError e) {
     *             if (!aborting) {           // the parent is cancelled from outside
     *                 propagateCancellation = e;
     *                 abort();
     *             }
     *         }
     *         onCompleted = null;
     *     }
     *     if (baseError != null) throw baseError;
     *     if (parentCancelRequested && parentTask.uncancel() == 0) propagateCancellation = null;
     *     if (propagateCancellation != null && errors.isEmpty()) throw propagateCancellation;
     *     if (pending != null && !(pending instanceof CancelledError)) errors.add(pending);
     *     if (!errors.isEmpty()) {
     *         if (parentTask.cancelling() > 0) { parentTask.uncancel(); parentTask.cancel(); }
     *         throw new ExceptionGroup("unhandled errors in a TaskGroup", errors);
     *     }
     *     return done(false);
     * }}</pre>
     */
    private static final class Exit extends Coroutine<Boolean> {
        private final TaskGroup group;
        private Throwable pending;
        private Throwable propagateCancellation;

        Exit(TaskGroup group, Throwable pending) {
            this.group = group;
            this.pending = pending;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            TaskGroup g = group;
            for (;;) {
                switch (state) {
                    case 0:
                        if (thrown != null) {
                            throw thrown;
                        }
                        if (g.exiting) {
                            throw new IllegalStateException("TaskGroup " + g + " was already exited");
                        }
                        g.exiting = true;
                        if (pending != null && isBaseError(pending) && g.baseError == null) {
                            g.baseError = pending;
                        }
                        propagateCancellation = pending instanceof CancelledError ? pending : null;
                        if (pending != null && !g.aborting) {
                            // The body failed, or the parent is being cancelled: stop the tasks.
                            g.abort();
                        }
                        state = 1;
                        continue;
                    case 1: // while (!tasks.isEmpty())
                        if (g.live == 0) {
                            state = 3;
                            continue;
                        }
                        if (g.onCompleted == null) {
                            g.onCompleted = g.loop.createFuture();
                        }
                        state = 2;
                        return g.onCompleted;
                    case 2: // after await(onCompleted)
                        if (thrown instanceof CancelledError) {
                            if (!g.aborting) {
                                // The parent task is cancelled from outside while waiting for the tasks.
                                propagateCancellation = thrown;
                                g.abort();
                            }
                        } else if (thrown != null) {
                            throw thrown;
                        }
                        thrown = null;
                        g.onCompleted = null;
                        state = 1;
                        continue;
                    case 3:
                        state = 4;
                        return complete(g.finish(pending, propagateCancellation));
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }

        @Override
        protected String name() {
            return "TaskGroup.aexit";
        }
    }

    /** The end of aexit, once every task is done: returns false or throws what the scope raises. */
    private Boolean finish(Throwable pending, Throwable propagateCancellation) {
        Task<?> parent = parentTask;
        List<Throwable> errs = errors;
        Throwable base = baseError;
        // Drop references to heavy objects, as Python does.
        parentTask = null;
        baseError = null;
        errors = null;
        if (base != null) {
            throw Sneaky.raise(base);
        }
        if (parentCancelRequested) {
            // We cancelled the parent ourselves: take it back. If no one else asked, the body's
            // CancelledError was ours and must not propagate.
            if (parent.uncancel() == 0) {
                propagateCancellation = null;
            }
        }
        if (propagateCancellation != null && errs.isEmpty()) {
            throw Sneaky.raise(propagateCancellation);
        }
        if (pending != null && !(pending instanceof CancelledError)) {
            errs.add(pending);
        }
        if (!errs.isEmpty()) {
            if (parent.cancelling() > 0) {
                // The parent is also being cancelled from outside: keep its request count stable, and
                // make sure the cancellation is delivered at its next await.
                parent.uncancel();
                parent.cancel();
            }
            throw new ExceptionGroup("unhandled errors in a TaskGroup", errs);
        }
        return Boolean.FALSE;
    }
}
