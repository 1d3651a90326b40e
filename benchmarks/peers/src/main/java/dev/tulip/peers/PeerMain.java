package dev.tulip.peers;

import java.util.Arrays;

/** The command line shared by the JVM peers: repetitions, workload names; best repetition reported. */
final class PeerMain {
    private PeerMain() {
    }

    /** Runs one repetition of a workload, filling in the sample (or, for the footprint row, extra[0]). */
    interface Body {
        void run(String workload, Meter.Sample sample, double[] extra) throws Exception;
    }

    static void run(String[] args, Body body) {
        int reps = Integer.parseInt(args[0]);
        for (String name : Arrays.copyOfRange(args, 1, args.length)) {
            Workloads.Workload w = Workloads.named(name);
            double best = Double.NaN;
            double bestAlloc = -1;
            int times = name.equals("sleepers") ? 1 : reps;
            for (int r = 0; r < times; r++) {
                Meter.Sample s = new Meter.Sample();
                double[] extra = {Double.NaN};
                try {
                    body.run(name, s, extra);
                } catch (Exception e) {
                    throw new IllegalStateException(name + " failed", e);
                }
                double figure = name.equals("sleepers") ? extra[0] : Workloads.figure(w, w.ops(), s.wall, s.cpu);
                double alloc = name.equals("sleepers") ? -1 : s.alloc / (double) w.ops();
                if (Double.isNaN(best) || Workloads.better(w, figure, best)) {
                    best = figure;
                    bestAlloc = alloc;
                }
            }
            Meter.report(name, best, bestAlloc);
        }
    }
}
