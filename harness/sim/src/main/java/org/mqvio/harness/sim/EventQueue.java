package org.mqvio.harness.sim;

import java.util.Arrays;

/**
 * The event kernel's pending events, ordered by (time, sequence number): a radix heap whose digits are
 * {@value #DIGIT_BITS} bits wide, with first-in first-out buckets. It relies on what a discrete-event simulation
 * guarantees: no event is scheduled before the one that fired last, so every key is at least a base that only
 * moves forward.
 *
 * <p>An event's bucket is named by the highest digit (level) in which its time differs from the base and by its
 * time's value of that digit; an event due at the base itself is in level 0 under the base's own digit. So every
 * event in a lower level is due before every event in a higher one, and within a level a lower digit is due first:
 * the first non-empty bucket, found with one bit mask of levels and one of digits per level, holds the earliest
 * events. In level 0 a bucket's events are all due at one time and are fired from its front. A bucket of a higher
 * level is spread when it becomes the first: its earliest time becomes the base and its events move to lower
 * levels, which are empty then, so an event moves at most once per level below the one it was added to (a delay
 * under 64 ns never moves; one under 4 us moves once; one under 262 us twice). Events due at the same time always
 * share a bucket and keep the order they were added in, which is the order of their sequence numbers: the queue
 * never compares sequence numbers at all.
 *
 * <p>Why digits, not single bits: with one bucket per bit an event moves once per bit of its distance from the
 * base, and with many far events pending (2,048 device timers at 64 vCPUs of the whole-stack benchmark) the
 * spreading of the few high buckets dominated the queue's work; with 64-way digits it moves at most a few times.
 *
 * <p>Layout: each bucket is two parallel primitive arrays (time, slot), made when the bucket is first used; an
 * event's sequence number and action live in slot arrays that are not touched when it moves, so spreading a bucket
 * copies primitives only. Once every array has grown to the peak, adding and removing allocate nothing. An event
 * added earlier than the base (a look at the next event time moved the base ahead of the clock, then something was
 * scheduled before that next event) re-spreads every pending event around the new base: rare (no {@code paper}
 * point does it), and correct for any order of calls. Arrays never shrink: a bucket keeps the largest size it ever
 * had. Times compare as signed numbers, as the kernel's do: a digit is read from the time with its sign bit flipped.
 */
final class EventQueue {
    /** Bits per digit: 64 buckets per level, so one {@code long} says which of a level's buckets hold events. */
    private static final int DIGIT_BITS = 6;
    private static final int DIGITS = 1 << DIGIT_BITS;
    private static final long DIGIT_MASK = DIGITS - 1;
    /** Levels enough for every bit of a {@code long}, the sign bit too, so even a wrapped-around time has a place. */
    private static final int LEVELS = (Long.SIZE + DIGIT_BITS - 1) / DIGIT_BITS;
    private static final int INITIAL_BUCKET = 8;
    private static final long[] NO_TIMES = {};
    private static final int[] NO_SLOTS = {};

    /** Bucket {@code level * DIGITS + digit}. */
    private final long[][] bucketTimes = new long[LEVELS * DIGITS][];
    private final int[][] bucketSlots = new int[LEVELS * DIGITS][];
    private final int[] bucketSize = new int[LEVELS * DIGITS];
    /** Bit {@code d} of {@code occupied[level]} is set while bucket (level, d) holds events. */
    private final long[] occupied = new long[LEVELS];
    /** Bit {@code level} is set while {@code occupied[level] != 0}. */
    private int occupiedLevels;
    /** The level-0 bucket of the events due at the base, fired from its {@link #head}; -1 until one is chosen. */
    private int current = -1;
    /** Index of the current bucket's first event. */
    private int head;
    /** Every pending event's time is at least this; the current bucket's events are due exactly at it. */
    private long base;

    private long[] seqs;
    private Runnable[] actions;
    private int[] freeSlots;
    private int freeCount;
    private int size;

