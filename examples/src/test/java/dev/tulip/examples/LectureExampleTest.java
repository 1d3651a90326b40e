package dev.tulip.examples;

import static dev.tulip.examples.Output.assertPrints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.EventLoop;
import dev.tulip.examples.lecture.RunForever;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples of seed 004: the lecture script, on virtual time: their whole output. */
class LectureExampleTest {
    @Test
    void morceaux() {
        assertPrints("""
                # morceaux("run") outside any loop: a coroutine object, nothing runs
                <coroutine Morceaux.morceaux>
                # loop.runUntilComplete(morceaux("run"))
                run start
                run middle
                run end
                run in pieces
                # loop.runUntilComplete(gather(morceaux("run1"), morceaux("run2")))
                run1 start
                run2 start
                run1 middle
                run2 middle
                run1 end
                run2 end
                [run1 in pieces, run2 in pieces]
                # both took 1.5 s together
                """, "morceaux");
    }

    @Test
    void writerConsumer() {
        assertPrints("""
                0s + 000ms got tick1
                1s + 000ms got tick2
                2s + 000ms got tick3
                3s + 000ms got tick4
                4s + 000ms got tick5
                """, "writer_consumer");
    }

    @Test
    void runForever() {
        assertPrints("""
                0s + 000ms got tick1
                1s + 000ms got tick2
                2s + 000ms got tick3
                3s + 000ms got tick4
                4s + 000ms got tick5
                5s + 000ms got tick6
                # simulated Ctrl-C at 5.5 s
                ^C
                bye
                # 2 tasks cancelled, loop closed
                """, "run_forever");
    }

    /**
     * The blocking sleeps cannot interleave, and debug mode reports each step that blocked the loop for
     * a second. The durations are real, so they are checked apart.
     */
    @Test
    void famine() {
        String output = Output.ofExample("famine");
        Matcher took = Pattern.compile("took (\\d+\\.\\d{3}) seconds").matcher(output);
        while (took.find()) {
            double seconds = Double.parseDouble(took.group(1));
            assertTrue(seconds >= 0.99 && seconds < 5, output);
        }
        assertEquals("""
                run1 start
                run2 start
                run1 middle
                run1 end
                WARNING: Executing <Task 'famine run1' [FINISHED] ('run1 by starvation')> took N seconds
                run2 middle
                run2 end
                WARNING: Executing <Task 'famine run2' [FINISHED] ('run2 by starvation')> took N seconds
                [run1 by starvation, run2 by starvation]
                """, took.replaceAll("took N seconds"));
    }

    /**
     * Ctrl-C from another thread, on a real-time loop: the interrupt action goes through
     * callSoonThreadsafe, runForever returns, the tasks are cancelled and the loop is closed.
     */
    @Test
    void runForeverInterruptedFromAnotherThread() {
        EventLoop loop = new EventLoop();
        String output = Output.of(() -> RunForever.run(loop, ctrlC -> {
            Thread presser = new Thread(() -> {
                try {
                    Thread.sleep(2500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ctrlC.run();
            }, "ctrl-c");
            presser.setDaemon(true);
            presser.start();
        }));
        assertTrue(output.matches("""
                0s \\+ 0\\d\\dms got tick1
                1s \\+ 0\\d\\dms got tick2
                2s \\+ 0\\d\\dms got tick3
                \\^C
                bye
                # 2 tasks cancelled, loop closed
                """), output);
        assertTrue(loop.isClosed());
    }
}
