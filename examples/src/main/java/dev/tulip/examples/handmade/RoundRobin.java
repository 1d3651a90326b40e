package dev.tulip.examples.handmade;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Seed 001, section 3: two {@code tic_tac} tasks in a {@code deque}, each run one step at a time in
 * turn: their output interleaves, the two coroutines run concurrently.
 *
 * <pre>{@code
 * >>> from collections import deque
 * >>> running_tasks = deque()
 * >>> running_tasks.append(Task(tic_tac()))
 * >>> running_tasks.append(Task(tic_tac()))
 * >>> while running_tasks:
 * ...     # On récupère une tâche en attente et on l'exécute
 * ...     task = running_tasks.popleft()
 * ...     task.run()
 * ...     if task.is_done():
 * ...         # Si la tâche est terminée, on l'affiche
 * ...         print(task)
 * ...     else:
 * ...         # La tâche n'est pas finie, on la replace au bout
 * ...         # de la file d'attente
 * ...         running_tasks.append(task)
 * ...
 * Tic
 * Tic
 * Tac
 * Tac
 * <Task 'tic_tac' [FINISHED] ('Boom!')>
 * <Task 'tic_tac' [FINISHED] ('Boom!')>
 * }</pre>
 *
 * <p>{@code collections.deque} is {@link ArrayDeque}: {@code append} is {@code addLast},
 * {@code popleft} is {@code removeFirst}.
 */
public final class RoundRobin {
    private RoundRobin() {
    }

    /**
     * Runs the example. No event loop is involved: the deque is the loop.
     *
     * @param virtual unused: nothing here takes time
     */
    public static void main(boolean virtual) {
        Deque<Task> runningTasks = new ArrayDeque<>();
        runningTasks.addLast(new Task(TicTacAsync.ticTac()));
        runningTasks.addLast(new Task(TicTacAsync.ticTac()));
        while (!runningTasks.isEmpty()) {
            // Take a waiting task and run it.
            Task task = runningTasks.removeFirst();
            task.run();
            if (task.isDone()) {
                // The task is finished: show it.
                System.out.println(task);
            } else {
                // Not finished: back to the end of the queue.
                runningTasks.addLast(task);
            }
        }
    }
}
