package dev.tulip.examples.handmade;

import dev.tulip.Generator;
import dev.tulip.Tulip;

/**
 * Seed 001, section 4.2 ("Lancement d'une tâche concurrente"): {@code example} schedules
 * {@code subtask} with the hand-made {@code ensure_future} instead of delegating to it, and the two run
 * concurrently on the default loop.
 *
 * <pre>{@code
 * DEFAULT_LOOP = Loop()
 *
 * def ensure_future(coro, loop=None):
 *     if loop is None:
 *         loop = DEFAULT_LOOP
 *     return loop.schedule(coro)
 *
 * def example():
 *     print("Tâche 'example'")
 *     print("Lancement de la tâche 'subtask'")
 *     ensure_future(subtask()) # <- appel à ensure_future au lieu de yield from
 *     print("Retour dans 'example'")
 *     for _ in range(3):
 *         print("(example)")
 *         yield
 *
 * >>> event_loop = DEFAULT_LOOP
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
 * <Task 'subtask' [FINISHED] (None)>
 * <Task 'example' [FINISHED] (None)>
 * }</pre>
 *
 * <p>{@code subtask} is section 4.1's (two pauses): it finishes just before {@code example}. The
 * hand-made {@code DEFAULT_LOOP} and {@code ensure_future} are {@link Loop#DEFAULT_LOOP} and
 * {@link Loop#ensureFuture(Generator)}. Messages are translated as in {@link YieldFromSubtask}.
 */
public final class EnsureFutureSubtask {
    private EnsureFutureSubtask() {
    }

    /**
     * Schedules {@code subtask} on the default loop, then pauses three times.
     *
     * @return the generator
     */
    @Generator.Method
    static Generator<Void> example() {
        System.out.println("Task 'example'");
        System.out.println("Starting task 'subtask'");
        Loop.ensureFuture(subtask()); // <- ensureFuture instead of yieldFrom
        System.out.println("Back in 'example'");
        for (int i = 0; i < 3; i++) {
            System.out.println("(example)");
            Tulip.yield();
        }
        return Tulip.doneYielding();
    }

    /**
     * Pauses twice (section 4.1's {@code subtask}).
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
     * Runs {@code example} on the default loop.
     *
     * @param virtual unused: nothing here takes time
     */
    public static void main(boolean virtual) {
        Loop eventLoop = Loop.DEFAULT_LOOP;
        eventLoop.runUntilComplete(EnsureFutureSubtaskAsync.example());
    }
}
