package dev.tulip.io;

import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Tulip;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * N event loops, each running forever on its own thread: Netty's {@code EventLoopGroup}. A server
 * started with {@link Streams#startServer(LoopGroup, ConnectionHandler, String, int)} accepts on the
 * loop that started it and hands each connection to the next loop of the group (round robin), which
 * then owns it: its reader, writer and handler task live on that loop's thread alone, so streams stay
 * single-threaded and lock-free. Crossing between loops goes through the thread-safe bridges
 * ({@link EventLoop#callSoonThreadsafe}, {@link #submit}).
 */
public final class LoopGroup implements AutoCloseable {
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;

    /**
     * Starts {@code n} loops on real time, each on a daemon thread named {@code tulip-loop-i}.
     *
     * @param n how many, usually the number of cores
     */
    public LoopGroup(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("a loop group needs at least one loop, got " + n);
        }
        CountDownLatch started = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            EventLoop loop = new EventLoop();
            loops.add(loop);
            Thread t = new Thread(() -> {
                loop.callSoon(started::countDown);
                loop.runForever();
            }, "tulip-loop-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        try {
            started.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the loops", e);
        }
    }

    /**
     * How many loops.
     *
     * @return the count
     */
    public int size() {
        return loops.size();
    }

    /**
     * One loop of the group.
     *
     * @param i its index, from 0
     * @return the loop
     */
    public EventLoop loop(int i) {
        return loops.get(i);
    }

    /**
     * The next loop, round robin; any thread may call it.
     *
     * @return a loop of the group
     */
    public EventLoop next() {
        return loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
    }

    /**
     * Runs a coroutine on loop {@code i}, from any thread.
     *
     * @param i the loop's index
     * @param coroutine what to run there
     * @param <T> the result type
     * @return its outcome; cancelling it cancels the task
     */
    public <T> CompletableFuture<T> submit(int i, Coroutine<T> coroutine) {
        return Tulip.runCoroutineThreadsafe(coroutine, loops.get(i));
    }

    /**
     * Stops every loop, waits for its thread, and closes it. Call it from outside the group's threads.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (EventLoop l : loops) {
            l.callSoonThreadsafe(l::stop);
        }
        for (Thread t : threads) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (EventLoop l : loops) {
            if (!l.isRunning()) {
                l.close();
            }
        }
    }
}
