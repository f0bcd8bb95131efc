package org.mqvio.harness.workload;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * Counts of non-negative values in buckets whose width grows with the value, so that any value is known to three
 * significant decimal digits in constant memory: values below 2048 have a bucket each; above, every power of two
 * is split into 1024 equal buckets, so a bucket is never wider than 1/1024 of the values it holds. The buckets
 * cover every {@code long} (at most 55,296 of them); the array grows only as far as the largest value recorded.
 */
final class LogLinearHistogram {
    /** Values below this have a bucket each. */
    private static final int EXACT = 2048;
    /** Buckets per power of two above {@link #EXACT}. */
    private static final int PER_OCTAVE = EXACT / 2;
    private static final int SUB_BITS = Integer.numberOfTrailingZeros(PER_OCTAVE);
    private static final int EXACT_BITS = SUB_BITS + 1;

    private long[] counts = new long[EXACT];

    void record(long value) {
        int index = index(value);
        grow(index + 1);
        counts[index]++;
    }

    void add(LogLinearHistogram other) {
        grow(other.counts.length);
        for (int i = 0; i < other.counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    /**
     * The largest value of the bucket holding the value of rank {@code ceil(percentile / 100 * total)} (at least
     * the first), by fio's nearest-rank definition; {@code percentile} is taken at its decimal value so that, say,
     * 99.9% of 1000 values is exactly rank 999. {@code total} must be the number of values recorded, at least 1.
     */
    long valueAtPercentile(double percentile, long total) {
        long rank = BigDecimal.valueOf(percentile).multiply(BigDecimal.valueOf(total))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).longValueExact();
        rank = Math.max(1, Math.min(rank, total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return highestIn(i);
            }
        }
        throw new IllegalStateException("fewer than " + rank + " values recorded");
    }

    /** How many values lie in buckets up to and including the one holding {@code value}. */
    long countUpTo(long value) {
        int last = Math.min(index(value), counts.length - 1);
        long n = 0;
        for (int i = 0; i <= last; i++) {
            n += counts[i];
        }
        return n;
    }

    /** Adds the counts to fio's buckets ({@code fio[FioLatencyBins.index(v)]} for each value v); {@code fio} has {@link FioLatencyBins#COUNT} entries. */
    void foldInto(long[] fio) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] != 0) {
                fio[FioLatencyBins.index(lowestIn(i))] += counts[i];
            }
        }
    }

    static int index(long value) {
        if (value < EXACT) {
            return (int) value;
        }
        int log2 = 63 - Long.numberOfLeadingZeros(value);
        int shift = log2 - SUB_BITS;
        int sub = (int) (value >>> shift) - PER_OCTAVE;
        return EXACT + (log2 - EXACT_BITS) * PER_OCTAVE + sub;
    }

    /** The smallest value that {@link #index} puts in bucket {@code index}. */
    static long lowestIn(int index) {
        if (index < EXACT) {
            return index;
        }
        int octave = (index - EXACT) / PER_OCTAVE;
        long sub = PER_OCTAVE + (index - EXACT) % PER_OCTAVE;
        return sub << (octave + 1);
    }

    /** The largest value that {@link #index} puts in bucket {@code index}. */
    static long highestIn(int index) {
        if (index < EXACT) {
            return index;
        }
        int octave = (index - EXACT) / PER_OCTAVE;
        long sub = PER_OCTAVE + (index - EXACT) % PER_OCTAVE;
        int shift = octave + 1;
        return (sub << shift) + ((1L << shift) - 1);
    }

    private void grow(int length) {
        if (length > counts.length) {
            counts = Arrays.copyOf(counts, Math.max(length, counts.length + PER_OCTAVE));
        }
    }
}
