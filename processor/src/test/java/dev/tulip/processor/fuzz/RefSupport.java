package dev.tulip.processor.fuzz;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** The reference world's helpers: awaitables are values, resources close synchronously. */
public final class RefSupport {
    private RefSupport() {
    }

    public static <T> Sync<T> fail(T v, boolean cond, String msg) {
        return Sync.lazy(() -> {
            if (cond) {
                throw new Boom(msg);
            }
            return v;
        });
    }

    public static <T> Sync<T> failC(T v, boolean cond, String msg) {
        return Sync.lazy(() -> {
            if (cond) {
                throw new CheckedBoom(msg);
            }
            return v;
        });
    }

    /** The reference world's {@code ARes}: closes synchronously, logging as {@link FuzzAsync.ARes} does. */
    public static final class ARes implements AutoCloseable {
        private final Trace t;
        private final String name;
        private final boolean failOnClose;

        public ARes(Trace t, String name, boolean failOnClose) {
            this.t = t;
            this.name = name;
            this.failOnClose = failOnClose;
            t.log("open", name);
        }

        public String id() {
            return name;
        }

        @Override
        public void close() {
            t.log("close", name);
            if (failOnClose) {
                throw new Boom("close " + name);
            }
        }
    }

    /** Tulip's {@code collect(gen)}: every value, in a list. */
    public static <T> Sync<java.util.List<T>> collect(Iterable<T> source) {
        return Sync.lazy(() -> {
            java.util.List<T> all = new java.util.ArrayList<>();
            for (T v : source) {
                all.add(v);
            }
            return all;
        });
    }

    /** The same items, logged the same way, as {@link FuzzAsync#aiter}. */
    public static Iterable<Integer> iter(Trace t, int n) {
        return () -> new Iterator<Integer>() {
            private int k;

            @Override
            public boolean hasNext() {
                return k < n;
            }

            @Override
            public Integer next() {
                if (k >= n) {
                    throw new NoSuchElementException();
                }
                t.log("item", k);
                return k++;
            }
        };
    }
}
