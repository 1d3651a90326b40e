package dev.tulip.examples.handmade;

import dev.tulip.Generator;
import dev.tulip.Tulip;

/**
 * Seed 001, section 4.3 ("Annulation d'une tâche"): {@code example} cancels the subtask it started
 * before it ends, through a small {@code cancel} coroutine; the loop drops the cancelled task, printed
 * with the CANCELLED status, when its turn comes.
 *
 * <pre>{@code
 * def cancel(task):
 *     # On annule la tâche
 *     task.cancel()
 *     # On laisse la main à la boucle événementielle pour qu'elle ait l'occasion
 *     # de prendre en compte l'annulation
 *     yield
 *
 * def example():
 *     print("Tâche 'example'")
 *     print("Lancement de la tâche 'subtask'")
 *     sub = ensure_future(subtask())
 *     print("Retour dans 'example'")
 *     for _ in range(3):
 *         print("(example)")
 *         yield
 *     yield from cancel(sub)
 *
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
 * <Task 'subtask' [CANCELLED]>
 * <Task 'example' [FINISHED] (None)>
 * }</pre>
 *
 * <p>{@code subtask} is the five-pause one of {@link ZombieSubtask}; the loop is the default one.
 * {@link Task#cancel()} and the test in {@link Loop#loopOnce()} are the additions of section 4.3.
 * As in the seed, the cancelled generator is simply never run again (it is not closed).
 */
public final class CancelSubtask {
    private CancelSubtask() {
    }

    /**
     * Cancels a task, then gives the loop a turn to take the cancellation into account.
     *
     * @param task the task to cancel
     * @return the generator
     */
    @Generator.Method
    static Generator<Void> cancel(Task task) {
        // Cancel the task
        task.cancel();
        // Give control back to the loop so that it can take the cancellation into account
        Tulip.yield();
        return Tulip.doneYielding();
    }

    /**
     * Schedules {@code subtask}, pauses three times, then cancels it.
     *
     * @return the generator
     */
    @Generator.Method
    static Generator<Void> example() {
        System.out.println("Task 'example'");
        System.out.println("Starting task 'subtask'");
        Task sub = Loop.ensureFuture(subtask());
        System.out.println("Back in 'example'");
        for (int i = 0; i < 3; i++) {
            System.out.println("(example)");
            Tulip.yield();
        }
        Tulip.yieldFrom(cancel(sub));
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
     * Runs {@code example} on the default loop.
     *
     * @param virtual unused: nothing here takes time
     */
    public static void main(boolean virtual) {
        Loop eventLoop = Loop.DEFAULT_LOOP;
        eventLoop.runUntilComplete(CancelSubtaskAsync.example());
    }
}
