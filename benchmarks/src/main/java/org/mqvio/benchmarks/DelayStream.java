package org.mqvio.benchmarks;

import java.util.SplittableRandom;

/**
 * Exponentially distributed delays in whole nanoseconds, drawn once from a seeded {@link SplittableRandom} into
 * a table that is then read in a cycle. Drawing ahead keeps {@code Math.log} and the generator out of the
 * measured path, and the same seed gives every engine the very same delays. The table is longer than the
 * number of pending events, so its period does not line up with the event list's contents.
 */
final class DelayStream {
    private static final int SIZE = 1 << 12;
    private static final int MASK = SIZE - 1;

    private final long[] delays = new long[SIZE];
    private int next;

    DelayStream(long seed, double meanNs) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < SIZE; i++) {
            delays[i] = (long) (-meanNs * Math.log(1.0 - random.nextDouble()));
        }
    }

    /** The next delay, in nanoseconds, {@code >= 0}. */
    long next() {
        return delays[next++ & MASK];
    }
}
