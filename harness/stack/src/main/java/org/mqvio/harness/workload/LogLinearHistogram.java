package org.mqvio.harness.workload;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Counts of non-negative values in buckets whose width grows with the value, so that any value is known to three
 * significant decimal digits in constant memory: values below 2048 have a bucket each; above, every power of two
 * is split into 1024 equal buckets, so a bucket is never wider than 1/1024 of the values it holds. The buckets
 * cover every {@code long} (at most 55,296 of them).
 *
 * <p>Memory: the values below 2048 have one array; each power of two above has a page of its 1024 buckets, made when
 * the first value falls in it. A run's latencies keep reaching new highs (the longer it runs, the rarer the highs
 * it sees), so a histogram that copied one array to grow would copy it at each; a new page copies nothing.
 */
final class LogLinearHistogram {
    /** Values below this have a bucket each. */
    private static final int EXACT = 2048;
    /** Buckets per power of two above {@link #EXACT}. */
    private static final int PER_OCTAVE = EXACT / 2;
    private static final int SUB_BITS = Integer.numberOfTrailingZeros(PER_OCTAVE);
    private static final int EXACT_BITS = SUB_BITS + 1;

    /** Octaves above {@link #EXACT}: a non-negative {@code long}'s highest bit is bit 62, the exact values end at bit 10. */
    private static final int OCTAVES = 63 - EXACT_BITS;

    private final long[] exact = new long[EXACT];
    /** The page of octave {@code o} holds buckets {@code EXACT + o * PER_OCTAVE} on, or is null while empty. */
    private final long[][] octaves = new long[OCTAVES][];

    void record(long value) {
        int index = index(value);
        if (index < EXACT) {
            exact[index]++;
        } else {
            page(index)[(index - EXACT) & (PER_OCTAVE - 1)]++;
        }
    }

    void add(LogLinearHistogram other) {
        for (int i = 0; i < EXACT; i++) {
            exact[i] += other.exact[i];
        }
        for (int o = 0; o < OCTAVES; o++) {
            long[] from = other.octaves[o];
            if (from != null) {
                long[] to = page(EXACT + o * PER_OCTAVE);
                for (int i = 0; i < PER_OCTAVE; i++) {
                    to[i] += from[i];
                }
            }
        }
    }

    /** The page holding bucket {@code index >= EXACT}, made if it is not there yet. */
    private long[] page(int index) {
        int o = (index - EXACT) >>> SUB_BITS;
        long[] p = octaves[o];
        if (p == null) {
            p = new long[PER_OCTAVE];
            octaves[o] = p;
        }
        return p;
    }

    /** The count of bucket {@code index}. */
    private long count(int index) {
        if (index < EXACT) {
            return exact[index];
        }
        long[] p = octaves[(index - EXACT) >>> SUB_BITS];
        return p == null ? 0 : p[(index - EXACT) & (PER_OCTAVE - 1)];
    }

    /** One past the highest bucket that may hold a value: the end of the highest page made. */
    private int length() {
        for (int o = OCTAVES - 1; o >= 0; o--) {
            if (octaves[o] != null) {
                return EXACT + (o + 1) * PER_OCTAVE;
            }
        }
        return EXACT;
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
        int length = length();
        for (int i = 0; i < length; i++) {
            seen += count(i);
            if (seen >= rank) {
                return highestIn(i);
            }
        }
        throw new IllegalStateException("fewer than " + rank + " values recorded");
    }

    /** How many values lie in buckets up to and including the one holding {@code value}. */
    long countUpTo(long value) {
        int last = Math.min(index(value), length() - 1);
        long n = 0;
        for (int i = 0; i <= last; i++) {
            n += count(i);
        }
        return n;
    }

    /** Adds the counts to fio's buckets ({@code fio[FioLatencyBins.index(v)]} for each value v); {@code fio} has {@link FioLatencyBins#COUNT} entries. */
    void foldInto(long[] fio) {
        int length = length();
        for (int i = 0; i < length; i++) {
            long n = count(i);
            if (n != 0) {
                fio[FioLatencyBins.index(lowestIn(i))] += n;
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
}
