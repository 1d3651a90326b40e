package dev.tulip.examples.notebook;

import static dev.tulip.Tulip.toThread;

import dev.tulip.Coroutine;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code aiofiles.open(filename, mode='wb')}: a file written off the loop, each call run on the loop's
 * executor. Stands in for the runtime's {@code AsyncFiles} (issue 14, branch io) until it lands.
 */
final class AsyncWrite {
    private final FileChannel channel;

    private AsyncWrite(FileChannel channel) {
        this.channel = channel;
    }

    static Coroutine<AsyncWrite> open(Path file) {
        return toThread(() -> new AsyncWrite(FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)));
    }

    Coroutine<Integer> write(byte[] data) {
        return toThread(() -> {
            ByteBuffer b = ByteBuffer.wrap(data);
            while (b.hasRemaining()) {
                channel.write(b);
            }
            return data.length;
        });
    }

    Coroutine<Void> close() {
        return toThread(() -> {
            channel.close();
            return null;
        });
    }
}
