package dev.tulip.examples.handmade;

import dev.tulip.Generator;
import dev.tulip.Tulip;

/**
 * Seed 001, section 4.1 ("Appel séquentiel"): {@code example} hands over to {@code subtask} with
 * {@code yield from}, and resumes once it is done: a sequential call between coroutines, run on the
 * hand-made {@link Loop}.
 *
 * <pre>{@code
 * def example():
 *     print("Tâche 'example'")
 *     print("Lancement de la tâche 'subtask'")
 *     yield from subtask()
 *     print("Retour dans 'example'")
 *     for _ in range(3):
 *         print("(example)")
 *         yield
 *
 * def subtask():
 *     print("Tâche 'subtask'")
 *     for _ in range(2):
 *         print("(subtask)")
 *         yield
 *
 * >>> event_loop = Loop()
 * >>> event_loop.run_until_complete(example())
 * Tâche 'example'
 * Lancement de la tâche 'subtask'
 * Tâche 'subtask'
 * (subtask)
 * (subtask)
 * Retour dans 'example'
 * (example)
 * (example)
 * (example)
 * <Task 'example' [FINISHED] (None)>
 * }</pre>
 *
 * <p>{@code yield from subtask()} is {@code Tulip.yieldFrom(subtask())}: each pause of
 * {@code subtask} is a pause of {@code example}, so the loop sees one task. Messages are translated:
 * {@code Tâche} is {@code Task}, {@code Lancement de la tâche} is {@code Starting task},
 * {@code Retour dans} is {@code Back in}; Python's {@code None} prints as {@code null}.
 */
public final class YieldFromSubtask {
    private YieldFromSubtask() {
    }

    /**
     * Delegates to {@code subtask}, then pauses three times.
     *
     * @return the generator
     */
    @Generator.Method
    static Generator<Void> example() {
        System.out.println("Task 'example'");
        System.out.println("Starting task 'subtask'");
        Tulip.yieldFrom(subtask());
        System.out.println("Back in 'example'");
        for (int i = 0; i < 3; i++) {
            System.out.println("(example)");
            Tulip.yield();
        }
        return Tulip.doneYielding();
    }

    /**
     * Pauses twice.
     *
     * @return the generator
     */
    @Generator.Method
    static Generator<Void> subtask() {
        System.out.println("Task 'subtask'");
        for (int i = 0; i < 2; i++) {
            System.out.println("(subtask)");
            Tulip.yield();
        }
        return Tulip.doneYielding();
    }

    /**
     * Runs {@code example} on a new hand-made loop.
     *
     * @param virtual unused: nothing here takes time
     */
    public static void main(boolean virtual) {
        Loop eventLoop = new Loop();
        eventLoop.runUntilComplete(YieldFromSubtaskAsync.example());
    }
}
