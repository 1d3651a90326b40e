package dev.tulip.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The generator variants of {@link GeneratorBenchmark}, after the setup has iterated four other
 * generator classes, so that the runtime's calls to {@code resume}
 * are megamorphic, as in a program that uses many generators. One operation is one element.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class MegamorphicGeneratorBenchmark {
    static final int N = GeneratorBenchmark.N;

    @Setup
    public void pollute() {
        for (int k = 0; k < 20_000; k++) {
            GeneratorBenchmark.drain(new GeneratorBenchmark.Countdown(50));
            GeneratorBenchmark.drain(new GeneratorBenchmark.Twice(50));
            GeneratorBenchmark.drain(new GeneratorBenchmark.Strings(50));
            GeneratorBenchmark.drain(new GeneratorBenchmark.Constant(50));
            GeneratorBenchmark.drain(new GeneratorBenchmark.Outer(new GeneratorBenchmark.Countdown(10)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long generator() {
        long sum = 0;
        for (int i : new GeneratorBenchmark.Range(N)) {
            sum += i;
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void generatorConsume(Blackhole bh) {
        for (Integer i : new GeneratorBenchmark.Range(N)) {
            bh.consume(i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long generatorDelegating() {
        long sum = 0;
        for (Object i : new GeneratorBenchmark.Outer(new GeneratorBenchmark.Range(N))) {
            sum += (Integer) i;
        }
        return sum;
    }
}
