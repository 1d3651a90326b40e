package dev.tulip.examples.lecture;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import java.util.List;

/**
 * Seed 004 (the lecture script), "coroutine", "objet coroutine", "boucle d'événements" and "plusieurs
 * traitements": the coroutine {@code morceaux} does its work in three pieces separated by sleeps.
 *
 * <pre>{@code
 * async def morceaux(message):
 *     # on appelle le code synchrone normalement
 *     print(message, "début")
 *     # avec await on rend la main
 *     await asyncio.sleep(0.5)
 *     print(message, "milieu")
 *     await asyncio.sleep(1)
 *     print(message, "fin")
 *     return f'{message} par morceaux'
 *
 * morceaux("run")              # a coroutine object; nothing is printed
 * loop = asyncio.get_event_loop()
 * loop.run_until_complete(morceaux("run"))
 * loop.run_until_complete(asyncio.gather(morceaux("run1"), morceaux("run2")))
 * }</pre>
 *
 * (The script refers to these fragments of the course's notebook, quoted here.) Messages are translated:
 * début, milieu, fin, par morceaux become start, middle, end, in pieces.
 *
 * <ul>
 *   <li>Calling the generated factory outside any loop only creates the coroutine (its state machine)
 *       and runs nothing, exactly like calling an {@code async def} function; the example prints the
 *       object. Left alone it is simply dropped (in debug mode Tulip reports such a coroutine when it is
 *       garbage-collected, as Python's "coroutine ... was never awaited").</li>
 *   <li>{@code get_event_loop()} becomes an explicit {@code new EventLoop()} (Tulip has no implicit
 *       default loop); {@code runUntilComplete} returns the coroutine's result, which the Python REPL
 *       echoed and the example prints.</li>
 *   <li>{@code gather} wraps coroutines in tasks of the running loop, and no loop runs yet where the
 *       script calls it; so the example gathers tasks it first creates on the loop (a future knows its
 *       loop). The two coroutines interleave: both starts, then both middles, then both ends, in 1.5
 *       seconds rather than 3.</li>
 * </ul>
 */
public final class Morceaux {
    private Morceaux() {
    }

    /**
     * The coroutine of the lecture.
     *
     * @param message what to prefix each piece with
     * @return the coroutine; nothing runs until it is awaited or scheduled
     */
    @Async
    static Coroutine<String> morceaux(String message) {
        // plain synchronous code runs as usual
        System.out.println(message + " start");
        // await gives control back to the loop
        await(sleep(0.5));
        System.out.println(message + " middle");
        await(sleep(1));
        System.out.println(message + " end");
        return done(message + " in pieces");
    }

    /**
     * Runs the three steps.
     *
     * @param virtual true to run on virtual time (instant and deterministic)
     */
    public static void main(boolean virtual) {
        System.out.println("# morceaux(\"run\") outside any loop: a coroutine object, nothing runs");
        Coroutine<String> coroutine = MorceauxAsync.morceaux("run");
        System.out.println(coroutine);
        try (EventLoop loop = virtual ? EventLoop.virtualTime() : new EventLoop()) {
            System.out.println("# loop.runUntilComplete(morceaux(\"run\"))");
            System.out.println(loop.runUntilComplete(MorceauxAsync.morceaux("run")));
            System.out.println("# loop.runUntilComplete(gather(morceaux(\"run1\"), morceaux(\"run2\")))");
            double start = loop.time();
            List<String> results = loop.runUntilComplete(gather(
                    loop.createTask(MorceauxAsync.morceaux("run1")),
                    loop.createTask(MorceauxAsync.morceaux("run2"))));
            System.out.println(results);
            System.out.printf("# both took %.1f s together%n", loop.time() - start);
        }
    }
}
