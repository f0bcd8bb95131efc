package org.mqvio.harness.sim;

import java.util.Arrays;

/**
 * The event kernel's pending events, ordered by (time, sequence number): a radix heap with first-in first-out
 * buckets. It relies on what a discrete-event simulation guarantees: no event is scheduled before the one that
 * fired last, so every key is at least a base that only moves forward.
 *
 * <p>Bucket 0 holds the events due exactly at the base; bucket {@code b > 0} holds those whose time first differs
 * from the base in bit {@code b - 1}, so every event in a lower bucket is due before every event in a higher one.
 * When bucket 0 runs empty, the first non-empty bucket's earliest time becomes the new base and that bucket's
 * events are spread over the buckets below it; an event moves down at most once per bit of its distance from the
 * base, and firing itself is a first-in first-out pop. Events due at the same time always share a bucket and
 * keep the order they were added in, which is the order of their sequence numbers: the queue never compares
 * sequence numbers at all.
 *
 * <p>Layout: each bucket is two parallel primitive arrays (time, slot); an event's sequence number and action live
 * in slot arrays that are not touched when it moves, so spreading a bucket copies primitives only. Once every
 * array has grown to the peak, adding and removing allocate nothing. An event added earlier than the base (a look
 * at the next event time moved the base ahead of the clock, then something was scheduled before that next event)
 * re-spreads every pending event around the new base: rare (no {@code paper} point does it), and correct for any
 * order of calls. Arrays never shrink: a bucket keeps the largest size it ever had.
 */
final class EventQueue {
    /** Bucket 0, and one per bit of a {@code long}: the sign bit too, so even a wrapped-around time has a place. */
    private static final int BUCKETS = 65;
    private static final int INITIAL_BUCKET = 16;

    private final long[][] bucketTimes = new long[BUCKETS][];
    private final int[][] bucketSlots = new int[BUCKETS][];
    private final int[] bucketSize = new int[BUCKETS];
    /** Index of bucket 0's first event: bucket 0 is popped from the front. */
    private int head;
    /** Bit {@code b - 1} is set while bucket {@code b > 0} holds events. */
    private long occupied;
    /** Every pending event's time is at least this; bucket 0's events are due exactly at it. */
    private long base;

    private long[] seqs;
    private Runnable[] actions;
    private int[] freeSlots;
    private int freeCount;
    private int size;

    /** The sequence number of the event {@link #removeFirst()} returned last. */
    private long removedSeq;

    EventQueue(int initialCapacity) {
        for (int b = 0; b < BUCKETS; b++) {
            bucketTimes[b] = new long[INITIAL_BUCKET];
            bucketSlots[b] = new int[INITIAL_BUCKET];
        }
        seqs = new long[initialCapacity];
        actions = new Runnable[initialCapacity];
        freeSlots = new int[initialCapacity];
        for (int i = 0; i < initialCapacity; i++) {
            freeSlots[i] = initialCapacity - 1 - i;
        }
        freeCount = initialCapacity;
    }

    /** Number of pending events. */
    int size() {
        return size;
    }

    /** Adds an event; {@code seq} must be larger than that of every event added before. */
    void add(long time, long seq, Runnable action) {
        if (time < base) {
            rebase(time);
        }
        if (freeCount == 0) {
            growSlots();
        }
        int slot = freeSlots[--freeCount];
        seqs[slot] = seq;
        actions[slot] = action;
        size++;
        place(time, slot);
    }

    /** Time of the earliest pending event; the queue must not be empty. */
    long firstTime() {
        if (head == bucketSize[0]) {
            refill();
        }
        return base;
    }

    /**
     * Removes the earliest pending event (the queue must not be empty) and returns its action; its time was
     * {@link #firstTime()}, its sequence number is then {@link #removedSeq()}.
     */
    Runnable removeFirst() {
        if (head == bucketSize[0]) {
            refill();
        }
        int slot = bucketSlots[0][head++];
        if (head == bucketSize[0]) {
            head = 0;
            bucketSize[0] = 0;
        }
        Runnable action = actions[slot];
        actions[slot] = null;
        removedSeq = seqs[slot];
        freeSlots[freeCount++] = slot;
        size--;
        return action;
    }

    long removedSeq() {
        return removedSeq;
    }

    private void place(long time, int slot) {
        int b = 64 - Long.numberOfLeadingZeros(time ^ base);
        int n = bucketSize[b];
        long[] times = bucketTimes[b];
        if (n == times.length) {
            times = growBucket(b);
        }
        times[n] = time;
        bucketSlots[b][n] = slot;
        bucketSize[b] = n + 1;
        occupied |= (1L << b) >>> 1;
    }

    /** Bucket 0 is empty: the first non-empty bucket's earliest time becomes the base, and its events spread. */
    private void refill() {
        head = 0;
        bucketSize[0] = 0;
        int b = Long.numberOfTrailingZeros(occupied) + 1;
        long[] times = bucketTimes[b];
        int[] slots = bucketSlots[b];
        int n = bucketSize[b];
        bucketSize[b] = 0;
        occupied &= ~(1L << (b - 1));
        if (n == 1) {
            base = times[0];
            bucketTimes[0][0] = base;
            bucketSlots[0][0] = slots[0];
            bucketSize[0] = 1;
            return;
        }
        long min = times[0];
        for (int i = 1; i < n; i++) {
            min = Math.min(min, times[i]);
        }
        base = min;
        for (int i = 0; i < n; i++) {
            place(times[i], slots[i]);
        }
    }

    /** An event due before the base: every pending event is placed again around {@code time} as the new base. */
    private void rebase(long time) {
        long[] times = new long[size];
        int[] slots = new int[size];
        int n = 0;
        for (int b = 0; b < BUCKETS; b++) {
            for (int i = b == 0 ? head : 0; i < bucketSize[b]; i++) {
                times[n] = bucketTimes[b][i];
                slots[n++] = bucketSlots[b][i];
            }
            bucketSize[b] = 0;
        }
        head = 0;
        occupied = 0;
        base = time;
        // Bucket by bucket, each in its own order: events due at the same time stay in the order they were added.
        for (int i = 0; i < n; i++) {
            place(times[i], slots[i]);
        }
    }

    private long[] growBucket(int b) {
        int cap = bucketTimes[b].length * 2;
        bucketSlots[b] = Arrays.copyOf(bucketSlots[b], cap);
        bucketTimes[b] = Arrays.copyOf(bucketTimes[b], cap);
        return bucketTimes[b];
    }

    private void growSlots() {
        int old = seqs.length;
        int cap = old * 2;
        seqs = Arrays.copyOf(seqs, cap);
        actions = Arrays.copyOf(actions, cap);
        freeSlots = Arrays.copyOf(freeSlots, cap);
        for (int i = 0; i < old; i++) {
            freeSlots[freeCount++] = cap - 1 - i;
        }
    }
}
