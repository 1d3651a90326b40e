package dev.tulip.examples.handmade;

import dev.tulip.Generator;
import dev.tulip.StopIteration;
import dev.tulip.Tulip;

/**
 * Seed 001, section 3 ("Une boucle événementielle, c'est essentiel"): {@code tic_tac}, a coroutine
 * written as a generator, driven by hand with {@code next()}, then by a loop that runs it to
 * exhaustion. Also {@code spam}, the second coroutine of the section, used by the other examples of
 * this package.
 *
 * <pre>{@code
 * def tic_tac():
 *     print("Tic")
 *     yield
 *     print("Tac")
 *     yield
 *     return "Boum!"
 *
 * >>> task = tic_tac()
 * >>> task
 * <generator object tic_tac at 0x7fe157023280>
 * >>> next(task)
 * Tic
 * >>> next(task)
 * Tac
 * >>> next(task)
 * Traceback (most recent call last):
 *   File "<stdin>", line 1, in <module>
 * StopIteration: Boum!
 *
 * >>> task = tic_tac()
 * >>> while True:
 * ...     try:
 * ...         next(task)
 * ...     except StopIteration as stop:
 * ...         print("valeur de retour:", repr(stop.value))
 * ...         break
 * ...
 * Tic
 * Tac
 * valeur de retour: 'Boum!'
 *
 * def spam():
 *     print("Spam")
 *     yield
 *     print("Eggs")
 *     yield
 *     print("Bacon")
 *     yield
 *     return "SPAM!"
 * }</pre>
 *
 * <p>The seed returns {@code "Boum!"} here but prints {@code ('Boom!')} in every task afterwards; the
 * port uses {@code "Boom!"} everywhere, the English word, like the other translated messages
 * ({@code valeur de retour} is {@code return value}).
 *
 * <p>A bare {@code yield} is {@code Tulip.yield()}; {@code return "Boom!"} in a generator is
 * {@code return Tulip.doneYielding("Boom!")}, and the value travels in the {@link StopIteration} that
 * ends the iteration ({@code stop.value()}), as in Python. Calling the generator method only creates
 * the generator: nothing is printed until the first {@code next()}.
 */
public final class TicTac {
    private TicTac() {
    }

    /**
     * Prints Tic, pauses, prints Tac, pauses, and returns "Boom!".
     *
     * @return the generator; nothing runs until it is iterated
     */
    @Generator.Method
    static Generator<Void> ticTac() {
        System.out.println("Tic");
        Tulip.yield();
        System.out.println("Tac");
        Tulip.yield();
        return Tulip.doneYielding("Boom!");
    }

    /**
     * Prints Spam, Eggs and Bacon with a pause after each, and returns "SPAM!".
     *
     * @return the generator; nothing runs until it is iterated
     */
    @Generator.Method
    static Generator<Void> spam() {
        System.out.println("Spam");
        Tulip.yield();
        System.out.println("Eggs");
        Tulip.yield();
        System.out.println("Bacon");
        Tulip.yield();
        return Tulip.doneYielding("SPAM!");
    }

    /**
     * Runs the two steps. No event loop is involved.
     *
     * @param virtual unused: nothing here takes time
     */
    public static void main(boolean virtual) {
        System.out.println("# task = ticTac(): a generator, nothing runs");
        Generator<Void> task = TicTacAsync.ticTac();
        System.out.println(task);
        System.out.println("# task.next()");
        task.next();
        System.out.println("# task.next()");
        task.next();
        System.out.println("# task.next()");
        try {
            task.next();
        } catch (StopIteration stop) {
            System.out.println("StopIteration: " + stop.value());
        }

        System.out.println("# run to exhaustion");
        task = TicTacAsync.ticTac();
        while (true) {
            try {
                task.next();
            } catch (StopIteration stop) {
                System.out.println("return value: " + Task.repr(stop.value()));
                break;
            }
        }
    }
}
