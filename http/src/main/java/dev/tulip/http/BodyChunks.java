package dev.tulip.http;

import dev.tulip.AsyncFuture;
import dev.tulip.AsyncIterator;
import dev.tulip.Awaitable;
import dev.tulip.EventLoop;
import dev.tulip.TimeoutError;
import dev.tulip.Tulip;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A response body as the JDK publishes it ({@code Flow.Publisher<List<ByteBuffer>>}), turned into an
 * {@link AsyncIterator} of chunks on the loop. Back-pressure: one item is requested from the publisher
 * only when the consumer asks for a chunk and none is buffered, so at most one item of the JDK's (a few
 * buffers of its 16 KiB) waits here. The publisher's callbacks run on the JDK's threads; everything they
 * share with the loop is under {@code this}'s monitor, and the loop learns of an item through a
 * {@code CompletableFuture} bridged by {@link Tulip#wrapFuture} (thread-safe, and counted as pending work
 * by a virtual-time loop).
 */
final class BodyChunks implements Flow.Subscriber<List<ByteBuffer>>, AsyncIterator<byte[]> {
    private final Duration readTimeout;
    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private Flow.Subscription subscription;
    /** A request(1) asked for before onSubscribe. */
    private boolean wantOne;
    private boolean complete;
    private boolean cancelled;
    private Throwable error;
    /** The loop's wait for the next item, or null. */
    private CompletableFuture<Boolean> waiter;

    BodyChunks(Duration readTimeout) {
        this.readTimeout = readTimeout;
    }

    // ---- the JDK's side (any thread) ----

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
        if (subscription != null || cancelled) {
            s.cancel();
            return;
        }
        subscription = s;
        if (wantOne) {
            wantOne = false;
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        CompletableFuture<Boolean> w;
        synchronized (this) {
            for (ByteBuffer b : item) {
                if (b.hasRemaining()) {
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    chunks.add(bytes);
                }
            }
            if (chunks.isEmpty()) {
                // an item of empty buffers: ask again for the consumer, who is still waiting
                request();
                return;
            }
            w = waiter;
            waiter = null;
        }
        if (w != null) {
            w.complete(Boolean.TRUE);
        }
    }

    @Override
    public void onError(Throwable t) {
        CompletableFuture<Boolean> w;
        synchronized (this) {
            error = t;
            w = waiter;
            waiter = null;
        }
        if (w != null) {
            w.completeExceptionally(t);
        }
    }

    @Override
    public void onComplete() {
        CompletableFuture<Boolean> w;
        synchronized (this) {
            complete = true;
            w = waiter;
            waiter = null;
        }
        if (w != null) {
            w.complete(Boolean.FALSE);
        }
    }

    private void request() {
        if (subscription != null) {
            subscription.request(1);
        } else {
            wantOne = true;
        }
    }

    // ---- the loop's side ----

    @Override
    public Awaitable<Boolean> hasNext() {
        EventLoop loop = EventLoop.running();
        CompletableFuture<Boolean> w;
        synchronized (this) {
            if (!chunks.isEmpty()) {
                return done(loop, true);
            }
            if (error != null) {
                AsyncFuture<Boolean> f = loop.createFuture();
                f.setException(error);
                return f;
            }
            if (complete || cancelled) {
                return done(loop, false);
            }
            if (waiter != null) {
                throw new IllegalStateException("hasNext() called again before the previous one completed");
            }
            w = new CompletableFuture<>();
            waiter = w;
            request();
        }
        AsyncFuture<Boolean> f = Tulip.wrapFuture(w.thenApply(more -> more && takeReady()));
        f.addDoneCallback(x -> {
            if (x.cancelled()) {
                cancel(); // the consumer gave up on the body: abort the exchange
            }
        });
        if (readTimeout == null) {
            return f;
        }
        return translateTimeout(Tulip.waitFor(f, readTimeout.toNanos() / 1e9));
    }

    private synchronized boolean takeReady() {
        return !chunks.isEmpty();
    }

    private static Awaitable<Boolean> translateTimeout(Awaitable<Boolean> aw) {
        return BodyChunksAsync.withTimeoutMessage(aw);
    }

    @dev.tulip.Async
    static dev.tulip.Coroutine<Boolean> withTimeoutMessage(Awaitable<Boolean> aw) {
        try {
            return Tulip.done(Tulip.await(aw));
        } catch (TimeoutError e) {
            throw new TimeoutError("no chunk of the response body arrived within the read timeout", e);
        }
    }

    private static AsyncFuture<Boolean> done(EventLoop loop, boolean value) {
        AsyncFuture<Boolean> f = loop.createFuture();
        f.setResult(value);
        return f;
    }

    @Override
    public synchronized byte[] next() {
        byte[] c = chunks.poll();
        if (c == null) {
            throw new NoSuchElementException("no chunk: await hasNext() first");
        }
        return c;
    }

    /** Stops the transfer: the JDK aborts the exchange. Idempotent. */
    void cancel() {
        Flow.Subscription s;
        CompletableFuture<Boolean> w;
        synchronized (this) {
            if (cancelled || complete) {
                return;
            }
            cancelled = true;
            s = subscription;
            chunks.clear();
            w = waiter;
            waiter = null;
        }
        if (s != null) {
            s.cancel();
        }
        if (w != null) {
            w.cancel(false);
        }
    }

    synchronized boolean finished() {
        return complete || cancelled || error != null;
    }
}
