package dev.tulip.benchmarks;

import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Task;
import dev.tulip.Tulip;
import dev.tulip.io.Connection;
import dev.tulip.io.Server;
import dev.tulip.io.StreamReader;
import dev.tulip.io.StreamWriter;
import dev.tulip.io.Streams;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Loopback echo side by side in one run: Tulip streams (server and clients on one loop), CPython
 * asyncio streams (the same shape, {@code python/echo_asyncio.py}), and blocking sockets on virtual
 * threads (JDK 21+; skipped on older JDKs). For 1 and 100 connections: 64-byte round trips/s and
 * 64 KiB messages as MB/s (each message echoed back). Reports wall-clock rates and rates per CPU second
 * of the process (Loom uses every core; the loops use one), and the ratios.
 *
 * <p>Run: {@code mvn -B -o -q package -pl benchmarks -am -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar dev.tulip.benchmarks.EchoComparison [seconds]} (Temurin 25 for Loom).
 */
public final class EchoComparison {
    private EchoComparison() {
    }

    record Result(long ops, double wall, double cpu) {
        double rate(int size) {
            return size >= 1024 ? ops * (double) size / wall / 1e6 : ops / wall;
        }

        double perCpu(int size) {
            return size >= 1024 ? ops * (double) size / cpu / 1e6 : ops / cpu;
        }
    }

    static double processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        Path script = Path.of(args.length > 1 ? args[1] : "benchmarks/python/echo_asyncio.py");
        boolean loom = Runtime.version().feature() >= 21;
        System.out.printf(Locale.ROOT, "# loopback echo, %.1f s per case, JDK %s, %d cores%n", seconds,
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        tulip(1, 64, 0.5); // warm up
        if (loom) {
            loom(1, 64, 0.5);
        }
        System.out.printf(Locale.ROOT, "%-6s %-7s %14s %14s %14s %14s %22s %22s%n", "conns", "msg", "tulip", "asyncio",
                "loom", "tulip/cpu-s", "tulip/asyncio wall(cpu)", "tulip/loom wall(cpu)");
        for (int conns : new int[] {1, 100}) {
            for (int size : new int[] {64, 65536}) {
                Result t = tulip(conns, size, seconds);
                Result p = python(script, conns, size, seconds);
                Result l = loom ? loom(conns, size, seconds) : null;
                String unit = size >= 1024 ? " MB/s" : " rt/s";
                System.out.printf(Locale.ROOT, "%-6d %-7s %14s %14s %14s %14s %22s %22s%n", conns,
                        size == 64 ? "64 B" : "64 KiB", fmt(t.rate(size)) + unit,
                        p == null ? "n/a" : fmt(p.rate(size)) + unit, l == null ? "n/a" : fmt(l.rate(size)) + unit,
                        fmt(t.perCpu(size)), ratio(t, p, size), ratio(t, l, size));
            }
        }
    }

    static String ratio(Result a, Result b, int size) {
        return b == null ? "n/a" : String.format(Locale.ROOT, "%.2f (%.2f)", a.rate(size) / b.rate(size),
                a.perCpu(size) / b.perCpu(size));
    }

