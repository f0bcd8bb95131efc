package org.mqvio.harness.live;

import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.mqvio.api.runtime.TimerHandle;

/**
 * Device time, live: one thread fires timers in (deadline, sequence) order, outside every execution
 * context. The queue is guarded by a lock; the thread parks until the earliest deadline, and a timer that
 * becomes the earliest unparks it. Timers due at once still run on this thread, never on the caller's.
 */
final class DeviceTimers {
    private final LivePlatform platform;
    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private long nextSeq;
    private volatile Thread thread;
    private volatile boolean stop;
    private volatile long fired;

    DeviceTimers(LivePlatform platform) {
        this.platform = platform;
    }

    TimerHandle schedule(long delayNs, Runnable action) {
        long due = System.nanoTime() + delayNs;
        Timer t;
        boolean earliest;
        lock.lock();
        try {
            t = new Timer(due, nextSeq++, action);
            queue.add(t);
            earliest = queue.peek() == t;
        } finally {
            lock.unlock();
        }
        Thread th = thread;
        if (earliest && th != null) {
            LockSupport.unpark(th);
        }
        return t;
    }

    void start() {
        Thread t = new Thread(this::loop, platform.threadName("device-timers"));
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    Thread thread() {
        return thread;
    }

    void requestStop() {
        stop = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    long fired() {
        return fired;
    }

    private void loop() {
        try {
            while (!stop) {
                Timer due = null;
                long wait;
                lock.lock();
                try {
                    Timer head = queue.peek();
                    if (head == null) {
                        wait = Long.MAX_VALUE;
                    } else {
                        wait = head.due - System.nanoTime();
                        if (wait <= 0) {
                            due = queue.poll();
                        }
                    }
                } finally {
                    lock.unlock();
                }
                if (due != null) {
                    if (due.done.compareAndSet(false, true)) {
                        fired++;
                        due.action.run();
                    }
                } else if (wait == Long.MAX_VALUE) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, wait);
                }
            }
        } catch (Throwable t) {
            platform.fail("device-timers", t);
        }
    }

    private static final class Timer implements TimerHandle, Comparable<Timer> {
        final long due;
        final long seq;
        final Runnable action;
        final AtomicBoolean done = new AtomicBoolean();

        Timer(long due, long seq, Runnable action) {
            this.due = due;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public boolean cancel() {
            return done.compareAndSet(false, true);
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(due - o.due, 0);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
