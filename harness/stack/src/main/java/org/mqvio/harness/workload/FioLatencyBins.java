package org.mqvio.harness.workload;

/**
 * fio's latency histogram ({@code io_u_plat} in fio's stat.h and stat.c, fio 3.x): values below 128 ns have a
 * bucket each; above, every power of two is split into {@value #PER_GROUP} equal buckets
 * ({@code FIO_IO_U_PLAT_BITS} 6, {@code FIO_IO_U_PLAT_VAL} 64), {@value #COUNT} buckets in all
 * ({@code FIO_IO_U_PLAT_NR}, 29 groups of 64); values past the last bucket are counted in it. fio's json+ output
 * lists each non-empty bucket under the value that represents it ({@code plat_idx_to_val}: the value itself below
 * 128, else the middle of the bucket). {@link LogLinearHistogram}'s buckets split fio's, so a run's counts fold
 * exactly into these.
 */
public final class FioLatencyBins {
    /** {@code FIO_IO_U_PLAT_BITS}. */
    static final int BITS = 6;
    /** {@code FIO_IO_U_PLAT_VAL}: buckets per power of two. */
    public static final int PER_GROUP = 1 << BITS;
    /** {@code FIO_IO_U_PLAT_NR}: how many buckets fio keeps. */
    public static final int COUNT = 29 * PER_GROUP;

    private FioLatencyBins() {
    }

    /** The bucket fio counts {@code ns} in ({@code plat_val_to_idx}); {@code ns >= 0}. */
    public static int index(long ns) {
        int msb = ns == 0 ? 0 : 63 - Long.numberOfLeadingZeros(ns);
        if (msb <= BITS) {
            return (int) ns;
        }
        int errorBits = msb - BITS;
        long idx = ((long) (errorBits + 1) << BITS) + ((PER_GROUP - 1) & (ns >>> errorBits));
        return (int) Math.min(idx, COUNT - 1);
    }

    /** The value fio's json+ names bucket {@code index} by ({@code plat_idx_to_val}), in ns. */
    public static long value(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("fio latency bucket " + index + " is not in 0.." + (COUNT - 1));
        }
        if (index < 2 * PER_GROUP) {
            return index;
        }
        int errorBits = (index >> BITS) - 1;
        long base = 1L << (errorBits + BITS);
        long k = index % PER_GROUP;
        return base + (k << errorBits) + (1L << (errorBits - 1));
    }
}
