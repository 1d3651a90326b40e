package dev.tulip.io;

import dev.tulip.Coroutine;

/**
 * What a {@link Server} runs for each client: Python's {@code client_connected_cb}. Usually an
 * {@code @Async} method reference, as in {@code Streams.startServer(Echo::handle, "127.0.0.1", 0)}.
 *
 * <p>The coroutine runs in a new task. When it finishes, the connection is closed (what is buffered is
 * still sent first); asyncio leaves that to the garbage collector, Java has none to rely on. If it
 * fails, the exception goes to the loop's exception handler and the connection is aborted.
 */
@FunctionalInterface
public interface ConnectionHandler {
    /**
     * Creates the coroutine that serves one client.
     *
     * @param reader what the client sends
     * @param writer what is sent to the client
     * @return the coroutine serving it
     */
    Coroutine<Void> handle(StreamReader reader, StreamWriter writer);
}
