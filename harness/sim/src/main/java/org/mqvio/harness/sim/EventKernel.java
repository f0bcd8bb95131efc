package org.mqvio.harness.sim;

import java.util.Objects;
import org.mqvio.api.runtime.RuntimeChecks;

/**
 * The discrete-event kernel: a priority queue of actions keyed by (virtual time in nanoseconds, sequence
 * number), fired in that total order on the calling thread. The sequence number is taken when an action is
 * scheduled, so actions scheduled for the same instant fire in the order they were scheduled and a run is
 * reproducible bit for bit.
 *
 * <p>The pending events are an {@link EventQueue}, a radix heap over primitive arrays: scheduling and firing
 * allocate nothing once its arrays have grown to the peak number of pending events. A running digest folds in
 * the (time, sequence) of every fired event, so two runs can be compared by one number.
 *
 * <p>Not thread-safe: one simulation, one thread.
 */
public final class EventKernel {
    private static final long DIGEST_SEED = 0x9E3779B97F4A7C15L;

    private final EventQueue queue;
    private long now;
    private long nextSeq;
    private long fired;
    private long digest = DIGEST_SEED;
    /** True while an event fires: the kernel is not re-entered from an action. */
    private boolean firing;

    /** A kernel at time 0 with room for 1,024 pending events before it grows. */
    public EventKernel() {
        this(1024);
    }

    /** A kernel at time 0 with room for {@code initialCapacity} pending events before it grows. */
    public EventKernel(int initialCapacity) {
        queue = new EventQueue(Math.max(16, initialCapacity));
    }

    /** The current virtual time in nanoseconds: the time of the event being fired, or of the last one. */
    public long now() {
        return now;
    }

    /**
     * Schedules {@code action} to fire {@code delayNs} from now.
     *
     * @throws IllegalArgumentException if {@code delayNs} is negative
     */
    public void schedule(long delayNs, Runnable action) {
        RuntimeChecks.requireDelay(delayNs);
        Objects.requireNonNull(action, "action");
        queue.add(now + delayNs, nextSeq++, action);
    }

    /** Number of events waiting to fire. */
    public int pending() {
        return queue.size();
    }

    /** Number of events fired so far. */
    public long fired() {
        return fired;
    }

    /** A digest of the (time, sequence) of every event fired so far. */
    public long digest() {
        return digest;
    }

    /** Folds {@code value} into the digest: for outcomes (request completions) the run wants to pin down. */
    public void mix(long value) {
        long h = (digest ^ value) * 0xBF58476D1CE4E5B9L;
        digest = h ^ (h >>> 31);
    }

    /**
     * Fires the earliest event, if any.
     *
     * @return false if there was nothing to fire
     */
    public boolean step() {
        if (firing) {
            throw new IllegalStateException("step() cannot be called from inside a firing event");
        }
        if (queue.size() == 0) {
            return false;
        }
        long t = queue.firstTime();
        Runnable action = queue.removeFirst();
        now = t;
        fired++;
        mix(t * 31 + queue.removedSeq());
        firing = true;
        try {
            action.run();
        } finally {
            firing = false;
        }
        return true;
    }

    /**
     * Fires events in order while the earliest is due no later than {@code untilNs}, then sets the clock to
     * {@code untilNs} (if it is ahead).
     *
     * @return the number of events fired
     */
    public long runUntil(long untilNs) {
        long before = fired;
        while (queue.size() > 0 && queue.firstTime() <= untilNs) {
            step();
        }
        if (untilNs > now) {
            now = untilNs;
        }
        return fired - before;
    }

    /** Time of the earliest pending event, or {@link Long#MAX_VALUE} when none is pending. */
    public long nextEventTime() {
        if (firing) {
            throw new IllegalStateException("nextEventTime() cannot be asked while an event fires");
        }
        return queue.size() == 0 ? Long.MAX_VALUE : queue.firstTime();
    }
}
