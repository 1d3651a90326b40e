package dev.tulip.peers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The side-by-side runner: starts each peer (Tulip, Kotlin, virtual threads, CPython asyncio) in its own
 * process, alternately, for several rounds; keeps each system's best figure per workload; prints the
 * table with Tulip's ratio to the best peer, writes it as Markdown and draws the ratios as an SVG chart.
 *
 * <p>Options: {@code --rounds N} (3), {@code --reps N} repetitions per process (2), {@code --only a,b}
 * workloads, {@code --systems tulip,kotlin,loom,asyncio}, {@code --java PATH} for the JVM peers (Temurin
 * 25 when installed), {@code --python PATH}, {@code --svg PATH}, {@code --markdown PATH}.
 */
public final class Peers {
    private static final String TEMURIN_25 = "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java";

    private Peers() {
    }

    /** A peer: how to start it. */
    private record Peer(String name, List<String> command) {
    }

    /**
     * Runs the comparison.
     *
     * @param args options, see the class comment
     * @throws Exception if a peer fails
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        int rounds = Integer.parseInt(opt.getOrDefault("rounds", "3"));
        String reps = opt.getOrDefault("reps", "2");
        List<Workloads.Workload> workloads = new ArrayList<>();
        for (Workloads.Workload w : Workloads.ALL) {
            if (!opt.containsKey("only") || List.of(opt.get("only").split(",")).contains(w.name())) {
                workloads.add(w);
            }
        }
        String java = opt.getOrDefault("java", Files.isExecutable(Path.of(TEMURIN_25)) ? TEMURIN_25
                : Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String python = opt.getOrDefault("python", "python3");
        String cp = System.getProperty("java.class.path");
        Path script = locate("src/main/python/asyncio_peer.py", "benchmarks/peers/src/main/python/asyncio_peer.py");
        List<String> wanted = List.of(opt.getOrDefault("systems", "tulip,kotlin,loom,asyncio").split(","));

        List<String> names = workloads.stream().map(Workloads.Workload::name).toList();
        List<String> jvm = List.of(java, "-Xms3g", "-Xmx3g", "-XX:+UseG1GC", "-cp", cp);
        List<Peer> peers = new ArrayList<>();
        if (wanted.contains("tulip")) {
            peers.add(new Peer("Tulip", concat(jvm, List.of("dev.tulip.peers.TulipPeer", reps), names)));
        }
        if (wanted.contains("kotlin")) {
            if (hasClass("dev.tulip.peers.KotlinPeer")) {
                peers.add(new Peer("Kotlin", concat(jvm, List.of("dev.tulip.peers.KotlinPeer", reps), names)));
            } else {
                System.err.println("[peers] no Kotlin peer on the class path: build with -Ppeers-kotlin");
            }
        }
        if (wanted.contains("loom")) {
            peers.add(new Peer("Loom", concat(jvm, List.of("-Djdk.virtualThreadScheduler.parallelism=1",
                    "dev.tulip.peers.LoomPeer", reps), names)));
        }
        if (wanted.contains("asyncio")) {
            if (script != null && works(python)) {
                peers.add(new Peer("asyncio", concat(List.of(python, script.toString(), reps), List.of(), names)));
            } else {
                System.err.println("[peers] no python3 (or no asyncio_peer.py): the asyncio column is left out");
            }
        }
        System.err.println("[peers] JVM peers on " + java + "; " + rounds + " rounds of " + peers.stream().map(Peer::name).toList());

        // system -> workload -> best figure / its allocation
        Map<String, Map<String, double[]>> best = new LinkedHashMap<>();
        for (Peer p : peers) {
            best.put(p.name(), new LinkedHashMap<>());
        }
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < peers.size(); k++) {
                Peer p = peers.get((k + r) % peers.size());
                System.err.println("[peers] round " + (r + 1) + ": " + p.name());
                for (Map.Entry<String, double[]> e : runPeer(p).entrySet()) {
                    Workloads.Workload w = Workloads.named(e.getKey());
                    double[] old = best.get(p.name()).get(e.getKey());
                    if (old == null || Workloads.better(w, e.getValue()[0], old[0])) {
                        best.get(p.name()).put(e.getKey(), e.getValue());
                    }
                }
            }
        }

        String table = table(workloads, peers, best, java, rounds, reps);
        System.out.println(table);
        if (opt.containsKey("markdown")) {
            Files.writeString(Path.of(opt.get("markdown")), table, StandardCharsets.UTF_8);
        }
        if (opt.containsKey("svg")) {
            Files.writeString(Path.of(opt.get("svg")), Chart.svg(workloads, ratios(workloads, best)), StandardCharsets.UTF_8);
            System.err.println("[peers] chart written to " + opt.get("svg"));
        }
    }

    private static Path locate(String... candidates) {
        for (String c : candidates) {
            if (Files.exists(Path.of(c))) {
                return Path.of(c);
            }
        }
        return null;
    }

    private static boolean hasClass(String name) {
        try {
            Class.forName(name, false, Peers.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static boolean works(String command) {
        try {
            return new ProcessBuilder(command, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        return all;
    }

    private static Map<String, double[]> runPeer(Peer p) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(p.command()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Map<String, double[]> results = new LinkedHashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 4 && f[0].equals("RESULT")) {
                    results.put(f[1], new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
                    System.err.println("[peers]   " + p.name() + " " + f[1] + " " + f[2]);
                }
            }
        }
        if (!process.waitFor(20, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(p.name() + " failed: " + p.command());
        }
        return results;
    }

    /** Tulip's ratio to the best peer per workload (above 1: Tulip leads), NaN where nothing compares. */
    static Map<String, Double> ratios(List<Workloads.Workload> workloads, Map<String, Map<String, double[]>> best) {
        Map<String, Double> ratios = new LinkedHashMap<>();
        Map<String, double[]> tulip = best.getOrDefault("Tulip", Map.of());
        for (Workloads.Workload w : workloads) {
            double[] t = tulip.get(w.name());
            double peer = Double.NaN;
            for (Map.Entry<String, Map<String, double[]>> e : best.entrySet()) {
                double[] v = e.getValue().get(w.name());
                if (!e.getKey().equals("Tulip") && v != null && (Double.isNaN(peer) || Workloads.better(w, v[0], peer))) {
                    peer = v[0];
                }
            }
            ratios.put(w.name(), t == null || Double.isNaN(peer) ? Double.NaN
                    : w.higherIsBetter() ? t[0] / peer : peer / t[0]);
        }
        return ratios;
    }

