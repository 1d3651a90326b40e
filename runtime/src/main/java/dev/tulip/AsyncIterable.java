package dev.tulip;

import java.util.Iterator;

/**
 * A source of values that may need to be awaited: Python's asynchronous iterable ({@code async for}).
 *
 * <p>In an {@link Async @Async} method, a for-each over an {@code AsyncIterable} awaits each element:
 *
 * <pre>{@code
 * for (String dwarf : dwarfs()) {      // dwarfs() returns an AsyncIterable<String>
 *     System.out.println(dwarf);
 * }
 * }</pre>
 *
 * is compiled as {@code var it = dwarfs().aiter(); while (await(it.hasNext())) { String dwarf = it.next(); ... }}.
 * It extends {@link Iterable} only so that javac accepts it in a for-each; its blocking
 * {@link #iterator()} must not be called.
 *
 * @param <T> the element type
 */
public interface AsyncIterable<T> extends Iterable<T> {
    /**
     * Starts an asynchronous iteration; Python's {@code __aiter__}.
     *
     * @return a fresh iterator
     */
    AsyncIterator<T> aiter();

    /**
     * Not for direct use: iterate with a for-each inside an {@code @Async} method.
     *
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    default Iterator<T> iterator() {
        throw new UnsupportedOperationException("An AsyncIterable is iterated with a for-each inside an @Async method,"
                + " where Tulip awaits each element; or call aiter() and await hasNext() yourself");
    }
}
