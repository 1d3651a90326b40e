package dev.tulip.benchmarks;

import org.openjdk.jol.info.ClassLayout;

/** Prints the field layouts of the runtime's per-task objects (JOL), to account for measured footprints. */
public final class Layouts {
    private Layouts() {
    }

    public static void main(String[] args) throws Exception {
        print();
    }

    static void print() throws ClassNotFoundException {
        String[] classes = {"dev.tulip.Task", "dev.tulip.AsyncFuture", "dev.tulip.Sleep",
            "dev.tulip.benchmarks.Coros$Sleeper", "dev.tulip.benchmarks.Coros$Nested"};
        for (String c : classes) {
            System.out.println(ClassLayout.parseClass(Class.forName(c)).toPrintable());
        }
    }
}
