package dev.tulip.examples;

import static dev.tulip.examples.Output.assertPrints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.examples.handmade.Loop;
import org.junit.jupiter.api.Test;

/**
 * The examples of seed 001 that build an event loop out of generators (sections 3 and 4): their whole
 * output. Most involve no Tulip loop at all; {@code generators_on_asyncio} runs on virtual time.
 */
class HandMadeExampleTest {
    /**
     * The output of an example, with generators described by their method. The processor does not name
     * generated generators yet: they describe themselves by their state machine's class
     * ({@code <generator TicTac>}) instead of {@code <generator TicTac.ticTac>}; this accepts both.
     */
    static String withGeneratorNames(String output, String machine, String method) {
        return output.replace("generator " + machine + ">", "generator " + method + ">");
    }

    @Test
    void ticTac() {
        assertEquals("""
                # task = ticTac(): a generator, nothing runs
                <generator TicTac.ticTac>
                # task.next()
                Tic
                # task.next()
                Tac
                # task.next()
                StopIteration: Boom!
                # run to exhaustion
                Tic
                Tac
                return value: 'Boom!'
                """, withGeneratorNames(Output.ofExample("tic_tac"), "TicTac", "TicTac.ticTac"));
    }

    @Test
    void handMadeTask() {
        assertPrints("""
                <Task 'ticTac' [NEW]>
                Tic
                <Task 'ticTac' [RUNNING]>
                Tac
                <Task 'ticTac' [RUNNING]>
                <Task 'ticTac' [FINISHED] ('Boom!')>
                'Boom!'
                # a coroutine that raises: the task ends in ERROR
                Ready
                <Task 'fails' [RUNNING]>
                <Task 'fails' [ERROR] (java.lang.IllegalStateException: no more tics)>
                """, "hand_made_task");
    }

    @Test
    void roundRobin() {
        assertPrints("""
                Tic
                Tic
                Tac
                Tac
                <Task 'ticTac' [FINISHED] ('Boom!')>
                <Task 'ticTac' [FINISHED] ('Boom!')>
                """, "round_robin");
    }

    @Test
    void handMadeLoop() {
        assertPrints("""
                Tic
                Spam
                Tac
                Eggs
                <Task 'ticTac' [FINISHED] ('Boom!')>
                Bacon
                <Task 'spam' [FINISHED] ('SPAM!')>
                # eventLoop.runUntilComplete(ticTac()) on a new Loop
                Tic
                Tac
                <Task 'ticTac' [FINISHED] ('Boom!')>
                """, "hand_made_loop");
    }

    private static final String ON_ASYNCIO = """
            # loop.runUntilComplete(ticTac())
            Tic
            Tac
            Boom!
            # loop.runUntilComplete(Tulip.wait([spam, ticTac]))
            Spam
            Tic
            Eggs
            Tac
            Bacon
            <WaitResult done=[<Task 'spam' [FINISHED] ('SPAM!')>, <Task 'ticTac' [FINISHED] ('Boom!')>] pending=[]>
            """;

    @Test
    void generatorsOnAsyncio() {
        assertPrints(ON_ASYNCIO, "generators_on_asyncio");
    }

    /** Nothing sleeps: the real clock gives the same trace. */
    @Test
    void generatorsOnAsyncioRealTime() {
        assertEquals(ON_ASYNCIO, Output.ofExample("generators_on_asyncio", "--real-time"));
    }

    @Test
    void yieldFromSubtask() {
        assertPrints("""
                Task 'example'
                Starting task 'subtask'
                Task 'subtask'
                (subtask)
                (subtask)
                Back in 'example'
                (example)
                (example)
                (example)
                <Task 'example' [FINISHED] (null)>
                """, "yield_from_subtask");
    }

    @Test
    void ensureFutureSubtask() {
        assertPrints("""
                Task 'example'
                Starting task 'subtask'
                Back in 'example'
                (example)
                Task 'subtask'
                (subtask)
                (example)
                (subtask)
                (example)
                <Task 'subtask' [FINISHED] (null)>
                <Task 'example' [FINISHED] (null)>
                """, "ensure_future_subtask");
        assertTrue(Loop.DEFAULT_LOOP.isEmpty());
    }

    @Test
    void zombieSubtask() {
        assertPrints("""
                Task 'example'
                Starting task 'subtask'
                Back in 'example'
                (example)
                Task 'subtask'
                (subtask)
                (example)
                (subtask)
                (example)
                (subtask)
                <Task 'example' [FINISHED] (null)>
                # example is done, subtask is still in the loop: eventLoop.runUntilEmpty()
                (subtask)
                (subtask)
                <Task 'subtask' [FINISHED] (null)>
                """, "zombie_subtask");
        assertTrue(Loop.DEFAULT_LOOP.isEmpty());
    }

    @Test
    void cancelSubtask() {
        assertPrints("""
                Task 'example'
                Starting task 'subtask'
                Back in 'example'
                (example)
                Task 'subtask'
                (subtask)
                (example)
                (subtask)
                (example)
                (subtask)
                <Task 'subtask' [CANCELLED]>
                <Task 'example' [FINISHED] (null)>
                """, "cancel_subtask");
        assertTrue(Loop.DEFAULT_LOOP.isEmpty());
    }
}
