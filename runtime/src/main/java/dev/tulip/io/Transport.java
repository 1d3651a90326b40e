package dev.tulip.io;

import dev.tulip.AsyncFuture;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * What a {@link StreamWriter} writes to and what a {@link StreamReader} pauses: asyncio's transport.
 * {@link SocketTransport} is a socket on the loop's selector; {@link PipeTransport} a subprocess pipe
 * pumped by a thread.
 */
abstract class Transport {
    final StreamReader reader;
    final InetSocketAddress peer;
    final InetSocketAddress local;

    Transport(StreamReader reader, InetSocketAddress peer, InetSocketAddress local) {
        this.reader = reader;
        this.peer = peer;
        this.local = local;
    }

    abstract void pauseReading();

    abstract void resumeReading();

    abstract void write(ByteBuffer data, boolean mayKeep);

    abstract boolean writePaused();

    abstract long bufferSize();

    abstract void setWriteBufferLimits(int high, int low);

    abstract AsyncFuture<Void> drainWaiter();

    abstract void writeEof();

    abstract boolean isClosing();

    abstract boolean isLost();

    abstract Throwable lostWith();

    abstract AsyncFuture<Void> closedFuture();

    abstract void close();

    abstract void abort();

    /** The TLS session, or null when the stream is not TLS. */
    javax.net.ssl.SSLSession sslSession() {
        return null;
    }
}
