package dev.tulip.http.net;

import static dev.tulip.Tulip.await;
import static dev.tulip.Tulip.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tulip.Async;
import dev.tulip.Coroutine;
import dev.tulip.Tulip;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The transport's flow control and faults, against plain blocking sockets. */
class NioTransportTest {
    @Async
    static Coroutine<long[]> writeToASlowReader(int port, CountDownLatch go) {
        Transport t = await(NioTransport.connect("127.0.0.1", port));
        NioTransport nt = (NioTransport) t;
        byte[] piece = new byte[8 * 1024];
        long maxQueued = 0;
        long written = 0;
        double start = Tulip.getRunningLoop().time();
        for (int i = 0; i < 2048; i++) { // 16 MiB
            t.write(piece);
            written += piece.length;
            await(t.drain());
            maxQueued = Math.max(maxQueued, nt.queuedBytes());
            if (i == 16) {
                go.countDown(); // let the reader start, slowly
            }
        }
        t.close();
        return done(new long[] {maxQueued, written, (long) ((Tulip.getRunningLoop().time() - start) * 1000)});
    }

    @Test
    void drainBoundsWhatASlowReaderMakesTheWriterHold() throws Exception {
        try (ServerSocket listener = new ServerSocket(0)) {
            CountDownLatch go = new CountDownLatch(1);
            AtomicLong read = new AtomicLong();
            Thread reader = new Thread(() -> {
                try (Socket s = listener.accept()) {
                    go.await(5, TimeUnit.SECONDS);
                    Thread.sleep(200); // the writer meanwhile must be held by drain()
                    InputStream in = s.getInputStream();
                    byte[] b = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(b)) >= 0) {
                        read.addAndGet(n);
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            reader.start();
            long[] r = Tulip.run(NioTransportTestAsync.writeToASlowReader(listener.getLocalPort(), go));
            reader.join(10_000);
            assertEquals(16L * 1024 * 1024, r[1]);
            assertEquals(r[1], read.get());
            // after each drain at most the high-water mark (64 KiB) is queued, whatever the reader does
            assertTrue(r[0] <= 64 * 1024, "queued " + r[0]);
        }
    }

    @Async
    static Coroutine<Transport> connectTo(String host, int port) {
        return done(await(NioTransport.connect(host, port)));
    }

    @Test
    void connectionRefusedNamesTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ConnectException e = assertThrows(ConnectException.class, () -> Tulip.run(NioTransportTestAsync.connectTo("127.0.0.1", port)));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        assertThrows(java.nio.channels.UnresolvedAddressException.class,
                () -> Tulip.run(NioTransportTestAsync.connectTo("no-such-host.invalid", 80)));
    }
}
