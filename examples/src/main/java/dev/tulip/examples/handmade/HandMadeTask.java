package dev.tulip.examples.handmade;

import dev.tulip.Generator;
import dev.tulip.Tulip;

/**
 * Seed 001, section 3: the hand-made {@link Task} running {@code tic_tac} step by step, its status
 * going from NEW to RUNNING to FINISHED.
 *
 * <pre>{@code
 * >>> task = Task(tic_tac())
 * >>> task
 * <Task 'tic_tac' [NEW]>
 * >>> while not task.is_done():
 * ...     task.run()
 * ...     print(task)
 * ...
 * Tic
 * <Task 'tic_tac' [RUNNING]>
 * Tac
 * <Task 'tic_tac' [RUNNING]>
 * <Task 'tic_tac' [FINISHED] ('Boom!')>
 * >>> task.return_value
 * 'Boom!'
 * }</pre>
 *
 * <p>(The seed's listing lost its {@code Tac} line, its line 10, to the page layout; it is restored
 * here.) The task takes its name from the Java method, {@code ticTac}. The REPL's echo of
 * {@code task.return_value} is printed with {@link Task#repr}.
 *
 * <p>The seed never shows the ERROR status; the example adds a generator that raises on its second
 * step, to show it: the task keeps the exception, and its description shows it.
 */
public final class HandMadeTask {
    private HandMadeTask() {
    }

    /**
     * Not in the seed: a coroutine that fails on its second step.
     *
     * @return the generator
     */
    @Generator.Method
    static Generator<Void> fails() {
        System.out.println("Ready");
        Tulip.yield();
        throw new IllegalStateException("no more tics");
    }

    /**
     * Runs the example. No event loop is involved.
     *
     * @param virtual unused: nothing here takes time
     */
    public static void main(boolean virtual) {
        Task task = new Task(TicTacAsync.ticTac());
        System.out.println(task);
        while (!task.isDone()) {
            task.run();
            System.out.println(task);
        }
        System.out.println(Task.repr(task.returnValue()));

        System.out.println("# a coroutine that raises: the task ends in ERROR");
        task = new Task(HandMadeTaskAsync.fails());
        while (!task.isDone()) {
            task.run();
            System.out.println(task);
        }
    }
}
