package dev.tulip.examples;

import static dev.tulip.examples.Output.assertPrints;

import org.junit.jupiter.api.Test;

/** The examples of seed 002: coroutines from generators to async/await, on virtual time: their whole output. */
class NotebookExampleTest {
    @Test
    void sayAfter() {
        assertPrints("""
                # sayAfter(1, "Hello") outside any loop: a coroutine object, nothing runs
                <coroutine SayAfter.sayAfter>
                # run(sayAfter(1, "hello"))
                hello
                # awaited one after the other
                started at 0
                hello
                world
                finished at 3
                # as two tasks
                started at 0
                world
                hello
                finished at 2
                """, "say_after");
    }

    @Test
    void awaitables() {
        assertPrints("""
                42
                42
                set by a callback after 1 s
                (awaited 1 s)
                """, "awaitables");
    }

    @Test
    void inExecutor() {
        assertPrints("""
                Hello
                World
                """, "in_executor");
    }

    @Test
    void gatherOrder() {
        assertPrints("""
                World
                Hello
                results: [Hello, World]
                """, "gather_order");
    }
}
