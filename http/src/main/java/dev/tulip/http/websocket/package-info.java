/**
 * WebSocket (RFC 6455): the codec ({@link dev.tulip.http.websocket.FrameDecoder},
 * {@link dev.tulip.http.websocket.FrameEncoder}, {@link dev.tulip.http.websocket.MessageAssembler}), pure
 * functions of bytes, and on top of them the connection ({@link dev.tulip.http.websocket.WebSocket}) that
 * runs on Tulip streams, for servers and clients alike.
 */
package dev.tulip.http.websocket;
