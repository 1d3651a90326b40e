package dev.tulip;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Objects;

/**
 * A {@link Queue} that returns the smallest item first: Python's {@code asyncio.PriorityQueue}.
 *
 * <p>Items are ordered by their natural ordering ({@link Comparable}), or by the given
 * {@link Comparator}. The heap follows Python's {@code heapq} step for step, so items that compare
 * equal come out in the same order as in Python; as there, give equal-priority items a sequence number
 * (Python's {@code (priority, count, item)} tuples) when their order matters.
 *
 * @param <T> the type of the items
 */
public final class PriorityQueue<T> extends Queue<T> {
    private final Comparator<? super T> comparator;
    private Object[] heap = new Object[16];
    private int size;

    /** Creates an unbounded priority queue of {@link Comparable} items; Python's {@code PriorityQueue()}. */
    public PriorityQueue() {
        this(0, null);
    }

    /**
     * Creates a priority queue of {@link Comparable} items; Python's {@code PriorityQueue(maxsize)}.
     *
     * @param maxsize the most items the queue holds; 0 or less for no limit
     */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /**
     * Creates an unbounded priority queue ordered by a comparator.
     *
     * @param comparator the order, smallest first
     */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, Objects.requireNonNull(comparator, "comparator"));
    }

    /**
     * Creates a priority queue ordered by a comparator.
     *
     * @param maxsize the most items the queue holds; 0 or less for no limit
     * @param comparator the order, smallest first; null for the natural ordering
     */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize, false);
        this.comparator = comparator;
    }

    @Override
    int itemCount() {
        return size;
    }

    /** heapq.heappush: append, then move the new item up. */
    @Override
    void putItem(T item) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = item;
        size++;
        try {
            siftTowardRoot(0, size - 1);
        } catch (RuntimeException e) {
            // Not comparable (Python's TypeError): the item does not stay in the queue.
            removeLast(item);
            throw e;
        }
    }

    /** heapq.heappop: take the root, move the last item to the root and let it sink to a leaf, then up. */
    @Override
    @SuppressWarnings("unchecked")
    T takeItem() {
        Object last = heap[--size];
        heap[size] = null;
        if (size == 0) {
            return (T) last;
        }
        Object root = heap[0];
        heap[0] = last;
        siftToLeaf(0);
        return (T) root;
    }

    @Override
    Iterator<Object> storedItems() {
        return Arrays.asList(Arrays.copyOf(heap, size)).iterator();
    }

    /**
     * Moves heap[pos] up while it is smaller than its parent (heapq's {@code _siftdown}). The item is
     * written back even if a comparison throws, so the heap stays a heap apart from that item.
     */
    private void siftTowardRoot(int start, int pos) {
        Object item = heap[pos];
        try {
            while (pos > start) {
                int parentPos = (pos - 1) >>> 1;
                Object parent = heap[parentPos];
                if (!less(item, parent)) {
                    break;
                }
                heap[pos] = parent;
                pos = parentPos;
            }
        } finally {
            heap[pos] = item;
        }
    }

    /**
     * Moves the smaller child up until heap[pos]'s item reaches a leaf, then moves it back up
     * (heapq's {@code _siftup}: fewer comparisons than a classic sift-down, and Python's exact order).
     */
    private void siftToLeaf(int pos) {
        int end = size;
        int start = pos;
        Object item = heap[pos];
        int child = 2 * pos + 1;
        while (child < end) {
            int right = child + 1;
            if (right < end && !less(heap[child], heap[right])) {
                child = right;
            }
            heap[pos] = heap[child];
            pos = child;
            child = 2 * pos + 1;
        }
        heap[pos] = item;
        siftTowardRoot(start, pos);
    }

    /** Takes a just-pushed item back out after a failed comparison. */
    private void removeLast(Object item) {
        for (int i = size - 1; i >= 0; i--) {
            if (heap[i] == item) {
                size--;
                Object last = heap[size];
                heap[size] = null;
                if (i < size) {
                    heap[i] = last;
                    siftToLeaf(i);
                    siftTowardRoot(0, i);
                }
                return;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private boolean less(Object a, Object b) {
        if (comparator != null) {
            return comparator.compare((T) a, (T) b) < 0;
        }
        return ((Comparable<Object>) a).compareTo(b) < 0;
    }
}
