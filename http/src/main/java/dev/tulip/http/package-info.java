/**
 * HTTP and WebSocket for Tulip, after Python's aiohttp. {@link dev.tulip.http.ClientSession} is the HTTP
 * client, built on the JDK's {@code java.net.http.HttpClient} (HTTP/1.1 and HTTP/2, TLS, redirects),
 * bridged to the Tulip loop: responses are awaited, bodies are asynchronous iterables with back-pressure,
 * and cancelling the awaiting task cancels the request. {@code dev.tulip.http.server} holds the HTTP/1.1
 * server and {@code dev.tulip.http.websocket} RFC 6455 WebSocket, both on Tulip streams.
 */
package dev.tulip.http;