    private static String table(List<Workloads.Workload> workloads, List<Peer> peers,
            Map<String, Map<String, double[]>> best, String java, int rounds, String reps) {
        Map<String, Double> ratios = ratios(workloads, best);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Best of %d rounds x %s repetitions, systems alternating; JVM peers on %s.%n%n",
                rounds, reps, java));
        sb.append("| workload | unit |");
        for (Peer p : peers) {
            sb.append(' ').append(p.name()).append(" |");
        }
        sb.append(" Tulip / best peer | bytes allocated per op (");
        sb.append(String.join(", ", peers.stream().map(Peer::name).filter(n -> !n.equals("asyncio")).toList()));
        sb.append(") |\n|---|---|");
        sb.append("---|".repeat(peers.size())).append("---|---|\n");
        for (Workloads.Workload w : workloads) {
            sb.append("| ").append(w.title()).append(w.runtime() ? "" : " (processor)").append(" | ")
                    .append(w.unit()).append(w.higherIsBetter() ? " ↑" : " ↓").append(" |");
            List<String> allocs = new ArrayList<>();
            for (Peer p : peers) {
                double[] v = best.get(p.name()).get(w.name());
                sb.append(' ').append(v == null ? "–" : num(v[0])).append(" |");
                if (!p.name().equals("asyncio")) {
                    allocs.add(v == null || v[1] < 0 ? "–" : String.format(Locale.ROOT, "%.0f", v[1]));
                }
            }
            double r = ratios.get(w.name());
            sb.append(' ').append(Double.isNaN(r) ? "–" : String.format(Locale.ROOT, r < 1.25 ? "**%.2f**" : "%.2f", r))
                    .append(" | ").append(String.join(" / ", allocs)).append(" |\n");
        }
        return sb.toString();
    }

    private static String num(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }
}
