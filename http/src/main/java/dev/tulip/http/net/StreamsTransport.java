package dev.tulip.http.net;

import dev.tulip.Awaitable;
import dev.tulip.io.StreamReader;
import dev.tulip.io.StreamWriter;
import java.net.SocketAddress;

/**
 * A {@link Transport} on Tulip streams ({@link StreamReader} and {@link StreamWriter} of
 * {@code dev.tulip.io}): what the HTTP server and WebSocket run on.
 */
public final class StreamsTransport implements Transport {
    private final StreamReader reader;
    private final StreamWriter writer;

    /**
     * Wraps a connection's streams.
     *
     * @param reader its reader
     * @param writer its writer
     */
    public StreamsTransport(StreamReader reader, StreamWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    @Override
    public Awaitable<byte[]> read(int max) {
        return reader.read(max);
    }

    @Override
    public void write(byte[] data) {
        writer.write(data);
    }

    @Override
    public Awaitable<Void> drain() {
        return writer.drain();
    }

    @Override
    public void close() {
        writer.close();
    }

    @Override
    public void abort() {
        writer.abort();
    }

    @Override
    public boolean isClosing() {
        return writer.isClosing();
    }

    @Override
    public SocketAddress remoteAddress() {
        return writer.peerAddress();
    }

    @Override
    public String toString() {
        return "<StreamsTransport " + writer.peerAddress() + ">";
    }
}
