package dev.tulip;

/**
 * What {@link Tulip#await await(...)} accepts: a {@link Coroutine}, a {@link Task}, or an
 * {@link AsyncFuture} (and the runtime's own lightweight awaitables such as {@link Tulip#sleep sleep}).
 *
 * <p>The interface is sealed: a task knows how to suspend on each kind. To make something awaitable,
 * write an {@link Async @Async} method or complete an {@link AsyncFuture}; to await a
 * {@link java.util.concurrent.CompletionStage}, pass it to {@code await} directly.
 *
 * @param <T> the type of the value that awaiting produces
 */
public sealed interface Awaitable<T> permits Coroutine, AsyncFuture, Suspension {
}
