package org.mqvio.harness.workload;

import java.util.Arrays;

/**
 * How a clone batched its I/O inside its window: how many submissions (fio's {@code io_submit} calls) and reaps
 * (fio's {@code getevents} calls) handled each number of I/Os. fio reports the same in its "submit" and
 * "complete" distributions ({@code io_u_mark_submit()}, {@code io_u_mark_complete()} in {@code io_u.c}).
 *
 * @param submitCalls submissions by the I/Os they carried: index n counts calls with n I/Os, the last index
 *                    ({@value #SIZES} - 1) calls with more than 64
 * @param reapCalls   reaps by the completions they took, likewise
 */
public record BatchCounts(long[] submitCalls, long[] reapCalls) {
    /** Sizes counted one by one up to 64; larger batches share the last index. */
    public static final int SIZES = 66;

    /** fio's buckets of a distribution: 0, 1-4, 5-8, 9-16, 17-32, 33-64, more ({@code __io_u_mark_map()}). */
    private static final int[] BUCKET_TOPS = {0, 4, 8, 16, 32, 64};

    public BatchCounts {
        submitCalls = submitCalls.clone();
        reapCalls = reapCalls.clone();
    }

    /** None. */
    public static BatchCounts none() {
        return new BatchCounts(new long[SIZES], new long[SIZES]);
    }

    /** These counts and {@code other}'s, added. */
    public BatchCounts plus(BatchCounts other) {
        long[] s = submitCalls.clone();
        long[] r = reapCalls.clone();
        for (int i = 0; i < SIZES; i++) {
            s[i] += other.submitCalls[i];
            r[i] += other.reapCalls[i];
        }
        return new BatchCounts(s, r);
    }

    /** fio's "submit" distribution: the share of submissions, in %, in each of fio's seven buckets. */
    public double[] submitShares() {
        return shares(submitCalls);
    }

    /** fio's "complete" distribution: the share of reaps, in %, in each of fio's seven buckets. */
    public double[] reapShares() {
        return shares(reapCalls);
    }

    private static double[] shares(long[] calls) {
        double[] buckets = new double[BUCKET_TOPS.length + 1];
        long total = 0;
        for (int n = 0; n < SIZES; n++) {
            int b = 0;
            while (b < BUCKET_TOPS.length && n > BUCKET_TOPS[b]) {
                b++;
            }
            buckets[b] += calls[n];
            total += calls[n];
        }
        for (int b = 0; b < buckets.length; b++) {
            buckets[b] = total == 0 ? 0 : 100.0 * buckets[b] / total;
        }
        return buckets;
    }

    @Override
    public long[] submitCalls() {
        return submitCalls.clone();
    }

    @Override
    public long[] reapCalls() {
        return reapCalls.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchCounts b && Arrays.equals(submitCalls, b.submitCalls)
                && Arrays.equals(reapCalls, b.reapCalls);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(submitCalls) + Arrays.hashCode(reapCalls);
    }

    @Override
    public String toString() {
        return "BatchCounts[submit=" + Arrays.toString(submitCalls) + ", reap=" + Arrays.toString(reapCalls) + "]";
    }
}
