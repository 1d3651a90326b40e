package dev.tulip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The poller of a loop that has watched a channel: a NIO {@link Selector} (epoll on Linux) holding one
 * registration per channel, with at most one reader and one writer callback each, as asyncio's
 * {@code selector_events}. Created on the first {@link EventLoop#addReader}/{@link EventLoop#addWriter},
 * so loops that do no I/O cost no descriptor.
 */
final class SelectorPoller implements Poller {
    /** The callbacks of one channel; the key's attachment. */
    private static final class Registration {
        final SelectionKey key;
        Handle reader;
        Handle writer;

        Registration(SelectionKey key) {
            this.key = key;
        }
    }

    private final Selector selector;
    private final Map<SelectableChannel, Registration> registrations = new HashMap<>();
    private ArrayDeque<Object> target;
    private int found;
    private final Consumer<SelectionKey> dispatch = this::dispatch;

    SelectorPoller() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the event loop", e);
        }
    }

    /** True while some callback is registered: a virtual-time loop then waits for I/O instead of failing. */
    boolean hasRegistrations() {
        return !registrations.isEmpty();
    }

    void add(SelectableChannel channel, boolean read, Handle handle) {
        Registration r = registrations.get(channel);
        try {
            if (r == null) {
                channel.configureBlocking(false);
                SelectionKey key = channel.keyFor(selector);
                if (key != null && !key.isValid()) {
                    selector.selectNow(); // flush the cancelled key before registering again
                }
                key = channel.register(selector, 0);
                r = new Registration(key);
                key.attach(r);
                registrations.put(channel, r);
            }
            Handle old = read ? r.reader : r.writer;
            if (old != null) {
                old.cancel();
            }
            if (read) {
                r.reader = handle;
            } else {
                r.writer = handle;
            }
            r.key.interestOps(ops(channel, r));
        } catch (ClosedChannelException | CancelledKeyException e) {
            if (r != null && r.reader == null && r.writer == null) {
                registrations.remove(channel);
            }
            throw new IllegalArgumentException("cannot watch a closed channel: " + channel, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean remove(SelectableChannel channel, boolean read) {
        Registration r = registrations.get(channel);
        if (r == null) {
            return false;
        }
        Handle old = read ? r.reader : r.writer;
        if (old == null) {
            return false;
        }
        old.cancel();
        if (read) {
            r.reader = null;
        } else {
            r.writer = null;
        }
        if (r.reader == null && r.writer == null) {
            registrations.remove(channel);
        }
        if (r.key.isValid()) {
            try {
                r.key.interestOps(ops(channel, r));
            } catch (CancelledKeyException e) {
                // closed meanwhile: nothing left to watch
            }
        }
        return true;
    }

    private static int ops(SelectableChannel channel, Registration r) {
        int valid = channel.validOps();
        int ops = 0;
        if (r.reader != null) {
            ops |= valid & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT);
        }
        if (r.writer != null) {
            boolean connecting = channel instanceof SocketChannel && ((SocketChannel) channel).isConnectionPending();
            ops |= connecting ? SelectionKey.OP_CONNECT : (valid & SelectionKey.OP_WRITE);
        }
        return ops;
    }

    @Override
    public int poll(long timeoutNanos, ArrayDeque<Object> ready) {
        target = ready;
        found = 0;
        try {
            if (timeoutNanos == 0) {
                selector.selectNow(dispatch);
            } else if (timeoutNanos < 0) {
                selector.select(dispatch);
            } else {
                // Round up: a timeout cut to 0 ms would mean "forever" to select, and shorter ones spin.
                selector.select(dispatch, Math.max(1L, (timeoutNanos + 999_999L) / 1_000_000L));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("selector failed", e);
        } finally {
            target = null;
        }
        return found;
    }

    private void dispatch(SelectionKey key) {
        Registration r = (Registration) key.attachment();
        if (r == null || !key.isValid()) {
            return;
        }
        int ops = key.readyOps();
        if ((ops & (SelectionKey.OP_READ | SelectionKey.OP_ACCEPT)) != 0 && r.reader != null) {
            target.add(r.reader);
            found++;
        }
        if ((ops & (SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT)) != 0 && r.writer != null) {
            target.add(r.writer);
            found++;
        }
    }

    @Override
    public void wakeup(Thread loopThread) {
        selector.wakeup();
        // The loop may still be parked by the parking poller it had before this one was installed.
        if (loopThread != null && loopThread != Thread.currentThread()) {
            LockSupport.unpark(loopThread);
        }
    }

    @Override
    public void close() {
        registrations.clear();
        try {
            selector.close();
        } catch (IOException e) {
            System.getLogger("dev.tulip").log(System.Logger.Level.WARNING, "closing the selector failed", e);
        }
    }
}
