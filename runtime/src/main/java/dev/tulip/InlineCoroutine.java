package dev.tulip;

/**
 * A runtime coroutine whose common case completes at once and that the driving task may run inline:
 * {@code Queue.put} with room, {@code Queue.get} with an item. Awaiting one still acts only when it is
 * awaited (it is lazy, like every coroutine), but the task runs {@link #tryNow()} in place of entering the
 * coroutine: no frame is linked, no virtual {@code resume}, and the object goes back to its owner's
 * one-slot pool ({@link #recycle()}), so the hot path allocates nothing.
 *
 * <p>If {@code tryNow} declines, the coroutine is driven as any other, from state 0, and is never
 * recycled. Debug mode turns the inline path off, so that debug tracking sees every coroutine.
 *
 * @param <T> the result type
 */
abstract class InlineCoroutine<T> extends Coroutine<T> {
    InlineCoroutine() {
    }

    /**
     * Completes the coroutine now if it can do so without waiting, leaving its value in
     * {@link #result}; otherwise changes nothing.
     *
     * @return true if it completed
     */
    abstract boolean tryNow();

    /** Hands the completed coroutine back to its owner's pool. */
    abstract void recycle();
}
