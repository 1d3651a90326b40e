/**
 * A small HTTP/1.1 server on Tulip's loop (aiohttp's {@code web}): routes, static responses and files,
 * keep-alive, the WebSocket upgrade, and limits on everything a client controls, each with its error
 * response (400, 404, 405, 408, 413, 414, 426, 431, 500, 501, 505).
 */
package dev.tulip.http.server;
