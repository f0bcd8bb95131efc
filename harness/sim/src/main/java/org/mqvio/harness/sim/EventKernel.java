package org.mqvio.harness.sim;

import java.util.Arrays;
import java.util.Objects;
import org.mqvio.api.runtime.RuntimeChecks;

/**
 * The discrete-event kernel: a priority queue of actions keyed by (virtual time in nanoseconds, sequence
 * number), fired in that total order on the calling thread. The sequence number is taken when an action is
 * scheduled, so actions scheduled for the same instant fire in the order they were scheduled and a run is
 * reproducible bit for bit.
 *
 * <p>Layout: a 4-ary min-heap kept in three parallel arrays (time, sequence, action), so scheduling and
 * firing allocate nothing once the arrays have grown to the peak number of pending events; the keys are
 * compared as primitive longs. A running digest folds in the (time, sequence) of every fired event, so two
 * runs can be compared by one number.
 *
 * <p>Not thread-safe: one simulation, one thread.
 */
public final class EventKernel {
    private static final int ARITY = 4;
    private static final long DIGEST_SEED = 0x9E3779B97F4A7C15L;

    private long[] times;
    private long[] seqs;
    private Runnable[] actions;
    private int size;
    private long now;
    private long nextSeq;
    private long fired;
    private long digest = DIGEST_SEED;
    /** True while an event fires and its slot at the root is still free for the first event it schedules. */
    private boolean rootFree;

    /** A kernel at time 0 with room for 1,024 pending events before it grows. */
    public EventKernel() {
        this(1024);
    }

    /** A kernel at time 0 with room for {@code initialCapacity} pending events before it grows. */
    public EventKernel(int initialCapacity) {
        int cap = Math.max(16, initialCapacity);
        times = new long[cap];
        seqs = new long[cap];
        actions = new Runnable[cap];
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
        if (size == times.length && !rootFree) {
            grow();
        }
        long t = now + delayNs;
        long s = nextSeq++;
        if (rootFree) {
            rootFree = false;
            siftDown(0, t, s, action);
            return;
        }
        siftUp(size++, t, s, action);
    }

    /** Number of events waiting to fire. */
    public int pending() {
        return rootFree ? size - 1 : size;
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
        if (rootFree) {
            throw new IllegalStateException("step() cannot be called from inside a firing event");
        }
        if (size == 0) {
            return false;
        }
        long t = times[0];
        long s = seqs[0];
        Runnable action = actions[0];
        now = t;
        fired++;
        mix(t * 31 + s);
        // The fired event's root slot stays free while it runs: the first event it schedules takes the
        // slot with one sift down instead of a removal plus an insertion (the common "hold" pattern).
        rootFree = true;
        try {
            action.run();
        } finally {
            if (rootFree) {
                rootFree = false;
                removeTop();
            }
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
        while (size > 0 && times[0] <= untilNs) {
            step();
        }
        if (untilNs > now) {
            now = untilNs;
        }
        return fired - before;
    }

    /** Time of the earliest pending event, or {@link Long#MAX_VALUE} when none is pending. */
    public long nextEventTime() {
        if (rootFree) {
            throw new IllegalStateException("nextEventTime() cannot be asked while an event fires");
        }
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    private void removeTop() {
        int last = --size;
        long t = times[last];
        long s = seqs[last];
        Runnable a = actions[last];
        actions[last] = null;
        if (last > 0) {
            siftDown(0, t, s, a);
        }
    }

    private void siftUp(int index, long t, long s, Runnable a) {
        int i = index;
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            long pt = times[parent];
            if (pt < t || (pt == t && seqs[parent] < s)) {
                break;
            }
            times[i] = pt;
            seqs[i] = seqs[parent];
            actions[i] = actions[parent];
            i = parent;
        }
        times[i] = t;
        seqs[i] = s;
        actions[i] = a;
    }

    private void siftDown(int index, long t, long s, Runnable a) {
        int i = index;
        int n = size;
        while (true) {
            int first = i * ARITY + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bt = times[first];
            long bs = seqs[first];
            int end = Math.min(first + ARITY, n);
            for (int c = first + 1; c < end; c++) {
                long ct = times[c];
                if (ct < bt || (ct == bt && seqs[c] < bs)) {
                    best = c;
                    bt = ct;
                    bs = seqs[c];
                }
            }
            if (t < bt || (t == bt && s < bs)) {
                break;
            }
            times[i] = bt;
            seqs[i] = bs;
            actions[i] = actions[best];
            i = best;
        }
        times[i] = t;
        seqs[i] = s;
        actions[i] = a;
    }

    private void grow() {
        int cap = times.length * 2;
        times = Arrays.copyOf(times, cap);
        seqs = Arrays.copyOf(seqs, cap);
        actions = Arrays.copyOf(actions, cap);
    }
}
