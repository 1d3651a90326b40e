package dev.tulip.benchmarks;

import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.Tulip;
import dev.tulip.io.Connection;
import dev.tulip.io.LoopGroup;
import dev.tulip.io.Server;
import dev.tulip.io.Streams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * How a Tulip echo server scales with the loops of a {@link LoopGroup}: 100 connections of 64-byte
 * round trips, served by a group of 1 then 2 loops; the clients run on a separate group of 2 loops (50
 * connections each), so on a 2-core machine clients and server compete for the same cores and the
 * figure is an upper bound on what a second server loop can add here.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.tulip.benchmarks.EchoScaling [seconds]}.
 */
public final class EchoScaling {
    private EchoScaling() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        run(1, 0.5); // warm up
        double one = 0;
        for (int workers : new int[] {1, 2}) {
            double[] r = run(workers, seconds);
            if (workers == 1) {
                one = r[0];
            }
            System.out.printf(Locale.ROOT, "server loops %d: %,.0f rt/s, %,.0f rt per CPU-second, x%.2f of 1 loop%n",
                    workers, r[0], r[1], r[0] / one);
        }
    }

    static double[] run(int workers, double seconds) throws Exception {
        try (LoopGroup server = new LoopGroup(workers); LoopGroup clients = new LoopGroup(2);
                EventLoop acceptor = new EventLoop()) {
            CompletableFuture<Server> started = new CompletableFuture<>();
            Thread boss = new Thread(() -> {
                Server s = acceptor.runUntilComplete(Streams.startServer(server, EchoComparison::echo, "127.0.0.1", 0));
                started.complete(s);
                acceptor.runForever();
            }, "acceptor");
            boss.setDaemon(true);
            boss.start();
            int port = started.get().port();
            byte[] msg = new byte[64];
            double cpu0 = EchoComparison.processCpu();
            long t0 = System.nanoTime();
            long deadline = t0 + (long) (seconds * 1e9);
            List<CompletableFuture<Long>> parts = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                parts.add(clients.submit(c, new dev.tulip.Coroutine<Long>() {
                    @Override
                    protected dev.tulip.Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                        if (thrown != null) {
                            throw thrown;
                        }
                        if (state == 0) {
                            state = 1;
                            List<Task<Long>> ts = new ArrayList<>();
                            for (int i = 0; i < 50; i++) {
                                ts.add(Tulip.createTask(clientOf(port, msg, deadline)));
                            }
                            return Tulip.gather(ts);
                        }
                        long sum = 0;
                        for (Object n : (List<?>) sent) {
                            sum += (Long) n;
                        }
                        return complete(sum);
                    }
                }));
            }
            long ops = 0;
            for (CompletableFuture<Long> p : parts) {
                ops += p.get();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = EchoComparison.processCpu() - cpu0;
            acceptor.callSoonThreadsafe(() -> {
                try {
                    started.get().close();
                    started.get().abortClients();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                acceptor.stop();
            });
            boss.join();
            return new double[] {ops / wall, ops / cpu};
        }
    }

    /** Connects, then round trips until the deadline. */
    static dev.tulip.Coroutine<Long> clientOf(int port, byte[] msg, long deadline) {
        return new dev.tulip.Coroutine<Long>() {
            Connection c;
            dev.tulip.Coroutine<Long> loop;

            @Override
            protected dev.tulip.Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                if (thrown != null) {
                    throw thrown;
                }
                switch (state) {
                    case 0:
                        state = 1;
                        return Streams.openConnection("127.0.0.1", port);
                    case 1:
                        c = (Connection) sent;
                        state = 2;
                        return EchoComparison.client(c, msg, deadline);
                    default:
                        c.close();
                        return complete((Long) sent);
                }
            }
        };
    }
}
