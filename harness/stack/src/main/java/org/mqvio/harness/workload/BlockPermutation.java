package org.mqvio.harness.workload;

import java.util.random.RandomGenerator;

/**
 * fio's {@code random_generator=lfsr} ({@code lib/lfsr.c}, {@code __get_next_rand_offset()} in {@code io_u.c}): the
 * region's blocks in a scrambled order that gives each exactly once per pass, without a random map, then reports
 * the pass used up; after a reset the same order again (fio restarts its LFSR from the same seed,
 * {@code fio_file_reset()}). What is modelled is that observable behaviour, not fio's LFSR sequence itself: the order
 * is a full-period linear congruential walk over the next power of two at or above the block count (any odd
 * increment and a multiplier of 1 mod 4 give every value once per period: Hull and Dobell, 1962), passed through a
 * bijection that scrambles its low bits, skipping values past the region.
 */
final class BlockPermutation {
    /** A multiplier of 1 mod 4 (the one of O'Neill's PCG family). */
    private static final long MULTIPLIER = 0x5851F42D4C957F2DL;
    private static final long SCRAMBLE = 0xBF58476D1CE4E5B9L;

    private final long blocks;
    private final long mask;
    private final int shift;
    private final long increment;
    private final long start;
    private long state;
    private long given;

    /** The blocks {@code 0..blocks-1}, {@code blocks >= 1}, in an order drawn from {@code random}. */
    BlockPermutation(long blocks, RandomGenerator random) {
        this.blocks = blocks;
        int bits = Math.max(1, 64 - Long.numberOfLeadingZeros(blocks - 1));
        this.mask = bits == 64 ? -1L : (1L << bits) - 1;
        this.shift = (bits + 1) / 2;
        this.increment = random.nextLong() | 1;
        this.start = random.nextLong() & mask;
        reset();
    }

    /** The same order again, from its first block. */
    void reset() {
        state = start;
        given = 0;
    }

    /** The next block, or -1 once every block has been given in this pass. */
    long next() {
        if (given == blocks) {
            return -1;
        }
        long v;
        do {
            state = (state * MULTIPLIER + increment) & mask;
            v = scramble(state);
        } while (v >= blocks);
        given++;
        return v;
    }

    /** A bijection of the values below {@code mask + 1}: xor-shifts and an odd multiplier, each invertible. */
    private long scramble(long x) {
        x ^= x >>> shift;
        x = (x * SCRAMBLE) & mask;
        return x ^ (x >>> shift);
    }
}
