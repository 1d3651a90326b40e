package dev.tulip.examples.notebook;

import dev.tulip.Generator;
import dev.tulip.Tulip;
import java.util.List;

/**
 * Seed 002, section 1.1 ("Les générateurs et coroutines"): the generator {@code dwarfs}, which pauses
 * between two {@code __next__} calls without blocking anything.
 *
 * <pre>{@code
 * def dwarfs():
 *     for name in ['Grumpy', 'Happy', 'Sleepy', 'Bashful', 'Sneezy', 'Dopey', 'Doc']:
 *         yield name
 * }</pre>
 *
 * <p>The seed only defines it; the example shows it at work: creating the generator runs nothing,
 * {@code next()} runs it to its next {@code yield}, twice, then a for-each loop (Python's {@code for})
 * takes the rest. A {@link Generator} is an {@link Iterable} and its own {@link java.util.Iterator}.
 */
public final class Dwarfs {
    /** The seven dwarfs, in the seed's order. */
    static final List<String> NAMES = List.of("Grumpy", "Happy", "Sleepy", "Bashful", "Sneezy", "Dopey", "Doc");

    private Dwarfs() {
    }

    /**
     * Yields the names one by one.
     *
     * @return the generator; nothing runs until it is iterated
     */
    @Generator.Method
    static Generator<String> dwarfs() {
        for (String name : NAMES) {
            Tulip.yield(name);
        }
        return Tulip.doneYielding();
    }

    /**
     * Runs the example. No event loop is involved.
     *
     * @param virtual unused: nothing here takes time
     */
    public static void main(boolean virtual) {
        System.out.println("# names = dwarfs(): a generator, nothing runs");
        Generator<String> names = DwarfsAsync.dwarfs();
        System.out.println(names);
        System.out.println("# names.next(), names.next(): it runs to its next yield, and pauses there");
        System.out.println(names.next());
        System.out.println(names.next());
        System.out.println("# for (String dwarf : names): the rest");
        for (String dwarf : names) {
            System.out.println(dwarf);
        }
    }
}
