package dev.tulip;

import java.util.function.BooleanSupplier;

/**
 * A meeting point for a fixed number of tasks: Python's {@code asyncio.Barrier} (3.11).
 *
 * <p>Each task calls {@link #arriveAndWait()} (Python's {@code wait()}, renamed because
 * {@link Object#wait()} is final); when {@link #parties()} tasks have arrived, they are all released at
 * once and each gets a distinct arrival index from 0 to {@code parties - 1}. The barrier then drains
 * and can be used again. Tasks arriving while it drains wait for the next round.
 *
 * <pre>{@code
 * int index = await(barrier.arriveAndWait());   // index = await barrier.wait()
 * }</pre>
 *
 * <p>{@link #abort()} breaks the barrier: waiting and arriving tasks get {@link BrokenBarrierError}.
 * {@link #reset()} returns it to the empty state, waking the tasks that wait with
 * {@code BrokenBarrierError}. A task cancelled while it waits simply leaves the barrier (it does not
 * break it), as in asyncio.
 *
 * <p>Built, as in Python, on a {@link Condition}. Python's {@code reset()} and {@code abort()} are
 * coroutines only because they take the condition's lock, which a barrier never holds across a
 * suspension; here they are plain methods with the same effect. Not thread-safe.
 */
public final class Barrier {
    private static final int FILLING = 0;
    private static final int DRAINING = 1;
    private static final int RESETTING = 2;
    private static final int BROKEN = 3;
    private static final String[] STATE_NAMES = {"filling", "draining", "resetting", "broken"};

    private final Condition cond = new Condition();
    private final int parties;
    private int state = FILLING;
    /** Tasks in the barrier: arrived and not yet left. */
    private int count;
    /** Python's {@code _block} predicate: the barrier neither drains nor resets. */
    private final BooleanSupplier accepting = () -> state != DRAINING && state != RESETTING;
    /** Python's {@code _wait} predicate: the barrier is no longer filling. */
    private final BooleanSupplier filled = () -> state != FILLING;

    /**
     * Creates a barrier for a number of tasks; Python's {@code Barrier(parties)}.
     *
     * @param parties how many tasks must arrive to release them all
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be >= 1, got " + parties);
        }
        this.parties = parties;
    }

    /**
     * Arrives at the barrier and waits until all parties have arrived; Python's {@code await
     * barrier.wait()} (also {@code async with barrier as index}).
     *
     * @return a coroutine producing this task's arrival index, from 0 to {@code parties - 1}
     */
    public Coroutine<Integer> arriveAndWait() {
        return new Wait(this);
    }

    /**
     * Returns the barrier to the empty, filling state; tasks waiting at it get
     * {@link BrokenBarrierError}. Python's {@code await barrier.reset()}.
     */
    public void reset() {
        if (count > 0) {
            state = RESETTING;
        } else {
            state = FILLING;
        }
        cond.notifyUpTo(Integer.MAX_VALUE);
    }

    /**
     * Breaks the barrier: waiting tasks and later arrivals get {@link BrokenBarrierError}, until
     * {@link #reset()}. Python's {@code await barrier.abort()}.
     */
    public void abort() {
        state = BROKEN;
        cond.notifyUpTo(Integer.MAX_VALUE);
    }

    /**
     * The number of tasks needed to release the barrier; Python's {@code parties}.
     *
     * @return the parties
     */
    public int parties() {
        return parties;
    }

    /**
     * The number of tasks waiting for the barrier to fill; Python's {@code n_waiting}.
     *
     * @return the waiting tasks (0 while draining)
     */
    public int nWaiting() {
        return state == FILLING ? count : 0;
    }

    /**
     * Tells whether the barrier is broken; Python's {@code broken}.
     *
     * @return true after {@link #abort()}, until {@link #reset()}
     */
    public boolean broken() {
        return state == BROKEN;
    }

    /** The last task out of a drained or reset barrier makes it fill again: Python's {@code _exit}. */
    private void exit() {
        if (count == 0) {
            if (state == RESETTING || state == DRAINING) {
                state = FILLING;
            }
            cond.notifyUpTo(Integer.MAX_VALUE);
        }
    }

    /**
     * Describes the barrier as Python does: {@code <Barrier [filling, waiters:1/3]>}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        String extra = STATE_NAMES[state];
        if (state != BROKEN) {
            extra += ", waiters:" + nWaiting() + "/" + parties;
        }
        return "<Barrier [" + extra + "]>";
    }

    /**
     * <pre>{@code
     * @Async Coroutine<Integer> arriveAndWait() {
     *     try (var held = await(cond.acquire())) {
     *         await(cond.waitFor(accepting));                  // _block: wait while draining/resetting
     *         if (state == BROKEN) throw new BrokenBarrierError("Barrier aborted");
     *         int index = count++;
     *         try {
     *             if (index + 1 == parties) {                  // _release: the last one opens it
     *                 state = DRAINING;
     *                 cond.notifyAllWaiters();
     *             } else {                                     // _wait
     *                 await(cond.waitFor(filled));
     *                 if (state == BROKEN || state == RESETTING) {
     *                     throw new BrokenBarrierError("Abort or reset of barrier");
     *                 }
     *             }
     *             return done(index);
     *         } finally {
     *             count--;
     *             exit();
     *         }
     *     }
     * }
     * }</pre>
     */
    private static final class Wait extends Coroutine<Integer> {
        private final Barrier barrier;
        private int index;
        private Held held;

        Wait(Barrier barrier) {
            this.barrier = barrier;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            Barrier b = barrier;
            switch (state) {
                case 0:
                    if (thrown != null) {
                        throw thrown;
                    }
                    state = 1;
                    return b.cond.acquire();
                case 1:
                    if (thrown != null) {
                        throw thrown; // the lock was not taken
                    }
                    held = (Held) sent;
                    state = 2;
                    return b.cond.waitFor(b.accepting);
                case 2: {
                    Throwable out = thrown;
                    if (out == null && b.state == BROKEN) {
                        out = new BrokenBarrierError("Barrier aborted");
                    }
                    if (out != null) {
                        return closeAndEnd(out);
                    }
                    index = b.count++;
                    if (index + 1 == b.parties) {
                        b.state = DRAINING;
                        b.cond.notifyAllWaiters();
                        return leave(null);
                    }
                    state = 3;
                    return b.cond.waitFor(b.filled);
                }
                case 3: {
                    Throwable out = thrown;
                    if (out == null && (b.state == BROKEN || b.state == RESETTING)) {
                        out = new BrokenBarrierError("Abort or reset of barrier");
                    }
                    return leave(out);
                }
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        /** The inner finally, then the try-with-resources' close. */
        private Awaitable<?> leave(Throwable out) throws Throwable {
            Barrier b = barrier;
            try {
                b.count--;
                b.exit();
            } catch (Throwable t) {
                out = t;
            }
            return closeAndEnd(out);
        }

        /** Closes the held lock as try-with-resources does (a close failure is suppressed by {@code out}). */
        private Awaitable<?> closeAndEnd(Throwable out) throws Throwable {
            state = 4;
            Held h = held;
            held = null;
            try {
                h.close();
            } catch (Throwable t) {
                if (out == null) {
                    out = t;
                } else if (out != t) {
                    out.addSuppressed(t);
                }
            }
            if (out != null) {
                throw out;
            }
            return complete(index);
        }

        @Override
        protected String name() {
            return "Barrier.arriveAndWait";
        }
    }
}
