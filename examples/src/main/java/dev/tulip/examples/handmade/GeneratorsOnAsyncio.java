package dev.tulip.examples.handmade;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.Tulip;
import dev.tulip.WaitResult;
import java.util.List;

/**
 * Seed 001, end of section 3: the same two coroutines on the real event loop, which schedules them
 * exactly as the hand-made {@link Loop} does ("Drôlement familier, n'est-ce pas ?").
 *
 * <pre>{@code
 * >>> import asyncio
 * >>> loop = asyncio.get_event_loop()
 * >>> loop.run_until_complete(tic_tac())
 * Tic
 * Tac
 * 'Boom!'
 * >>> loop.run_until_complete(asyncio.wait([tic_tac(), spam()]))
 * Spam
 * Tic
 * Eggs
 * Tac
 * Bacon
 * ({Task(<tic_tac>)<result='Boom!'>, Task(<spam>)<result='SPAM!'>}, set())
 * }</pre>
 *
 * <p>The seed passes its generators themselves to asyncio, which (before Python 3.12) accepted a
 * generator as a coroutine, and for which a bare {@code yield} meant: give the other tasks a turn.
 * Tulip's loop runs coroutines, not {@link dev.tulip.Generator}s: the port writes {@code tic_tac} and
 * {@code spam} as {@code @Async} methods, and each bare {@code yield} as {@code await(sleep(0))},
 * which is exactly what it is in asyncio ({@code asyncio.sleep(0)} is a bare {@code yield}). Everything
 * else is the same: the loop runs every ready task one step in turn, as {@link Loop#loopOnce()} does.
 *
 * <ul>
 *   <li>{@code get_event_loop()} is a loop of our own (Tulip has no implicit one);
 *       {@code runUntilComplete} returns the result, which the REPL echoed and the example prints.</li>
 *   <li>{@code asyncio.wait} took a set of coroutines and started them in the set's order, which
 *       happened to put {@code spam} first; {@code Tulip.wait} starts them in the order given. The
 *       example gives {@code spam} first, to reproduce the seed's trace line for line, and names each
 *       task after its coroutine as Python 3.4 showed it ({@code Task(<tic_tac>)}; Tulip's default
 *       names are {@code Task-N}). The done set iterates in that same order.</li>
 * </ul>
 */
public final class GeneratorsOnAsyncio {
    private GeneratorsOnAsyncio() {
    }

    /**
     * {@code tic_tac} as a coroutine of the real loop.
     *
     * @return the coroutine
     */
    @Async
    static Coroutine<String> ticTac() {
        System.out.println("Tic");
        await(sleep(0));
        System.out.println("Tac");
        await(sleep(0));
        return done("Boom!");
    }

    /**
     * {@code spam} as a coroutine of the real loop.
     *
     * @return the coroutine
     */
    @Async
    static Coroutine<String> spam() {
        System.out.println("Spam");
        await(sleep(0));
        System.out.println("Eggs");
        await(sleep(0));
        System.out.println("Bacon");
        await(sleep(0));
        return done("SPAM!");
    }

    /**
     * Runs the two steps on one loop.
     *
     * @param virtual true to run on virtual time (nothing here sleeps: the output is the same)
     */
    public static void main(boolean virtual) {
        try (EventLoop loop = virtual ? EventLoop.virtualTime() : new EventLoop()) {
            System.out.println("# loop.runUntilComplete(ticTac())");
            System.out.println(loop.runUntilComplete(GeneratorsOnAsyncioAsync.ticTac()));
            System.out.println("# loop.runUntilComplete(Tulip.wait([spam, ticTac]))");
            Task<String> spam = loop.createTask(GeneratorsOnAsyncioAsync.spam(), "spam");
            Task<String> ticTac = loop.createTask(GeneratorsOnAsyncioAsync.ticTac(), "ticTac");
            WaitResult<String> result = loop.runUntilComplete(Tulip.wait(List.of(spam, ticTac)));
            System.out.println(result);
        }
    }
}
