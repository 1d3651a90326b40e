package dev.tulip.benchmarks;

import dev.tulip.AsyncFuture;
import dev.tulip.EventLoop;

/**
 * Makes the runtime's call sites see many coroutine classes before the benchmark is compiled, as in a
 * real program with many {@code @Async} methods. JMH runs each benchmark in a fresh JVM, where the call
 * {@code coroutine.resume(...)} inside {@code Task} would otherwise only ever see the benchmark's one
 * coroutine class and be inlined: a flattering picture.
 */
final class Pollution {
    private Pollution() {
    }

    static void pollute() {
        try (EventLoop loop = new EventLoop()) {
            AsyncFuture<Integer> done = loop.createFuture();
            done.setResult(1);
            for (int round = 0; round < 200; round++) {
                loop.runUntilComplete(new Coros.Yielder(50));
                loop.runUntilComplete(new Coros.AwaitChains(10, 5, null));
                loop.runUntilComplete(new Coros.AwaitDone(done, 10, null));
                loop.runUntilComplete(new Coros.Spawn(20, 5));
                loop.runUntilComplete(new Coros.SpawnAndAwait(20));
                Coros.Table t = new Coros.Table();
                loop.createTask(new Coros.Pong(t));
                loop.runUntilComplete(new Coros.Ping(t, 20));
            }
        }
        try (EventLoop loop = EventLoop.virtualTime()) {
            for (int round = 0; round < 20; round++) {
                loop.runUntilComplete(new Coros.SpawnSleepers(100, true, null));
            }
        }
    }
}
