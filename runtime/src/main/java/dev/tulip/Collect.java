package dev.tulip;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The coroutine behind {@link Tulip#collect}: Python's async list comprehension
 * {@code [x async for x in source if keep(x)]}, written by hand in the state-machine shape.
 */
final class Collect<T> extends Coroutine<List<T>> {
    private AsyncIterable<? extends T> source;
    private Predicate<? super T> keep;
    private AsyncIterator<? extends T> iterator;
    private List<T> list;

    Collect(AsyncIterable<? extends T> source, Predicate<? super T> keep) {
        this.source = source;
        this.keep = keep;
    }

    @Override
    protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
        switch (state) {
            case 0:
                iterator = source.aiter();
                source = null;
                list = new ArrayList<>();
                state = 1;
                return iterator.hasNext();
            case 1:
                if (thrown != null) {
                    throw thrown;
                }
                if (!(Boolean) sent) {
                    List<T> result = list;
                    return complete(result);
                }
                T x = iterator.next();
                if (keep == null || keep.test(x)) {
                    list.add(x);
                }
                return iterator.hasNext();
            default:
                throw new IllegalStateException("resumed in state " + state);
        }
    }

    @Override
    protected void release() {
        source = null;
        keep = null;
        iterator = null;
        list = null;
    }

    @Override
    protected String name() {
        return "collect";
    }
}
