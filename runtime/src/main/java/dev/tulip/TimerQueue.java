package dev.tulip;

import java.util.Arrays;

/**
 * The loop's scheduled timers: a min-heap ordered by deadline, then by scheduling order (so timers
 * with equal deadlines run first-in first-out, as in asyncio). Each timer knows its index, so a
 * cancelled timer is removed at once in O(log n): cancelled timers never pile up, unlike asyncio's
 * heap, which has to compact itself when most of it is cancelled.
 *
 * <p>Laid out for large heaps (a million sleeping tasks): the sort keys (deadline and sequence number)
 * live in arrays beside the handles, so sifting compares keys without dereferencing handles (each
 * dereference is a cache miss in a big heap), and the heap is 4-ary, so a removal sifts through half
 * as many levels as a binary heap, and the four children's keys sit next to each other.
 */
final class TimerQueue {
    private TimerHandle[] heap = new TimerHandle[16];
    /** {@code whens[i]} and {@code seqs[i]} are the deadline and scheduling sequence of {@code heap[i]}. */
    private double[] whens = new double[16];
    private long[] seqs = new long[16];
    private int size;
    private long nextSequence;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The earliest timer, or null. */
    TimerHandle peek() {
        return size == 0 ? null : heap[0];
    }

    void add(TimerHandle timer) {
        if (size == heap.length) {
            resize(size * 2);
        }
        siftUp(size++, timer, timer.when, nextSequence++);
    }

    /** Removes and returns the earliest timer. */
    TimerHandle poll() {
        TimerHandle first = heap[0];
        removeAt(0);
        return first;
    }

    void remove(TimerHandle timer) {
        int i = timer.heapIndex;
        if (i >= 0 && i < size && heap[i] == timer) {
            removeAt(i);
        }
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            heap[i].heapIndex = -1;
            heap[i] = null;
        }
        size = 0;
    }

    private void removeAt(int i) {
        heap[i].heapIndex = -1;
        int last = --size;
        TimerHandle moved = heap[last];
        double movedWhen = whens[last];
        long movedSeq = seqs[last];
        heap[last] = null;
        if (i < last) {
            siftDown(i, moved, movedWhen, movedSeq);
            if (heap[i] == moved) {
                siftUp(i, moved, movedWhen, movedSeq);
            }
        }
        if (heap.length > 64 && size < heap.length / 4) {
            resize(heap.length / 2);
        }
    }

    private void resize(int capacity) {
        heap = Arrays.copyOf(heap, capacity);
        whens = Arrays.copyOf(whens, capacity);
        seqs = Arrays.copyOf(seqs, capacity);
    }

    private static boolean before(double when, long seq, double otherWhen, long otherSeq) {
        return when < otherWhen || (when == otherWhen && seq < otherSeq);
    }

    /** Moves the entry at {@code from} to {@code to}. */
    private void move(int from, int to) {
        TimerHandle h = heap[from];
        heap[to] = h;
        whens[to] = whens[from];
        seqs[to] = seqs[from];
        h.heapIndex = to;
    }

    private void place(int i, TimerHandle timer, double when, long seq) {
        heap[i] = timer;
        whens[i] = when;
        seqs[i] = seq;
        timer.heapIndex = i;
    }

    private void siftUp(int i, TimerHandle timer, double when, long seq) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            if (!before(when, seq, whens[parent], seqs[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        place(i, timer, when, seq);
    }

    private void siftDown(int i, TimerHandle timer, double when, long seq) {
        for (;;) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int child = first;
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                if (before(whens[c], seqs[c], whens[child], seqs[child])) {
                    child = c;
                }
            }
            if (!before(whens[child], seqs[child], when, seq)) {
                break;
            }
            move(child, i);
            i = child;
        }
        place(i, timer, when, seq);
    }
}
