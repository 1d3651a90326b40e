package dev.tulip.examples.handmade;

import dev.tulip.Generator;
import dev.tulip.Tulip;

/**
 * Seed 001, section 4.2, continued: with a {@code subtask} longer than {@code example}, the subtask
 * outlives it. {@code run_until_complete} returns once {@code example} is done, leaving the subtask
 * suspended in the loop, a zombie, until {@code run_until_empty} finishes it.
 *
 * <pre>{@code
 * >>> def subtask():
 * ...     print("Tâche 'subtask'")
 * ...     for _ in range(5):
 * ...         print("(subtask)")
 * ...         yield
 * ...
 * >>> event_loop.run_until_complete(example())
 * Tâche 'example'
 * Lancement de la tâche 'subtask'
 * Retour dans 'example'
 * (example)
 * Tâche 'subtask'
 * (subtask)
 * (example)
 * (subtask)
 * (example)
 * (subtask)
 * <Task 'example' [FINISHED] (None)>
 * >>> event_loop.run_until_empty()
 * (subtask)
 * (subtask)
 * <Task 'subtask' [FINISHED] (None)>
 * }</pre>
 *
 * <p>{@code example} is {@link EnsureFutureSubtask}'s; Python's session redefines {@code subtask} and
 * reruns it on the same default loop. The port repeats {@code example} here, calling this class's
 * five-pause {@code subtask}. The loop is {@link Loop#DEFAULT_LOOP}, empty again at the end.
 */
public final class ZombieSubtask {
    private ZombieSubtask() {
    }

    /**
     * Schedules the longer {@code subtask} on the default loop, then pauses three times.
     *
     * @return the generator
     */
    @Generator.Method
    static Generator<Void> example() {
        System.out.println("Task 'example'");
        System.out.println("Starting task 'subtask'");
        Loop.ensureFuture(subtask());
        System.out.println("Back in 'example'");
        for (int i = 0; i < 3; i++) {
            System.out.println("(example)");
            Tulip.yield();
        }
        return Tulip.doneYielding();
    }

    /**
     * Pauses five times: longer than {@code example}.
     *
     * @return the generator
     */
    @Generator.Method
    static Generator<Void> subtask() {
        System.out.println("Task 'subtask'");
        for (int i = 0; i < 5; i++) {
            System.out.println("(subtask)");
            Tulip.yield();
        }
        return Tulip.doneYielding();
    }

    /**
     * Runs {@code example} on the default loop, then empties the loop.
     *
     * @param virtual unused: nothing here takes time
     */
    public static void main(boolean virtual) {
        Loop eventLoop = Loop.DEFAULT_LOOP;
        eventLoop.runUntilComplete(ZombieSubtaskAsync.example());
        System.out.println("# example is done, subtask is still in the loop: eventLoop.runUntilEmpty()");
        eventLoop.runUntilEmpty();
    }
}
