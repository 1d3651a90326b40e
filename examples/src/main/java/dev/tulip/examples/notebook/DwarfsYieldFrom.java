package dev.tulip.examples.notebook;

import dev.tulip.Generator;
import dev.tulip.StopIteration;
import dev.tulip.Tulip;

/**
 * Seed 002, section 1.2 ("Encore un peu plus loin avec {@code yield}"): {@code dwarfs} rewritten with
 * {@code yield from}, and what makes {@code yield from} more than a shortcut: the values sent to the
 * delegating generator go to the one it delegates to.
 *
 * <pre>{@code
 * def dwarfs():
 *     yield from ['Grumpy', 'Happy', 'Sleepy', 'Bashful', 'Sneezy', 'Dopey', 'Doc']
 * }</pre>
 *
 * <blockquote>Même si cela a juste l'air d'un simple raccourcis, ce n'est absolument pas le cas :
 * lorsque qu'une coroutine utilise yield from, les données que l'on envoie à cette coroutine seront
 * automatiquement transmises à celle appelée par le yield from.</blockquote>
 *
 * <p>{@code yield from iterable} is {@code Tulip.yieldFrom(iterable)}. The seed illustrates the quoted
 * point with no program; the example adds {@code relay}, which delegates to {@link Talk}'s
 * {@code talk} with {@code Tulip.yieldFrom(talk())}: what is sent to {@code relay} is printed by
 * {@code talk}, and {@code relay} resumes once {@code talk} returns. (The section's
 * {@code @asyncio.coroutine} with {@code yield from coroB()} is Python 3.4's coroutine, an
 * {@code @Async} method with {@code await(coroB())} in Tulip: see {@code unbounded_queue}.)
 */
public final class DwarfsYieldFrom {
    private DwarfsYieldFrom() {
    }

    /**
     * Yields every name of the list.
     *
     * @return the generator; nothing runs until it is iterated
     */
    @Generator.Method
    static Generator<String> dwarfs() {
        Tulip.yieldFrom(Dwarfs.NAMES);
        return Tulip.doneYielding();
    }

    /**
     * Not in the seed: hands over to {@code talk} until it returns.
     *
     * @return the generator
     */
    @Generator.Method
    static Generator<Void> relay() {
        Tulip.yieldFrom(TalkAsync.talk());
        System.out.println("talk returned: back in relay");
        return Tulip.doneYielding();
    }

    /**
     * Runs the example. No event loop is involved.
     *
     * @param virtual unused: nothing here takes time
     */
    public static void main(boolean virtual) {
        for (String dwarf : DwarfsYieldFromAsync.dwarfs()) {
            System.out.println(dwarf);
        }
        System.out.println("# r = relay().primed(): relay delegates to talk with yieldFrom");
        Generator<Void> r = DwarfsYieldFromAsync.relay().primed();
        System.out.println("# r.send(\"Surprise!\"): the value goes through relay to talk");
        r.send("Surprise!");
        System.out.println("# r.send(\"stop\")");
        try {
            r.send("stop");
        } catch (StopIteration e) {
            System.out.println("StopIteration");
        }
    }
}
