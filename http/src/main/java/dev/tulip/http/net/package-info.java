/**
 * The byte transport under Tulip's HTTP server and WebSocket: {@link dev.tulip.http.net.Transport} (read,
 * write with flow control, close); {@link dev.tulip.http.net.StreamsTransport}, on Tulip streams, which
 * the server and client use; and {@link dev.tulip.http.net.NioTransport} /
 * {@link dev.tulip.http.net.NioListener}, an implementation on NIO.2's asynchronous socket channels whose
 * completions are handed to the loop thread through {@link dev.tulip.Tulip#wrapFuture}.
 */
package dev.tulip.http.net;
