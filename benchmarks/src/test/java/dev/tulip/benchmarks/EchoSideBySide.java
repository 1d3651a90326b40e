package dev.tulip.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The issue-14 loopback echo comparison in one run: Tulip streams, CPython asyncio streams, blocking
 * sockets on virtual threads, and Netty, alternating over several rounds (the order rotates each round),
 * for 1 and 100 connections, 64-byte round trips and 64 KiB messages. Keeps each system's best figure
 * per CPU second of its process (the per-core rate: Tulip, Netty and asyncio use one thread, Loom
 * every core) and its wall-clock rate from the same repetition, and prints a Markdown table with Tulip's
 * ratios. In test scope because Netty is a test dependency of this module only; run it with
 * {@code benchmarks/echo-run}.
 */
final class EchoSideBySide {
    private EchoSideBySide() {
    }

    /** One system's echo: runs a case and reports its operations, wall and CPU seconds (null if unavailable). */
    interface Peer {
        EchoComparison.Result run(int conns, int size, double seconds) throws Exception;
    }

    /**
     * Runs the comparison.
     *
     * @param args seconds per case (2), rounds (3), path of echo_asyncio.py
     * @throws Exception if a peer fails
     */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path script = Path.of(args.length > 2 ? args[2] : "benchmarks/python/echo_asyncio.py");
        Map<String, Peer> peers = new LinkedHashMap<>();
        peers.put("tulip", EchoComparison::tulip);
        peers.put("netty", NettyEcho::run);
        if (Runtime.version().feature() >= 21) {
            peers.put("loom", EchoComparison::loom);
        }
        peers.put("asyncio", (c, s, t) -> EchoComparison.python(script, c, s, t));
        System.out.printf(Locale.ROOT, "# loopback echo, %d rounds x %.1f s per case, JDK %s, %d cores, load %.1f%n",
                rounds, seconds, Runtime.version(), Runtime.getRuntime().availableProcessors(), load());
        for (String p : List.of("tulip", "netty", "loom")) { // warm up the JVM peers
            if (peers.containsKey(p)) {
                peers.get(p).run(1, 64, 0.5);
                peers.get(p).run(1, 65536, 0.5);
                peers.get(p).run(100, 64, 0.5);
            }
        }
        int[][] cases = {{1, 64}, {1, 65536}, {100, 64}, {100, 65536}};
        Map<String, EchoComparison.Result> best = new LinkedHashMap<>();
        List<String> names = new ArrayList<>(peers.keySet());
        for (int r = 0; r < rounds; r++) {
            for (int[] c : cases) {
                for (int i = 0; i < names.size(); i++) {
                    String name = names.get((i + r) % names.size());
                    EchoComparison.Result res = peers.get(name).run(c[0], c[1], seconds);
                    if (res == null) {
                        continue;
                    }
                    String key = name + "/" + c[0] + "/" + c[1];
                    System.out.printf(Locale.ROOT, "round %d %-8s conns %-3d %-6s %12s /s wall %12s /cpu-s%n", r + 1, name,
                            c[0], c[1] == 64 ? "64 B" : "64 KiB", EchoComparison.fmt(res.rate(c[1])),
                            EchoComparison.fmt(res.perCpu(c[1])));
                    EchoComparison.Result old = best.get(key);
                    if (old == null || res.perCpu(c[1]) > old.perCpu(c[1])) {
                        best.put(key, res);
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n# load average at the end %.1f%n", load());
        System.out.println("| conns | message | unit | Tulip | Netty | Loom | asyncio | Tulip / asyncio | Tulip / best of Loom, Netty |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (int[] c : cases) {
            String unit = c[1] == 64 ? "round trips/s" : "MB/s";
            EchoComparison.Result t = best.get("tulip/" + c[0] + "/" + c[1]);
            EchoComparison.Result n = best.get("netty/" + c[0] + "/" + c[1]);
            EchoComparison.Result l = best.get("loom/" + c[0] + "/" + c[1]);
            EchoComparison.Result a = best.get("asyncio/" + c[0] + "/" + c[1]);
            double bestJvm = Math.max(n == null ? 0 : n.perCpu(c[1]), l == null ? 0 : l.perCpu(c[1]));
            System.out.printf(Locale.ROOT, "| %d | %s | %s per cpu-s (wall) | %s | %s | %s | %s | %s | %s |%n", c[0],
                    c[1] == 64 ? "64 B" : "64 KiB", unit, cell(t, c[1]), cell(n, c[1]), cell(l, c[1]), cell(a, c[1]),
                    a == null ? "n/a" : String.format(Locale.ROOT, "%.2f", t.perCpu(c[1]) / a.perCpu(c[1])),
                    bestJvm == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", t.perCpu(c[1]) / bestJvm));
        }
    }

    static String cell(EchoComparison.Result r, int size) {
        return r == null ? "n/a" : EchoComparison.fmt(r.perCpu(size)) + " (" + EchoComparison.fmt(r.rate(size)) + ")";
    }

    static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
