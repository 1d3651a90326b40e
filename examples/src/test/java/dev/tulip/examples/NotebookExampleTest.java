package dev.tulip.examples;

import static dev.tulip.examples.HandMadeExampleTest.withGeneratorNames;
import static dev.tulip.examples.Output.assertPrints;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The examples of seed 002: coroutines from generators to async/await, on virtual time: their whole output. */
class NotebookExampleTest {
    @Test
    void dwarfs() {
        assertEquals("""
                # names = dwarfs(): a generator, nothing runs
                <generator Dwarfs.dwarfs>
                # names.next(), names.next(): it runs to its next yield, and pauses there
                Grumpy
                Happy
                # for (String dwarf : names): the rest
                Sleepy
                Bashful
                Sneezy
                Dopey
                Doc
                """, withGeneratorNames(Output.ofExample("dwarfs"), "Dwarfs", "Dwarfs.dwarfs"));
    }

    @Test
    void talk() {
        assertPrints("""
                # s = talk(); s.next()
                Get ready for this
                # s.send("Surprise!")
                Surprise!
                # s.send("stop"): talk leaves its loop and returns
                stop
                StopIteration
                # gen = talk(); gen.send("Surprise!") without a first next()
                IllegalStateException: can't send non-null value to a just-started generator
                """, "talk");
    }

    @Test
    void talkPrimed() {
        assertPrints("""
                # s = primedTalk(), that is talk().primed()
                Get ready for this
                # s.send("Surprise!")
                Surprise!
                """, "talk_primed");
    }

    @Test
    void dwarfsYieldFrom() {
        assertPrints("""
                Grumpy
                Happy
                Sleepy
                Bashful
                Sneezy
                Dopey
                Doc
                # r = relay().primed(): relay delegates to talk with yieldFrom
                Get ready for this
                # r.send("Surprise!"): the value goes through relay to talk
                Surprise!
                # r.send("stop")
                stop
                talk returned: back in relay
                StopIteration
                """, "dwarfs_yield_from");
    }

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

    @Test
    void asyncDwarfs() {
        assertEquals("""
                # dwarfs(): an asynchronous generator, nothing runs
                <async generator AsyncDwarfs.dwarfs>
                # run(printDwarfs()): for (String dwarf : dwarfs()) in an @Async method
                Grumpy
                Happy
                Sleepy
                Bashful
                Sneezy
                Dopey
                Doc
                """, withGeneratorNames(Output.ofExample("async_dwarfs"), "Dwarfs", "AsyncDwarfs.dwarfs"));
    }

    @Test
    void asyncComprehensions() {
        assertPrints("""
                [Grumpy, Happy, Sleepy, Bashful, Sneezy, Dopey, Doc]
                [Sleepy, Sneezy, Dopey]
                """, "async_comprehensions");
    }
}
