package dev.tulip;

import java.util.ArrayDeque;
import java.util.concurrent.locks.LockSupport;

/** The poller of a loop without channels: parks the loop thread, woken by {@link LockSupport#unpark}. */
final class ParkingPoller implements Poller {
    static final ParkingPoller INSTANCE = new ParkingPoller();

    private ParkingPoller() {
    }

    @Override
    public int poll(long timeoutNanos, ArrayDeque<Object> ready) {
        if (timeoutNanos < 0) {
            LockSupport.park(this);
        } else if (timeoutNanos > 0) {
            LockSupport.parkNanos(this, timeoutNanos);
        }
        return 0;
    }

    @Override
    public void wakeup(Thread loopThread) {
        if (loopThread != null && loopThread != Thread.currentThread()) {
            LockSupport.unpark(loopThread);
        }
    }

    @Override
    public void close() {
    }
}
