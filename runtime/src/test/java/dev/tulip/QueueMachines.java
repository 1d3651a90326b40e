package dev.tulip;

import java.util.Iterator;
import java.util.List;

/**
 * Hand-written producer and consumer state machines for the queue tests, in the shape the processor
 * emits. Each documents the @Async method it stands for.
 */
final class QueueMachines {
    private QueueMachines() {
    }

    /**
     * <pre>{@code
     * @Async static <T> Coroutine<Integer> consume(Queue<T> q, String name, double work, List<String> log) {
     *     int n = 0;
     *     try {
     *         for (;;) {
     *             T item = await(q.get());
     *             log.add(name + " got " + item);
     *             await(sleep(work));
     *             q.taskDone();
     *             n++;
     *         }
     *     } catch (QueueShutDown e) {
     *         log.add(name + " shut down");
     *     }
     *     return done(n);
     * }}</pre>
     */
    static <T> Coroutine<Integer> consume(Queue<T> q, String name, double work, List<String> log) {
        return new Consume<>(q, name, work, log);
    }

    static final class Consume<T> extends Coroutine<Integer> {
        private final Queue<T> q;
        private final String name;
        private final double work;
        private final List<String> log;
        private int n;

        Consume(Queue<T> q, String name, double work, List<String> log) {
            this.q = q;
            this.name = name;
            this.work = work;
            this.log = log;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                try {
                    switch (state) {
                        case 0: // loop head, inside the try
                            state = 1;
                            return q.get();
                        case 1:
                            if (thrown != null) {
                                throw thrown;
                            }
                            log.add(name + " got " + sent);
                            state = 2;
                            return Tulip.sleep(work);
                        case 2:
                            if (thrown != null) {
                                throw thrown;
                            }
                            q.taskDone();
                            n++;
                            state = 0;
                            continue;
                        case 3: // catch (QueueShutDown e)
                            log.add(name + " shut down");
                            state = 4;
                            return complete(n);
                        default:
                            throw new IllegalStateException("resumed in state " + state);
                    }
                } catch (Throwable t) {
                    thrown = null;
                    if (state <= 2 && t instanceof QueueShutDown) {
                        state = 3;
                        continue;
                    }
                    state = 4;
                    throw t;
                }
            }
        }

        @Override
        protected String name() {
            return "consume " + name;
        }
    }

    /**
     * <pre>{@code
     * @Async static <T> Coroutine<Void> produce(Queue<T> q, String name, List<T> items, List<String> log) {
     *     for (T item : items) {
     *         await(q.put(item));
     *         log.add(name + " put " + item);
     *     }
     *     return done();
     * }}</pre>
     */
    static <T> Coroutine<Void> produce(Queue<T> q, String name, List<T> items, List<String> log) {
        return new Produce<>(q, name, items, log);
    }

    static final class Produce<T> extends Coroutine<Void> {
        private final Queue<T> q;
        private final String name;
        private final Iterator<T> it;
        private final List<String> log;
        private T item;

        Produce(Queue<T> q, String name, List<T> items, List<String> log) {
            this.q = q;
            this.name = name;
            this.it = items.iterator();
            this.log = log;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            for (;;) {
                switch (state) {
                    case 0:
                        if (!it.hasNext()) {
                            state = 2;
                            return complete(null);
                        }
                        item = it.next();
                        state = 1;
                        return q.put(item);
                    case 1:
                        if (thrown != null) {
                            state = 2;
                            throw thrown;
                        }
                        log.add(name + " put " + item);
                        state = 0;
                        continue;
                    default:
                        throw new IllegalStateException("resumed in state " + state);
                }
            }
        }

        @Override
        protected String name() {
            return "produce " + name;
        }
    }
}
