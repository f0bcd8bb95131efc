package org.mqvio.harness.workload;

import java.util.Arrays;

/**
 * How a clone batched its I/O inside its window: how many submissions (fio's {@code io_submit} calls) and reaps
 * (fio's {@code getevents} calls) handled each number of I/Os. fio reports the same in its "submit" and
 * "complete" distributions ({@code io_u_mark_submit()}, {@code io_u_mark_complete()} in {@code io_u.c}).
 *
 * @param submitCalls submissions by the I/Os they carried: index n counts calls with n I/Os, the last index
 *                    {@value #SIZES} - 1 or more
 * @param reapCalls   reaps by the completions they took, likewise
 */
public record BatchCounts(long[] submitCalls, long[] reapCalls) {
    /** Sizes counted one by one; larger batches share the last index. */
    public static final int SIZES = 65;

    public BatchCounts {
        submitCalls = submitCalls.clone();
        reapCalls = reapCalls.clone();
    }

    /** None. */
    public static BatchCounts none() {
        return new BatchCounts(new long[SIZES], new long[SIZES]);
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
