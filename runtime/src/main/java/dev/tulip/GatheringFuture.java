package dev.tulip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The future returned by {@link Tulip#gather gather}: Python's {@code _GatheringFuture}. It completes
 * with the children's results in argument order, or with the first exception a child raises.
 *
 * <p>{@link #cancel(String)} does not cancel the gathering future itself: it cancels the children,
 * as {@code Task.cancel} does, and the future then completes with a {@link CancelledError} when the
 * cancelled children report back. A child cancelled by someone else makes the gathering future fail
 * with {@code CancelledError} too (without cancelling its siblings), unless exceptions are returned.
 *
 * @param <R> the element type of the result list
 */
final class GatheringFuture<R> extends AsyncFuture<List<R>> {
    /** One future per argument, in argument order; the same future twice for a repeated argument. */
    private final AsyncFuture<?>[] children;
    /** How many different futures there are among the children. */
    private final int distinct;
    private final boolean returnExceptions;
    private int finished;
    private boolean cancelRequested;
    private final Consumer<AsyncFuture<?>> onChildDone = this::childDone;

    private GatheringFuture(EventLoop loop, AsyncFuture<?>[] children, int distinct, boolean returnExceptions) {
        super(loop);
        this.children = children;
        this.distinct = distinct;
        this.returnExceptions = returnExceptions;
    }

    /**
     * Python's {@code gather(*aws, return_exceptions=...)}: wraps coroutines in tasks now, on the running
     * loop (or the loop of the first future), and returns the gathering future.
     */
    static <R> GatheringFuture<R> of(Iterable<? extends Awaitable<?>> aws, boolean returnExceptions) {
        // Sized up front when the count is known: a gather of 1,000 would otherwise regrow each of these.
        int expected = aws instanceof java.util.Collection ? ((java.util.Collection<?>) aws).size() : 10;
        List<AsyncFuture<?>> children = new ArrayList<>(expected);
        List<AsyncFuture<?>> unique = new ArrayList<>(expected);
        List<AsyncFuture<?>> alreadyDone = null;
        Map<Awaitable<?>, AsyncFuture<?>> seen = new IdentityHashMap<>(expected);
        EventLoop loop = null;
        for (Awaitable<?> arg : aws) {
            if (arg == null) {
                throw new NullPointerException("gather(...): awaitable #" + children.size() + " is null");
            }
            AsyncFuture<?> fut = seen.get(arg);
            if (fut == null) {
                if (loop == null) {
                    loop = arg instanceof AsyncFuture ? ((AsyncFuture<?>) arg).loop : EventLoop.running();
                }
                fut = loop.ensureFuture(arg);
                seen.put(arg, fut);
                unique.add(fut);
                if (fut.done()) {
                    if (alreadyDone == null) {
                        alreadyDone = new ArrayList<>();
                    }
                    alreadyDone.add(fut);
                }
            }
            children.add(fut);
        }
        if (loop == null) {
            loop = EventLoop.running();
        }
        GatheringFuture<R> outer = new GatheringFuture<>(loop, children.toArray(new AsyncFuture<?>[0]), unique.size(),
                returnExceptions);
        if (children.isEmpty()) {
            outer.setResult(Collections.emptyList());
            return outer;
        }
        for (AsyncFuture<?> fut : unique) {
            if (!fut.done()) {
                fut.addDoneCallback(outer.onChildDone);
            }
        }
        // As in Python 3.12: children that are done already are accounted for right away, so that a
        // gather of finished futures is finished when it is returned.
        if (alreadyDone != null) {
            for (AsyncFuture<?> fut : alreadyDone) {
                outer.childDone(fut);
            }
        }
        return outer;
    }

    private void childDone(AsyncFuture<?> fut) {
        finished++;
        if (done()) {
            if (!fut.cancelled()) {
                fut.exception(); // marks a later child's exception as retrieved
            }
            return;
        }
        if (!returnExceptions) {
            if (fut.cancelled()) {
                setException(fut.takeError());
                return;
            }
            Throwable exc = fut.exception();
            if (exc != null) {
                setException(exc);
                return;
            }
        }
        if (finished == distinct) {
            List<Object> results = new ArrayList<>(children.length);
            for (AsyncFuture<?> child : children) {
                if (child.cancelled()) {
                    // asyncio: CancelledError('' if fut._cancel_message is None else ...), consuming nothing
                    String message = child.cancelMessage();
                    results.add(CancelledError.raised(message == null ? "" : message));
                } else {
                    Throwable exc = child.exception();
                    results.add(exc != null ? exc : child.result());
                }
            }
            if (cancelRequested) {
                // Python builds this error from the last child (its message if it was cancelled).
                AsyncFuture<?> last = children[children.length - 1];
                setException(last.cancelled() ? last.takeError() : new CancelledError());
            } else {
                @SuppressWarnings("unchecked")
                List<R> list = (List<R>) (List<?>) Collections.unmodifiableList(results);
                setResult(list);
            }
        }
    }

    /**
     * Cancels every child that is not done (the gathering future completes once they report back).
     *
     * @param message carried by the children's {@link CancelledError}
     * @return true if at least one child accepted the cancellation
     */
    @Override
    public boolean cancel(String message) {
        if (done()) {
            return false;
        }
        boolean any = false;
        for (AsyncFuture<?> child : children) {
            if (child.cancel(message)) {
                any = true;
            }
        }
        if (any) {
            // Propagate the cancellation even if exceptions are returned (Python's bpo-32684).
            cancelRequested = true;
        }
        return any;
    }

    /**
     * Describes the gathering: {@code <gather [PENDING] 1/3 done>}, then with the outcome, as in
     * {@code <gather [FINISHED] 3/3 done ([1, 2, 3])>}.
     *
     * @return a short description
     */
    @Override
    public String toString() {
        String text = outcomeText();
        return "<gather [" + statusName() + "] " + finished + "/" + distinct + " done"
                + (cancelRequested && !done() ? " cancelling" : "")
                + (text.isEmpty() ? "" : " (" + text + ")") + ">";
    }
}
