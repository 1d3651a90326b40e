/**
 * Non-blocking TCP streams on the {@link dev.tulip.EventLoop}: Python's {@code asyncio} streams.
 *
 * <p>{@link dev.tulip.io.Streams#openConnection Streams.openConnection} connects and gives a
 * {@link dev.tulip.io.Connection} (a {@link dev.tulip.io.StreamReader} and a
 * {@link dev.tulip.io.StreamWriter}); {@link dev.tulip.io.Streams#startServer Streams.startServer}
 * listens and runs a {@link dev.tulip.io.ConnectionHandler} in a new task for each client. Everything
 * runs on the loop thread through the loop's selector ({@link dev.tulip.EventLoop#addReader}); there are
 * no threads and no dependencies. Semantics follow CPython's {@code asyncio/streams.py} and
 * {@code selector_events.py}; where Java differs it is said at the method.
 */
package dev.tulip.io;