    /** The sequence number of the event {@link #removeFirst()} returned last. */
    private long removedSeq;

    EventQueue(int initialCapacity) {
        Arrays.fill(bucketTimes, NO_TIMES);
        Arrays.fill(bucketSlots, NO_SLOTS);
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
        if (current < 0) {
            chooseCurrent();
        }
        return base;
    }

    /**
     * Removes the earliest pending event (the queue must not be empty) and returns its action; its time was
     * {@link #firstTime()}, its sequence number is then {@link #removedSeq()}.
     */
    Runnable removeFirst() {
        if (current < 0) {
            chooseCurrent();
        }
        int b = current;
        int slot = bucketSlots[b][head++];
        if (head == bucketSize[b]) {
            head = 0;
            bucketSize[b] = 0;
            current = -1;
            unmark(0, b);
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
        long differs = time ^ base;
        int b;
        if (differs == 0) {
            b = (int) (time & DIGIT_MASK);
        } else {
            int level = (Long.SIZE - 1 - Long.numberOfLeadingZeros(differs)) / DIGIT_BITS;
            b = level * DIGITS + (int) (((time ^ Long.MIN_VALUE) >>> (level * DIGIT_BITS)) & DIGIT_MASK);
        }
        int n = bucketSize[b];
        long[] times = bucketTimes[b];
        if (n == times.length) {
            times = growBucket(b);
        }
        times[n] = time;
        bucketSlots[b][n] = slot;
        bucketSize[b] = n + 1;
        if (n == 0) {
            int level = b / DIGITS;
            occupied[level] |= 1L << (b & DIGIT_MASK);
            occupiedLevels |= 1 << level;
        }
    }

    private void unmark(int level, int b) {
        long left = occupied[level] & ~(1L << (b & DIGIT_MASK));
        occupied[level] = left;
        if (left == 0) {
            occupiedLevels &= ~(1 << level);
        }
    }

    /**
     * The first non-empty bucket becomes the current one. In level 0 its events are due at one time, which becomes
     * the base; in a higher level its earliest time becomes the base and its events are spread over the levels below,
     * where the earliest land in the current bucket.
     */
    private void chooseCurrent() {
        int level = Integer.numberOfTrailingZeros(occupiedLevels);
        int digit = Long.numberOfTrailingZeros(occupied[level]);
        int b = level * DIGITS + digit;
        if (level == 0) {
            base = (base & ~DIGIT_MASK) | digit;
            current = b;
            return;
        }
        long[] times = bucketTimes[b];
        int[] slots = bucketSlots[b];
        int n = bucketSize[b];
        bucketSize[b] = 0;
        unmark(level, b);
        long min = times[0];
        for (int i = 1; i < n; i++) {
            min = Math.min(min, times[i]);
        }
        base = min;
        for (int i = 0; i < n; i++) {
            place(times[i], slots[i]);
        }
        current = (int) (base & DIGIT_MASK);
    }

    /** An event due before the base: every pending event is placed again around {@code time} as the new base. */
    private void rebase(long time) {
        long[] times = new long[size];
        int[] slots = new int[size];
        int n = 0;
        for (int b = 0; b < bucketSize.length; b++) {
            for (int i = b == current ? head : 0; i < bucketSize[b]; i++) {
                times[n] = bucketTimes[b][i];
                slots[n++] = bucketSlots[b][i];
            }
            bucketSize[b] = 0;
        }
        Arrays.fill(occupied, 0);
        occupiedLevels = 0;
        current = -1;
        head = 0;
        base = time;
        // Bucket by bucket, each in its own order: events due at the same time stay in the order they were added.
        for (int i = 0; i < n; i++) {
            place(times[i], slots[i]);
        }
    }

    private long[] growBucket(int b) {
        int cap = Math.max(INITIAL_BUCKET, bucketTimes[b].length * 2);
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
