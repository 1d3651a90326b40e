package dev.tulip;

import java.util.ArrayDeque;

/**
 * How an {@link EventLoop} waits when nothing is ready: asyncio's {@code selector.select(timeout)} in
 * {@code _run_once}. The loop decides how long it may wait (until the next timer, forever, or not at
 * all); the poller decides how: {@link ParkingPoller} parks the thread (a loop that never touched I/O),
 * {@link SelectorPoller} waits in a NIO {@link java.nio.channels.Selector} and queues the readiness
 * callbacks of the channels that became ready. Virtual time is not a poller: it is the loop choosing a
 * zero timeout and moving its clock instead of waiting (see {@link EventLoop}).
 */
interface Poller {
    /**
     * Waits for I/O or a {@link #wakeup}; spurious returns are allowed (the loop re-checks).
     *
     * @param timeoutNanos how long at most: negative waits until woken, 0 only looks
     * @param ready where to append the handles of the callbacks whose channel is ready
     * @return how many handles were appended
     */
    int poll(long timeoutNanos, ArrayDeque<Object> ready);

    /**
     * Makes a current or the next {@link #poll} return at once. Any thread may call it.
     *
     * @param loopThread the thread running the loop, or null when it is not running
     */
    void wakeup(Thread loopThread);

    /** Releases what the poller holds (the selector's descriptor). */
    void close();
}
