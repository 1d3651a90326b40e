package dev.tulip;

import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * A first-in first-out queue for producer and consumer tasks: Python's {@code asyncio.Queue}, with
 * Python 3.13's {@link #shutdown()}. See also {@link PriorityQueue} and {@link LifoQueue}.
 *
 * <p>With {@code maxsize > 0}, {@link #put} waits while the queue holds {@code maxsize} items; with
 * {@code maxsize <= 0} (the default) the queue is unbounded. {@link #get} waits while it is empty.
 * Waiting producers and consumers are served in FIFO order. Items may be null (Python programs often
 * use {@code None} as an end marker).
 *
 * <pre>{@code
 * await(queue.put(item));            // await queue.put(item)
 * T item = await(queue.get());       // item = await queue.get()
 * queue.taskDone();                  // queue.task_done()
 * await(queue.join());               // await queue.join()
 * }</pre>
 *
 * <p>{@code put} and {@code get} are coroutines, as in Python: they act when awaited (or when their task
 * runs, with {@code createTask(queue.get())}), and complete without suspending when they can. A
 * {@code get} or {@code put} that is cancelled never loses or duplicates an item: if it is cancelled
 * right after being woken, it passes the wake-up on to the next waiter.
 *
 * <p>A queue may be created outside any loop; it binds to the running loop the first time a task
 * waits on it. Not thread-safe: from other threads, go through {@code loop.callSoonThreadsafe}.
 *
 * @param <T> the type of the items
 */
public class Queue<T> extends LoopBound {
    /** Stands for null items in the deque, which does not accept nulls. */
    private static final Object NULL = new Object();

    private final int maxsize;
    private final WaiterQueue getters = new WaiterQueue();
    private final WaiterQueue putters = new WaiterQueue();
    private int unfinishedTasks;
    private final Event finished = new Event();
    private boolean isShutdown;
    /** The items of a FIFO or LIFO queue (null for a priority queue, which keeps its own heap). */
    final ArrayDeque<Object> items;
    /** A {@code put} coroutine that completed inline, ready to serve the next {@link #put} (or null). */
    private Put<T> sparePut;
    /** A {@code get} coroutine that completed inline, ready to serve the next {@link #get} (or null). */
    private Get<T> spareGet;
    /** A waiter whose task was woken and has resumed, ready for the next task that must wait (or null). */
    private WaiterQueue.Waiter spareWaiter;

    /** Creates an unbounded queue; Python's {@code Queue()}. */
    public Queue() {
        this(0);
    }

    /**
     * Creates a queue; Python's {@code Queue(maxsize)}.
     *
     * @param maxsize the most items the queue holds; 0 or less for no limit
     */
    public Queue(int maxsize) {
        this(maxsize, true);
    }

    Queue(int maxsize, boolean deque) {
        this.maxsize = maxsize;
        this.items = deque ? new ArrayDeque<>() : null;
        finished.set();
    }

    // ---- storage, overridden by PriorityQueue and LifoQueue (Python's _init, _put, _get) ----

    int itemCount() {
        return items.size();
    }

    void putItem(T item) {
        items.addLast(item == null ? NULL : item);
    }

    T takeItem() {
        return unmask(items.pollFirst());
    }

    /** The items in storage order, for {@link #toString()}. */
    Iterator<Object> storedItems() {
        return items.iterator();
    }

    @SuppressWarnings("unchecked")
    static <T> T unmask(Object stored) {
        return stored == NULL ? null : (T) stored;
    }

    // ---- the queue ----

    /**
     * The number of items in the queue; Python's {@code qsize()}.
     *
     * @return the number of items
     */
    public final int qsize() {
        return itemCount();
    }

    /**
     * The capacity given at creation; Python's {@code maxsize}.
     *
     * @return the maximum number of items, 0 or less for unbounded
     */
    public final int maxsize() {
        return maxsize;
    }

    /**
     * Tells whether the queue has no items; Python's {@code empty()}.
     *
     * @return true if empty
     */
    public final boolean empty() {
        return itemCount() == 0;
    }

    /**
     * Tells whether the queue holds {@code maxsize} items (never true for an unbounded queue);
     * Python's {@code full()}.
     *
     * @return true if full
     */
    public final boolean full() {
        return maxsize > 0 && itemCount() >= maxsize;
    }

    /**
     * Puts an item, waiting while the queue is full; Python's {@code await queue.put(item)}.
     *
     * @param item the item (may be null)
     * @return a coroutine that completes once the item is in the queue; awaiting it raises
     *     {@link QueueShutDown} if the queue is (or gets) shut down
     */
    public final Coroutine<Void> put(T item) {
        Put<T> p = sparePut;
        if (p != null) {
            sparePut = null;
            p.spent = false;
            p.parent = null;
            p.state = 0;
            p.item = item;
            return p;
        }
        return new Put<>(this, item);
    }

    /**
     * Puts an item without waiting; Python's {@code put_nowait(item)}.
     *
     * @param item the item (may be null)
     * @throws QueueFull if the queue is full
     * @throws QueueShutDown if the queue was shut down
     */
    public final void putNowait(T item) {
        checkThread("Queue.putNowait");
        if (isShutdown) {
            throw new QueueShutDown();
        }
        if (full()) {
            throw new QueueFull();
        }
        putUnchecked(item);
    }

    /** {@link #putNowait} once the checks passed (the queue has room and is not shut down). */
    private void putUnchecked(T item) {
        putItem(item);
        if (unfinishedTasks++ == 0) {
            finished.clear(); // finished is set exactly while unfinishedTasks == 0
        }
        if (!getters.isEmpty()) {
            getters.wakeNext();
        }
    }

    /** A pending waiter bound to this queue's loop: the spare one if there is one. */
    private WaiterQueue.Waiter newWaiter() {
        WaiterQueue.Waiter w = spareWaiter;
        if (w != null) {
            spareWaiter = null;
            return w;
        }
        return new WaiterQueue.Waiter(boundLoop());
    }

    /** Keeps a waiter that was woken (succeeded) and whose task has resumed, for {@link #newWaiter()}. */
    private void spare(WaiterQueue.Waiter w) {
        if (spareWaiter == null && w.status() == AsyncFuture.SUCCEEDED && w.queue == null) {
            w.rearm();
            spareWaiter = w;
        }
    }

    /** {@link #getNowait} once the checks passed (the queue has an item). */
    private T takeUnchecked() {
        T item = takeItem();
        if (!putters.isEmpty()) {
            putters.wakeNext();
        }
        return item;
    }

    /**
     * Removes and returns an item, waiting while the queue is empty; Python's
     * {@code await queue.get()}.
     *
     * @return a coroutine producing the item; awaiting it raises {@link QueueShutDown} if the queue is
     *     shut down and empty
     */
    public final Coroutine<T> get() {
        Get<T> g = spareGet;
        if (g != null) {
            spareGet = null;
            g.spent = false;
            g.parent = null;
            g.state = 0;
            return g;
        }
        return new Get<>(this);
    }

    /**
     * Removes and returns an item without waiting; Python's {@code get_nowait()}.
     *
     * @return the item
     * @throws QueueEmpty if the queue is empty
     * @throws QueueShutDown if the queue is empty and shut down
     */
    public final T getNowait() {
        checkThread("Queue.getNowait");
        if (empty()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            throw new QueueEmpty();
        }
        return takeUnchecked();
    }

    /**
     * Tells the queue that an item taken by {@code get} has been processed; when every item put has
     * been processed, {@link #join()} returns. Python's {@code task_done()}.
     *
     * @throws IllegalStateException if called more times than items were put (Python's
     *     {@code ValueError})
     */
    public final void taskDone() {
        checkThread("Queue.taskDone");
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException("taskDone() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /**
     * Waits until every item put into the queue has been taken and marked done with
     * {@link #taskDone()}; Python's {@code await queue.join()}.
     *
     * @return a coroutine that completes when no work is left
     */
    public final Coroutine<Void> join() {
        return new Join(this);
    }

    /**
     * Shuts the queue down, letting it drain; Python 3.13's {@code shutdown()}. Same as
     * {@code shutdown(false)}.
     */
    public final void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down; Python 3.13's {@code shutdown(immediate)}. Afterwards {@code put} raises
     * {@link QueueShutDown}, and {@code get} raises it once the queue is empty. Every waiting producer
     * and consumer is woken to see it.
     *
     * @param immediate also drop the remaining items (counting each as done for {@link #join()}), so
     *     that consumers stop at once
     */
    public final void shutdown(boolean immediate) {
        checkThread("Queue.shutdown");
        isShutdown = true;
        if (immediate) {
            while (!empty()) {
                takeItem();
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.set();
            }
        }
        getters.wakeAllAndClear();
        putters.wakeAllAndClear();
    }

    /**
     * Describes the queue as Python's {@code str()} does:
     * {@code <Queue maxsize=2 _queue=['a'] _getters[1] tasks=1>}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName()).append(" maxsize=").append(maxsize);
        if (!empty()) {
            sb.append(" _queue=[");
            Iterator<Object> it = storedItems();
            while (it.hasNext()) {
                sb.append(Repr.of(unmask(it.next())));
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append(']');
        }
        if (!getters.isEmpty()) {
            sb.append(" _getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            sb.append(" _putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks != 0) {
            sb.append(" tasks=").append(unfinishedTasks);
        }
        if (isShutdown) {
            sb.append(" shutdown");
        }
        return sb.append('>').toString();
    }

    /**
     * <pre>{@code
     * @Async Coroutine<Void> put(T item) {
     *     while (full()) {
     *         if (isShutdown) throw new QueueShutDown();
     *         Waiter putter = new Waiter(boundLoop());
     *         putters.add(putter);
     *         try {
     *             await(putter);
     *         } catch (Throwable e) {
     *             putter.cancel();                 // in case it is not done yet
     *             putters.remove(putter);          // it may already be out (woken by get or shutdown)
     *             if (!full() && !putter.cancelled()) {
     *                 putters.wakeNext();          // woken, but we cannot take the slot: pass it on
     *             }
     *             throw e;
     *         }
     *     }
     *     putNowait(item);
     *     return done();
     * }
     * }</pre>
     */
    private static final class Put<T> extends InlineCoroutine<Void> {
        private final Queue<T> queue;
        private T item;
        private WaiterQueue.Waiter putter;
        /** True once it completed inline, until {@link Queue#put} hands it out again: awaiting it now is a reuse. */
        boolean spent;

        Put(Queue<T> queue, T item) {
            this.queue = queue;
            this.item = item;
        }

        @Override
        boolean tryNow() {
            Queue<T> q = queue;
            if (spent || state != 0 || q.isShutdown || q.full()) {
                return false;
            }
            T it = item;
            item = null;
            q.putUnchecked(it); // debug mode (thread checks) never takes the inline path
            spent = true;
            return true;
        }

        @Override
        void recycle() {
            if (queue.sparePut == null) {
                queue.sparePut = this;
            }
        }

        /** Finished after all (it had to wait): back to the pool too, if a coroutine awaited it. */
        @Override
        protected void release() {
            item = null;
            putter = null;
            if (parent instanceof Coroutine && queue.sparePut == null && !DebugTracking.enabled) {
                spent = true;
                queue.sparePut = this;
            }
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            Queue<T> q = queue;
            switch (state) {
                case 1: {
                    WaiterQueue.Waiter p = putter;
                    putter = null;
                    if (thrown != null) {
                        p.cancel();
                        q.putters.remove(p);
                        if (!q.full() && !p.cancelled()) {
                            q.putters.wakeNext();
                        }
                        state = 2;
                        throw thrown;
                    }
                    q.spare(p);
                    break;
                }
                case 0:
                    if (spent) {
                        throw reused(this, q.sparePut == this ? () -> q.sparePut = null : null);
                    }
                    if (thrown != null) {
                        throw thrown;
                    }
                    break;
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
            if (q.full()) {
                if (q.isShutdown) {
                    state = 2;
                    throw new QueueShutDown();
                }
                putter = q.newWaiter();
                q.putters.add(putter);
                state = 1;
                return putter;
            }
            state = 2;
            T it = item;
            item = null;
            q.putNowait(it);
            return complete(null);
        }

        @Override
        protected String name() {
            return "Queue.put";
        }
    }

    /**
     * <pre>{@code
     * @Async Coroutine<T> get() {
     *     while (empty()) {
     *         if (isShutdown && empty()) throw new QueueShutDown();
     *         Waiter getter = new Waiter(boundLoop());
     *         getters.add(getter);
     *         try {
     *             await(getter);
     *         } catch (Throwable e) {
     *             getter.cancel();
     *             getters.remove(getter);
     *             if (!empty() && !getter.cancelled()) {
     *                 getters.wakeNext();          // woken, but we will not take the item: pass it on
     *             }
     *             throw e;
     *         }
     *     }
     *     return done(getNowait());
     * }
     * }</pre>
     */
    private static final class Get<T> extends InlineCoroutine<T> {
        private final Queue<T> queue;
        private WaiterQueue.Waiter getter;
        /** True once it completed inline, until {@link Queue#get} hands it out again: awaiting it now is a reuse. */
        boolean spent;

        Get(Queue<T> queue) {
            this.queue = queue;
        }

        @Override
        boolean tryNow() {
            Queue<T> q = queue;
            if (spent || state != 0 || q.empty()) {
                return false;
            }
            result = q.takeUnchecked();
            spent = true;
            return true;
        }

        @Override
        void recycle() {
            if (queue.spareGet == null) {
                queue.spareGet = this;
            }
        }

        /** Finished after all (it had to wait): back to the pool too, if a coroutine awaited it. */
        @Override
        protected void release() {
            getter = null;
            if (parent instanceof Coroutine && queue.spareGet == null && !DebugTracking.enabled) {
                spent = true;
                queue.spareGet = this;
            }
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            Queue<T> q = queue;
            switch (state) {
                case 1: {
                    WaiterQueue.Waiter g = getter;
                    getter = null;
                    if (thrown != null) {
                        g.cancel();
                        q.getters.remove(g);
                        if (!q.empty() && !g.cancelled()) {
                            q.getters.wakeNext();
                        }
                        state = 2;
                        throw thrown;
                    }
                    q.spare(g);
                    break;
                }
                case 0:
                    if (spent) {
                        throw reused(this, q.spareGet == this ? () -> q.spareGet = null : null);
                    }
                    if (thrown != null) {
                        throw thrown;
                    }
                    break;
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
            if (q.empty()) {
                if (q.isShutdown) {
                    state = 2;
                    throw new QueueShutDown();
                }
                getter = q.newWaiter();
                q.getters.add(getter);
                state = 1;
                return getter;
            }
            state = 2;
            return complete(q.getNowait());
        }

        @Override
        protected String name() {
            return "Queue.get";
        }
    }

    /**
     * The error for awaiting a {@code put} or {@code get} coroutine a second time, after it completed
     * inline and went back to the pool (which it leaves, so that it is never handed out again).
     */
    private static IllegalStateException reused(Coroutine<?> c, Runnable unpool) {
        if (unpool != null) {
            unpool.run();
        }
        c.state = 2;
        return new IllegalStateException("cannot reuse already awaited coroutine " + c
                + ": a coroutine runs once; call put/get again for a new one");
    }

    /**
     * <pre>{@code
     * @Async Coroutine<Void> join() {
     *     if (unfinishedTasks > 0) await(finished.waitUntilSet());
     *     return done();
     * }
     * }</pre>
     */
    private static final class Join extends Coroutine<Void> {
        private final Queue<?> queue;

        Join(Queue<?> queue) {
            this.queue = queue;
        }

        @Override
        protected Awaitable<?> resume(Object sent, Throwable thrown) throws Throwable {
            if (thrown != null) {
                throw thrown;
            }
            switch (state) {
                case 0:
                    if (queue.unfinishedTasks > 0) {
                        state = 1;
                        return queue.finished.waitUntilSet();
                    }
                    state = 2;
                    return complete(null);
                case 1:
                    state = 2;
                    return complete(null);
                default:
                    throw new IllegalStateException("resumed in state " + state);
            }
        }

        @Override
        protected String name() {
            return "Queue.join";
        }
    }
}
