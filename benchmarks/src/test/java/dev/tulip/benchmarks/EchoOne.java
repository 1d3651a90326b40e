package dev.tulip.benchmarks;

/** One echo case of one system, for profiling: {@code EchoOne tulip|netty|loom CONNS SIZE SECONDS}. */
final class EchoOne {
    private EchoOne() {
    }

    /**
     * Runs one case after a one-second warm-up.
     *
     * @param args system, connections, message size, seconds
     * @throws Exception if the echo fails
     */
    public static void main(String[] args) throws Exception {
        int conns = Integer.parseInt(args[1]);
        int size = Integer.parseInt(args[2]);
        double seconds = Double.parseDouble(args[3]);
        EchoSideBySide.Peer peer = switch (args[0]) {
            case "tulip" -> EchoComparison::tulip;
            case "netty" -> NettyEcho::run;
            case "loom" -> EchoComparison::loom;
            default -> throw new IllegalArgumentException(args[0]);
        };
        peer.run(conns, size, 1);
        EchoComparison.Result r = peer.run(conns, size, seconds);
        System.out.printf("%s %d x %d B: %s /s wall, %s /cpu-s%n", args[0], conns, size, EchoComparison.fmt(r.rate(size)),
                EchoComparison.fmt(r.perCpu(size)));
    }
}
