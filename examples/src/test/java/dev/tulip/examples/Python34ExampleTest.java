package dev.tulip.examples;

import static dev.tulip.examples.Output.assertPrints;

import org.junit.jupiter.api.Test;

/** The examples of seed 003: asyncio on Python 3.4, on virtual time: their whole output. */
class Python34ExampleTest {
    @Test
    void unboundedQueue() {
        assertPrints("""
                0
                1
                2
                3
                4
                # the consumer still waits for a 6th element after 3 s: stopped; run_forever() is never reached
                """, "unbounded_queue");
    }

    @Test
    void unboundedQueueGenerators() {
        assertPrints("""
                <Task 'producer' [FINISHED] (null)>
                0
                1
                2
                3
                4
                # the consumer still waits for a 6th element after 100 turns of the loop: stopped; run_forever() is never reached
                """, "unbounded_queue_generators");
    }
}
