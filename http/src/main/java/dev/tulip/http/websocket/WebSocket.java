package dev.tulip.http.websocket;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;

import dev.tulip.Async;
import dev.tulip.AsyncCloseable;
import dev.tulip.AsyncFuture;
import dev.tulip.AsyncIterable;
import dev.tulip.AsyncIterator;
import dev.tulip.Awaitable;
import dev.tulip.CancelledError;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Queue;
import dev.tulip.QueueShutDown;
import dev.tulip.Task;
import dev.tulip.TimeoutError;
import dev.tulip.Tulip;
import dev.tulip.http.net.Transport;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A WebSocket connection (RFC 6455), server or client side, after the websockets library: a reader task
 * receives frames as they arrive, answers pings, joins fragments and runs the close handshake; messages
 * wait in a bounded queue, so a consumer that does not keep up stops the reading and TCP holds the peer
 * back. In {@code @Async} code:
 *
 * <pre>{@code
 * for (Message m : ws) {                 // ends when the peer closes normally
 *     await(ws.send("echo: " + m.text())); // waits while the peer does not read (flow control)
 * }
 * }</pre>
 *
 * <p>Opened by {@link dev.tulip.http.server.HttpServer#websocket} on the server side and by
 * {@link WebSocketClient#connect} on the client side.
 */
public final class WebSocket implements AsyncIterable<Message>, AsyncCloseable {
    private static final System.Logger LOG = System.getLogger("dev.tulip.http");

    /** The state of the connection, as RFC 6455 §4.1 and §7 name it. */
    public enum State {
        /** Messages flow both ways. */
        OPEN,
        /** A close frame was sent; waiting for the peer's. */
        CLOSING,
        /** The connection is closed. */
        CLOSED
    }

    private final Transport transport;
    private final boolean client;
    private final WebSocketOptions options;
    private final FrameEncoder encoder;
    private final FrameDecoder decoder;
    private final MessageAssembler assembler;
    private final Queue<Message> incoming;
    private final ArrayDeque<PendingPing> pings = new ArrayDeque<>();
    private final AsyncFuture<Void> closedFuture;
    private final Task<Void> reader;
    private State state = State.OPEN;
    private CloseReason closeReason;

    private record PendingPing(byte[] payload, AsyncFuture<Void> pong) {
    }

    /**
     * Starts a WebSocket on a transport whose opening handshake is done; its reader task starts on the
     * running loop.
     *
     * @param transport the connection
     * @param client true on the client side (frames are masked), false on the server side
     * @param initial bytes already read past the handshake (the first frames), possibly empty
     * @param options the limits and timeouts
     */
    public WebSocket(Transport transport, boolean client, byte[] initial, WebSocketOptions options) {
        this.transport = transport;
        this.client = client;
        this.options = options;
        this.encoder = new FrameEncoder(client);
        this.decoder = new FrameDecoder(!client, options.maxMessageSize());
        this.assembler = new MessageAssembler(options.maxMessageSize());
        this.incoming = new Queue<>(options.maxQueue());
        this.closedFuture = EventLoop.running().createFuture();
        this.reader = Tulip.createTask(WebSocketAsync.readLoop(this, initial), "websocket reader " + transport.remoteAddress());
    }

    /**
     * Whether messages can still be sent.
     *
     * @return true while {@link State#OPEN}
     */
    public boolean isOpen() {
        return state == State.OPEN;
    }

    /**
     * The connection's state.
     *
     * @return the state
     */
    public State state() {
        return state;
    }

    /**
     * Why the connection closed: the peer's close code and reason (or ours when we closed first, or
     * {@link CloseCodes#ABNORMAL} when it ended without a close frame).
     *
     * @return the reason, or null while open
     */
    public CloseReason closeReason() {
        return closeReason;
    }

    /**
     * The peer's address.
     *
     * @return the address, or null
     */
    public java.net.SocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    // ---- sending ----

    /**
     * Sends a text message, then waits until the connection's send buffer is below its low-water mark.
     *
     * @param text the text
     * @return the sending coroutine; it fails with {@link ConnectionClosed} when the connection is not open
     */
    public Coroutine<Void> send(String text) {
        return send(Message.text(text));
    }

    /**
     * Sends a binary message, then waits for flow control.
     *
     * @param data the bytes
     * @return the sending coroutine
     */
    public Coroutine<Void> send(byte[] data) {
        return send(Message.binary(data));
    }

    /**
     * Sends a message in one frame, then waits for flow control.
     *
     * @param message the message
     * @return the sending coroutine
     */
    public Coroutine<Void> send(Message message) {
        return send(message, Integer.MAX_VALUE);
    }

    /**
     * Sends a message in fragments of at most {@code fragmentSize} bytes, then waits for flow control.
     *
     * @param message the message
     * @param fragmentSize the largest frame payload
     * @return the sending coroutine
     */
    public Coroutine<Void> send(Message message, int fragmentSize) {
        if (fragmentSize < 1) {
            throw new IllegalArgumentException("fragmentSize must be positive: " + fragmentSize);
        }
        return WebSocketAsync.sendFrames(this, message, fragmentSize);
    }

    @Async
    static Coroutine<Void> sendFrames(WebSocket ws, Message message, int fragmentSize) {
        if (ws.state != State.OPEN) {
            throw new ConnectionClosed(ws.closeReason != null ? ws.closeReason
                    : new CloseReason(CloseCodes.NO_STATUS, "closing"));
        }
        byte[] data = message.bytes();
        int opcode = message.isText() ? Opcode.TEXT : Opcode.BINARY;
        int off = 0;
        do {
            int n = Math.min(fragmentSize, data.length - off);
            byte[] part = off == 0 && n == data.length ? data : Arrays.copyOfRange(data, off, off + n);
            boolean fin = off + n == data.length;
            ws.transport.write(ws.encoder.encode(fin, off == 0 ? opcode : Opcode.CONTINUATION, part));
            off += n;
        } while (off < data.length);
        try {
            await(ws.transport.drain());
        } catch (CancelledError e) {
            throw e;
        } catch (Exception e) {
            throw new ConnectionClosed(ws.closeReason != null ? ws.closeReason
                    : new CloseReason(CloseCodes.ABNORMAL, String.valueOf(e.getMessage())));
        }
        return done();
    }

    /**
     * Sends a ping.
     *
     * @param payload at most 125 bytes
     * @return a future completed when the matching pong arrives (cancelled when the connection closes first)
     */
    public AsyncFuture<Void> ping(byte[] payload) {
        if (state != State.OPEN) {
            throw new ConnectionClosed(closeReason != null ? closeReason : new CloseReason(CloseCodes.NO_STATUS, "closing"));
        }
        AsyncFuture<Void> pong = EventLoop.running().createFuture();
        pings.add(new PendingPing(payload.clone(), pong));
        transport.write(encoder.encode(true, Opcode.PING, payload));
        return pong;
    }

    // ---- receiving ----

    /**
     * Receives the next message.
     *
     * @return a coroutine producing it; it fails with {@link ConnectionClosed} once the connection is
     *     closed and every received message was taken
     */
    public Coroutine<Message> receive() {
        return WebSocketAsync.receiveOne(this);
    }

    @Async
    static Coroutine<Message> receiveOne(WebSocket ws) {
        try {
            return done(await(ws.incoming.get()));
        } catch (QueueShutDown e) {
            throw new ConnectionClosed(ws.closeReason);
        }
    }

    /**
     * The messages, for a for-each in {@code @Async} code: it ends when the connection closes normally
     * (1000, 1001, no code) and raises {@link ConnectionClosed} otherwise.
     *
     * @return an iterator over the messages
     */
    @Override
    public AsyncIterator<Message> aiter() {
        return new Messages(this);
    }

    /** The iterator of {@link #aiter()}. */
    static final class Messages implements AsyncIterator<Message> {
        private final WebSocket ws;
        private Message next;

        Messages(WebSocket ws) {
            this.ws = ws;
        }

        @Override
        public Awaitable<Boolean> hasNext() {
            return WebSocketAsync.hasNextMessage(ws, this);
        }

        @Override
        public Message next() {
            Message m = next;
            if (m == null) {
                throw new NoSuchElementException("await hasNext() first");
            }
            next = null;
            return m;
        }
    }

    @Async
    static Coroutine<Boolean> hasNextMessage(WebSocket ws, Messages it) {
        try {
            it.next = await(receiveOne(ws));
            return done(true);
        } catch (ConnectionClosed e) {
            if (e.isOk()) {
                return done(false);
            }
            throw e;
        }
    }

    // ---- closing ----

    /**
     * Runs the closing handshake with a code and reason: sends the close frame, waits for the peer's
     * (at most the close timeout), then closes the connection.
     *
     * @param code the close code ({@link CloseCodes})
     * @param reason the reason, at most 123 bytes of UTF-8
     * @return the closing coroutine
     */
    public Coroutine<Void> close(int code, String reason) {
        if (!CloseCodes.isValidOnWire(code)) {
            throw new IllegalArgumentException("close code " + code + " cannot be sent: use 1000-1003, 1007-1014 or 3000-4999");
        }
        return WebSocketAsync.closeHandshake(this, code, reason);
    }

    @Async
    static Coroutine<Void> closeHandshake(WebSocket ws, int code, String reason) {
        if (ws.state == State.OPEN) {
            ws.state = State.CLOSING;
            ws.closeReason = new CloseReason(code, reason == null ? "" : reason);
            try {
                ws.transport.write(ws.encoder.close(code, reason));
            } catch (RuntimeException e) {
                ws.finish(new CloseReason(CloseCodes.ABNORMAL, "the connection was lost"));
            }
            // Messages nobody will take: dropping them frees a reader blocked on the full queue, so
            // that it reads on to the peer's close frame instead of waiting out the close timeout.
            while (!ws.incoming.empty()) {
                ws.incoming.getNowait();
            }
        }
        try {
            await(Tulip.waitFor(Tulip.shield(ws.closedFuture), ws.options.closeTimeout().toNanos() / 1e9));
        } catch (TimeoutError e) {
            LOG.log(System.Logger.Level.DEBUG, "no close frame from {0} in time: aborting", ws.transport.remoteAddress());
            ws.transport.abort();
            ws.finish(new CloseReason(CloseCodes.ABNORMAL, "no close frame in time"));
        }
        return done();
    }

    /**
     * Closes with 1000 (what try-with-resources awaits).
     *
     * @return the closing coroutine
     */
    @Override
    public Awaitable<Void> aclose() {
        return close(CloseCodes.NORMAL, "");
    }

    /**
     * Waits until the connection is closed, by either side.
     *
     * @return a future completed then
     */
    public AsyncFuture<Void> waitClosed() {
        return Tulip.shield(closedFuture);
    }

    /** The connection is over: no more messages, the transport closed, waiters woken. */
    private void finish(CloseReason reason) {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        if (closeReason == null || reason.code() == CloseCodes.ABNORMAL) {
            closeReason = reason;
        }
        transport.close();
        incoming.shutdown(false); // receive() takes what was queued, then raises ConnectionClosed
        for (PendingPing p : pings) {
            p.pong().cancel();
        }
        pings.clear();
        if (!closedFuture.done()) {
            closedFuture.setResult(null);
        }
        if (reader != null && !reader.done() && Tulip.currentTask() != reader) {
            reader.cancel();
        }
    }

    /** A protocol error: close with its code, without waiting for the peer (RFC 6455 §7.1.7). */
    private void fail(int code, String why) {
        LOG.log(System.Logger.Level.DEBUG, "failing the WebSocket with {0}: {1}", code, why);
        if (state == State.OPEN) {
            try {
                transport.write(encoder.close(code, why));
            } catch (RuntimeException ignored) {
                // the connection is already gone
            }
        }
        closeReason = new CloseReason(code, why);
        finish(closeReason);
    }

    @Async
    static Coroutine<Void> readLoop(WebSocket ws, byte[] initial) {
        byte[] data = initial;
        try {
            while (ws.state != State.CLOSED) {
                if (data.length > 0) {
                    List<Frame> frames = ws.decoder.feed(data);
                    for (Frame f : frames) {
                        if (ws.state == State.CLOSED) {
                            break;
                        }
                        if (Opcode.isControl(f.opcode())) {
                            ws.control(f);
                        } else {
                            Message m = ws.assembler.add(f);
                            if (m != null && ws.state == State.OPEN) {
                                await(ws.incoming.put(m)); // a full queue stops the reading: back-pressure
                            }
                        }
                    }
                    if (ws.state == State.CLOSED) {
                        break;
                    }
                }
                data = await(ws.transport.read(64 * 1024));
                if (data.length == 0) {
                    ws.finish(new CloseReason(CloseCodes.ABNORMAL, "the connection closed without a close frame"));
                }
            }
        } catch (ProtocolError e) {
            ws.fail(e.closeCode(), e.getMessage());
        } catch (CancelledError e) {
            ws.finish(new CloseReason(CloseCodes.ABNORMAL, "the reader was cancelled"));
            throw e;
        } catch (Exception e) {
            ws.finish(new CloseReason(CloseCodes.ABNORMAL, String.valueOf(e.getMessage())));
        }
        return done();
    }

    private void control(Frame f) {
        switch (f.opcode()) {
            case Opcode.PING -> {
                if (state == State.OPEN) {
                    transport.write(encoder.encode(true, Opcode.PONG, f.payload()));
                }
            }
            case Opcode.PONG -> {
                // a pong acknowledges its ping and every earlier one (RFC 6455 §5.5.3)
                boolean matched = pings.stream().anyMatch(p -> Arrays.equals(p.payload(), f.payload()));
                while (matched && !pings.isEmpty()) {
                    PendingPing p = pings.poll();
                    p.pong().setResult(null);
                    if (Arrays.equals(p.payload(), f.payload())) {
                        break;
                    }
                }
            }
            case Opcode.CLOSE -> {
                CloseReason peer = CloseReason.parse(f.payload());
                if (state == State.OPEN) {
                    // echo the peer's code (RFC 6455 §5.5.1)
                    state = State.CLOSING;
                    closeReason = peer;
                    transport.write(peer.code() == CloseCodes.NO_STATUS
                            ? encoder.close(CloseCodes.NO_STATUS, "") : encoder.close(peer.code(), ""));
                } else if (closeReason == null) {
                    closeReason = peer;
                }
                finish(closeReason);
            }
            default -> throw new ProtocolError(CloseCodes.PROTOCOL_ERROR, "opcode " + f.opcode());
        }
    }

    @Override
    public String toString() {
        return "<WebSocket " + (client ? "client" : "server") + " " + transport.remoteAddress() + " " + state + ">";
    }
}
