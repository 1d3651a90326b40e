package dev.tulip.benchmarks;

import dev.tulip.AsyncGenerator;
import dev.tulip.AsyncIterator;
import dev.tulip.Awaitable;
import dev.tulip.Coroutine;
import dev.tulip.EventLoop;
import dev.tulip.Generator;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Iterating {@value #N} ints: a hand-written generator state machine (in the shape the processor
 * emits) against a hand-written {@link Iterator}, an {@link IntStream} and a boxed stream. One
 * operation is one element, so the scores are nanoseconds (and {@code gc.alloc.rate.norm} bytes) per
 * element. Every variant sums the values into a long and returns it.
 *
 * <ul>
 *   <li>{@code generator}: {@code for (int i : range(N))}, i.e. {@code hasNext()}/{@code next()} on a
 *       {@link Generator};</li>
 *   <li>{@code generatorDelegating}: the same values through one level of
 *       {@code Tulip.yieldFrom(range(N))};</li>
 *   <li>{@code iterator}: the hand-written iterator a Java programmer would write instead;</li>
 *   <li>{@code lookAheadIterator}: a hand-written iterator that computes each value in
 *       {@code hasNext()} and keeps it in a field for {@code next()} (Guava's {@code AbstractIterator}
 *       shape), the protocol a generator has to follow;</li>
 *   <li>{@code intStream}, {@code boxedStream}: {@code IntStream.range(0, N)} summed, unboxed and
 *       boxed;</li>
 *   <li>{@code asyncGenerator}: {@code async for} over an {@link AsyncGenerator} yielding the same
 *       values, inside one task.</li>
 * </ul>
 *
 * The hand-written iterator's loop is compiled into a plain counted loop: escape analysis removes the
 * iterator and the boxes. A generator's state and its values go through the heap between
 * {@code hasNext()} and {@code next()} (the generator escapes through the calls on its cold end path),
 * so each value is a real {@code Integer}. The {@code Consume} variants hand every element to a
 * {@link Blackhole}, so that both allocate their boxes: the cost of the protocol, like for like.
 * {@code generatorNoBox} yields one constant object: the generator's own cost without boxing.
 * {@link MegamorphicGeneratorBenchmark} repeats the generator variants with a megamorphic
 * {@code resume} call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class GeneratorBenchmark {
    static final int N = 10_000_000;

    static long drain(Generator<?> g) {
        long n = 0;
        while (g.hasNext()) {
            g.next();
            n++;
        }
        return n;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long generator() {
        long sum = 0;
        for (int i : new Range(N)) {
            sum += i;
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long generatorDelegating() {
        long sum = 0;
        for (Object i : new Outer(new Range(N))) {
            sum += (Integer) i;
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long iterator() {
        long sum = 0;
        Iterator<Integer> it = new RangeIterator(N);
        while (it.hasNext()) {
            sum += it.next();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void generatorConsume(Blackhole bh) {
        for (Integer i : new Range(N)) {
            bh.consume(i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void iteratorConsume(Blackhole bh) {
        Iterator<Integer> it = new RangeIterator(N);
        while (it.hasNext()) {
            bh.consume(it.next());
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long lookAheadIterator() {
        long sum = 0;
        Iterator<Integer> it = new LookAheadRange(N);
        while (it.hasNext()) {
            sum += it.next();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void lookAheadIteratorConsume(Blackhole bh) {
        Iterator<Integer> it = new LookAheadRange(N);
        while (it.hasNext()) {
            bh.consume(it.next());
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long generatorNoBox() {
        long sum = 0;
        for (Object o : new Constant(N)) {
            sum += o == null ? 0 : 1;
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long intStream() {
        return IntStream.range(0, N).asLongStream().sum();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long boxedStream() {
        return IntStream.range(0, N).boxed().mapToLong(Integer::longValue).sum();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long asyncGenerator() {
        EventLoop loop = EventLoop.virtualTime();
        try {
            return loop.runUntilComplete(new SumAll(new AsyncRange(N)));
        } finally {
            loop.close();
        }
    }

    // ---- the state machines ----

    /**
     * <pre>{@code
     * @Generator.Method static Generator<Integer> range(int n) {
     *     for (int i = 0; i < n; i++) {
     *         Tulip.yield(i);
     *     }
     *     return Tulip.doneYielding();
     * }}</pre>
     */
    static final class Range extends Generator<Integer> {
        private final int n;
        private int i;

        Range(int n) {
            this.n = n;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        i = 0;
                        state = 2;
                        continue;
                    case 1: // after Tulip.yield(i)
                        if (thrown != null) {
                            throw thrown;
                        }
                        i++;
                        state = 2;
                        continue;
                    case 2: // loop head
                        if (i >= n) {
                            return complete(null);
                        }
                        state = 1;
                        return i;
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Generator.Method static Generator<Object> constant(int n) {
     *     for (int i = 0; i < n; i++) {
     *         Tulip.yield("x");
     *     }
     *     return Tulip.doneYielding();
     * }}</pre>
     * (written compactly: one state suffices.)
     */
    static final class Constant extends Generator<Object> {
        private final int n;
        private int i;

        Constant(int n) {
            this.n = n;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            state = 1;
            return i++ < n ? "x" : complete(null);
        }
    }

    /** The iterator a Java programmer writes for the same values. */
    static final class RangeIterator implements Iterator<Integer> {
        private final int n;
        private int i;

        RangeIterator(int n) {
            this.n = n;
        }

        @Override
        public boolean hasNext() {
            return i < n;
        }

        @Override
        public Integer next() {
            if (i >= n) {
                throw new NoSuchElementException();
            }
            return i++;
        }
    }

    /**
     * The iterator a Java programmer writes when the next value takes code to compute (the shape of
     * Guava's {@code AbstractIterator}): {@code hasNext()} computes the next value ahead and keeps it in
     * a field until {@code next()}, as a generator's {@code hasNext()} must.
     */
    static final class LookAheadRange implements Iterator<Integer> {
        private static final Object NONE = new Object();
        private final int n;
        private int i;
        private Object ahead = NONE;
        private boolean done;

        LookAheadRange(int n) {
            this.n = n;
        }

        private Object computeNext() {
            return i < n ? (Object) i++ : NONE;
        }

        @Override
        public boolean hasNext() {
            if (ahead != NONE) {
                return true;
            }
            if (done) {
                return false;
            }
            Object v = computeNext();
            if (v == NONE) {
                done = true;
                return false;
            }
            ahead = v;
            return true;
        }

        @Override
        public Integer next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object v = ahead;
            ahead = NONE;
            return (Integer) v;
        }
    }

    /**
     * <pre>{@code
     * @Generator.Method static Generator<Object> outer(Generator<?> inner) {
     *     Tulip.yieldFrom(inner);
     *     return Tulip.doneYielding();
     * }}</pre>
     */
    static final class Outer extends Generator<Object> {
        private Generator<?> inner;

        Outer(Generator<?> inner) {
            this.inner = inner;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            switch (state) {
                case 0: {
                    state = 1;
                    Generator<?> g = inner;
                    inner = null;
                    return delegate(g);
                }
                case 1:
                    if (thrown != null) {
                        throw thrown;
                    }
                    return complete(null);
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }
    }

    /** A generator class for profile pollution: n, n-1, ..., 1. */
    static final class Countdown extends Generator<Integer> {
        private int n;

        Countdown(int n) {
            this.n = n;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            state = 1;
            return n > 0 ? (Object) n-- : complete(null);
        }
    }

    /** A generator class for profile pollution: each value twice. */
    static final class Twice extends Generator<Integer> {
        private final int n;
        private int i;

        Twice(int n) {
            this.n = n;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            state = 1;
            return i < 2 * n ? (Object) (i++ / 2) : complete(null);
        }
    }

    /** A generator class for profile pollution: strings. */
    static final class Strings extends Generator<String> {
        private final int n;
        private int i;

        Strings(int n) {
            this.n = n;
        }

        @Override
        protected Object resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            state = 1;
            return i < n ? (i++ % 2 == 0 ? "even" : "odd") : complete(null);
        }
    }

    /**
     * <pre>{@code
     * @Async static AsyncGenerator<Integer> asyncRange(int n) {
     *     for (int i = 0; i < n; i++) {
     *         Tulip.yield(i);
     *     }
     *     return Tulip.doneYielding();
     * }}</pre>
     */
    static final class AsyncRange extends AsyncGenerator<Integer> {
        private final int n;
        private int i;

        AsyncRange(int n) {
            this.n = n;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        i = 0;
                        state = 2;
                        continue;
                    case 1:
                        if (thrown != null) {
                            throw thrown;
                        }
                        i++;
                        state = 2;
                        continue;
                    case 2:
                        if (i >= n) {
                            return complete();
                        }
                        state = 1;
                        return yielded(i);
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }

    /**
     * <pre>{@code
     * @Async static Coroutine<Long> sumAll(AsyncIterable<Integer> source) {
     *     long sum = 0;
     *     for (int i : source) {
     *         sum += i;
     *     }
     *     return done(sum);
     * }}</pre>
     */
    static final class SumAll extends Coroutine<Long> {
        private final AsyncGenerator<Integer> source;
        private AsyncIterator<Integer> it;
        private long sum;

        SumAll(AsyncGenerator<Integer> source) {
            this.source = source;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        it = source.aiter();
                        state = 2;
                        continue;
                    case 1:
                        if (thrown != null) {
                            throw thrown;
                        }
                        if (!(Boolean) sent) {
                            return complete(sum);
                        }
                        sum += it.next();
                        state = 2;
                        continue;
                    case 2:
                        state = 1;
                        return it.hasNext();
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }
    }
}
