package dev.tulip.io;

import java.net.InetSocketAddress;

/**
 * An open TCP connection: the pair Python's {@code asyncio.open_connection} returns. Closing it closes
 * the writer (which sends what is buffered first).
 */
public final class Connection implements AutoCloseable {
    private final StreamReader reader;
    private final StreamWriter writer;

    Connection(StreamReader reader, StreamWriter writer) {
        this.reader = reader;
        this.writer = writer;
    }

    /**
     * The incoming side.
     *
     * @return the reader
     */
    public StreamReader reader() {
        return reader;
    }

    /**
     * The outgoing side.
     *
     * @return the writer
     */
    public StreamWriter writer() {
        return writer;
    }

    /**
     * The peer's address.
     *
     * @return the remote address
     */
    public InetSocketAddress peerAddress() {
        return writer.peerAddress();
    }

    /** Closes the connection: {@link StreamWriter#close()}. */
    @Override
    public void close() {
        writer.close();
    }

    @Override
    public String toString() {
        return "<Connection " + writer.transport() + ">";
    }
}