    static String fmt(double v) {
        return v >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    // ---- Tulip ----

    static Result tulip(int conns, int size, double seconds) {
        try (EventLoop loop = new EventLoop()) {
            Server server = loop.runUntilComplete(Streams.startServer(EchoComparison::echo, "127.0.0.1", 0,
                    1 << 17, 1024));
            List<Connection> cs = new ArrayList<>();
            for (int i = 0; i < conns; i++) {
                cs.add(loop.runUntilComplete(Streams.openConnection("127.0.0.1", server.port(), 1 << 17)));
            }
            byte[] msg = new byte[size];
            double cpu0 = processCpu();
            long t0 = System.nanoTime();
            long deadline = t0 + (long) (seconds * 1e9);
            List<Task<Long>> tasks = new ArrayList<>();
            for (Connection c : cs) {
                tasks.add(loop.createTask(client(c, msg, deadline)));
            }
            long ops = 0;
            for (long n : loop.runUntilComplete(Tulip.gather(tasks))) {
                ops += n;
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = processCpu() - cpu0;
            for (Connection c : cs) {
                c.close();
            }
            server.close();
            loop.runUntilComplete(server.waitClosed());
            return new Result(ops, wall, cpu);
        }
    }

    /** {@code while ((data = await(r.read(65536))).length > 0) { w.write(data); await(w.drain()); }} */
    static Coroutine<Void> echo(StreamReader r, StreamWriter w) {
        return new Coroutine<Void>() {
            @Override
            protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                if (thrown != null) {
                    throw thrown;
                }
                if (state == 1) {
                    byte[] data = (byte[]) sent;
                    if (data.length == 0) {
                        return complete(null);
                    }
                    w.write(data);
                    state = 2;
                    return w.drain();
                }
                state = 1;
                return r.read(65536);
            }
        };
    }

    /** {@code while (now < deadline) { w.write(msg); await(r.readExactly(n)); ops++; }} */
    static Coroutine<Long> client(Connection c, byte[] msg, long deadline) {
        return new Coroutine<Long>() {
            long ops;

            @Override
            protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
                if (thrown != null) {
                    throw thrown;
                }
                if (state == 1) {
                    ops++;
                }
                if (System.nanoTime() >= deadline) {
                    return complete(ops);
                }
                state = 1;
                c.writer().write(msg);
                return c.reader().readExactly(msg.length);
            }
        };
    }

    // ---- CPython ----

    static Result python(Path script, int conns, int size, double seconds) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(conns), String.valueOf(size),
                String.valueOf(seconds)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0 || !out.startsWith("ops=")) {
            System.out.println("# asyncio failed: " + out);
            return null;
        }
        String[] f = out.split("\\s+");
        return new Result(Long.parseLong(f[0].substring(4)), Double.parseDouble(f[1].substring(5)),
                Double.parseDouble(f[2].substring(4)));
    }

    // ---- blocking sockets on virtual threads ----

    static void startVirtual(Runnable r) {
        try {
            Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21+", e);
        }
    }

    static Result loom(int conns, int size, double seconds) throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
            startVirtual(() -> {
                while (!ss.isClosed()) {
                    try {
                        Socket s = ss.accept();
                        s.setTcpNoDelay(true);
                        startVirtual(() -> {
                            byte[] buf = new byte[65536];
                            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                                int n;
                                while ((n = in.read(buf)) > 0) {
                                    out.write(buf, 0, n);
                                }
                            } catch (IOException ignored) {
                                // client gone
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            byte[] msg = new byte[size];
            AtomicLong ops = new AtomicLong();
            CountDownLatch ready = new CountDownLatch(conns);
            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch done = new CountDownLatch(conns);
            long[] deadline = new long[1];
            for (int i = 0; i < conns; i++) {
                startVirtual(() -> {
                    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort())) {
                        s.setTcpNoDelay(true);
                        DataInputStream in = new DataInputStream(s.getInputStream());
                        OutputStream out = s.getOutputStream();
                        byte[] back = new byte[size];
                        ready.countDown();
                        go.await();
                        long n = 0;
                        while (System.nanoTime() < deadline[0]) {
                            out.write(msg);
                            in.readFully(back);
                            n++;
                        }
                        ops.addAndGet(n);
                    } catch (Exception e) {
                        e.printStackTrace();
                    } finally {
                        done.countDown();
                    }
                });
            }
            ready.await();
            double cpu0 = processCpu();
            long t0 = System.nanoTime();
            deadline[0] = t0 + (long) (seconds * 1e9);
            go.countDown();
            done.await();
            double wall = (System.nanoTime() - t0) / 1e9;
            return new Result(ops.get(), wall, processCpu() - cpu0);
        }
    }
}
