package dev.tulip.examples.lecture;

import static dev.tulip.Tulip.*;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Task;
import dev.tulip.Tulip;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Seed 004 (the lecture script), "ce qu'il ne faut pas faire": {@code famine} is {@link Morceaux
 * morceaux} with its second sleep replaced by a blocking {@code time.sleep(1)}. A coroutine keeps the
 * loop until its next {@code await}, so while one blocks, the other cannot run: the pieces no longer
 * interleave, and the whole takes about 2.5 seconds instead of 1.5.
 *
 * <pre>{@code
 * async def famine(message):
 *     print(message, "début")
 *     # avec await on rend la main
 *     await asyncio.sleep(0.5)
 *     print(message, "milieu")
 *     # on garde la main au lieu de la rendre
 *     time.sleep(1)
 *     print(message, "fin")
 *     return f'{message} par famine'
 *
 * loop.run_until_complete(asyncio.gather(famine("run1"), famine("run2")))
 * }</pre>
 *
 * <p>The example runs in debug mode ({@code Tulip.run(main, true)}, Python's
 * {@code asyncio.run(main(), debug=True)}), in which the loop reports every step that held it for more
 * than 0.1 s. Those reports go to the {@code dev.tulip} logger; the example routes them to standard
 * output for the time of the run, so they appear among the program's lines:
 * {@code WARNING: Executing <Task 'famine run1' [RUNNING]> took 1.001 seconds}. The blocking sleep is
 * real even on a virtual-time loop (and the virtual clock does not move during it: the loop cannot
 * notice time passing while a step blocks it), so this example always takes two seconds of real time.
 * The tasks are named so that the warnings say which coroutine starved the other.
 */
public final class Famine {
    private Famine() {
    }

    /** Blocks the thread, and so the loop: what must not be done in a coroutine. */
    static void blockingSleep(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Async
    static Coroutine<String> famine(String message) {
        System.out.println(message + " start");
        // await gives control back to the loop
        await(sleep(0.5));
        System.out.println(message + " middle");
        // keeps control instead of giving it back
        blockingSleep(1);
        System.out.println(message + " end");
        return done(message + " by starvation");
    }

    @Async
    static Coroutine<List<String>> main() {
        Task<String> run1 = createTask(famine("run1"), "famine run1");
        Task<String> run2 = createTask(famine("run2"), "famine run2");
        return done(await(gather(run1, run2)));
    }

    /**
     * Runs the two starving coroutines in debug mode, with the loop's warnings on standard output.
     *
     * @param virtual true to run the loop on virtual time
     */
    public static void main(boolean virtual) {
        Logger logger = Logger.getLogger("dev.tulip");
        Thread loopThread = Thread.currentThread();
        Handler toStdout = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // only the loop's reports, not those of other threads (a cleaner reporting a coroutine)
                if (Thread.currentThread() == loopThread) {
                    System.out.println(record.getLevel() + ": " + getFormatter().formatMessage(record));
                }
            }

            @Override
            public void flush() {
                System.out.flush();
            }

            @Override
            public void close() {
            }
        };
        toStdout.setFormatter(new java.util.logging.SimpleFormatter());
        boolean parents = logger.getUseParentHandlers();
        logger.addHandler(toStdout);
        logger.setUseParentHandlers(false);
        try {
            List<String> results = virtual ? Tulip.runVirtual(FamineAsync.main(), true)
                    : Tulip.run(FamineAsync.main(), true);
            System.out.println(results);
        } finally {
            logger.removeHandler(toStdout);
            logger.setUseParentHandlers(parents);
        }
    }
}
