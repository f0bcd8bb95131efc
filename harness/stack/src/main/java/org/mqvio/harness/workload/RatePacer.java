package org.mqvio.harness.workload;

import java.util.random.RandomGenerator;

/**
 * One clone's rate bookkeeping, as fio keeps it per thread: when each direction's next I/O is due, and whether the
 * job keeps its minimum rate. Times are microseconds from the clone's epoch, as fio counts them.
 *
 * <ul>
 *   <li>Due time ({@code usec_for_io()} in fio's {@code backend.c}), recomputed after each submission: linear, the
 *       time the direction's bytes queued so far take at the rate; poisson, the previous due time plus
 *       {@code (1000000 / iops) * -ln(U)} microseconds, U uniform in (0, 1] (an exponential gap of mean 1 / IOPS,
 *       fio's integer microseconds per I/O).</li>
 *   <li>Which direction goes next ({@code rate_ddir()} in {@code io_u.c}): the drawn one if it is due; in a mixed
 *       job the other one if that is due; otherwise the clone sleeps until the earlier of the two.</li>
 *   <li>Minimum ({@code __check_min_rate()} in {@code backend.c}): not in the first 2 s of the epoch; then, every
 *       {@code rate_cycle}, the bytes (or I/Os) completed since the previous check over the milliseconds spent
 *       must reach the minimum, or the job fails.</li>
 * </ul>
 * Reset at the end of the ramp, as fio's {@code reset_all_stats()} resets its rate counters and epoch.
 */
final class RatePacer {
    private static final long MIN_RATE_SETTLE_MS = 2000;

    private final RateLimit limit;
    /** Each direction's smallest size (fio's {@code min_bs[ddir]}): what a rate in I/Os is converted with. */
    private final int[] blockSizes;
    private final RandomGenerator[] poisson;
    private long epochNs;
    private final long[] issueBytes = new long[2];
    private final long[] lastUsec = new long[2];
    private final long[] nextUsec = new long[2];
    private final long[] doneBytes = new long[2];
    private final long[] doneBlocks = new long[2];
    private final long[] checkBytes = new long[2];
    private final long[] checkBlocks = new long[2];
    private final long[] checkNs = new long[2];

    /**
     * @param readBlockSize  the reads' smallest size: fio's {@code __setup_rate()} converts a direction's
     *                       {@code rate_iops} with that direction's own smallest size
     * @param writeBlockSize the writes' smallest size
     */
    RatePacer(RateLimit limit, int readBlockSize, int writeBlockSize, long epochNs, RandomGenerator readStream,
              RandomGenerator writeStream) {
        this.limit = limit;
        this.blockSizes = new int[] {readBlockSize, writeBlockSize};
        this.epochNs = epochNs;
        this.poisson = new RandomGenerator[] {readStream, writeStream};
    }

    /** Starts a new epoch at {@code nowNs} with every counter at zero (the ramp is over). */
    void reset(long nowNs) {
        epochNs = nowNs;
        for (int d = 0; d < 2; d++) {
            issueBytes[d] = 0;
            lastUsec[d] = 0;
            nextUsec[d] = 0;
            doneBytes[d] = 0;
            doneBlocks[d] = 0;
            checkBytes[d] = 0;
            checkBlocks[d] = 0;
        }
    }

    /** When direction {@code d}'s next I/O is due, in the run's nanoseconds. */
    long dueNs(int d) {
        return epochNs + nextUsec[d] * 1000;
    }

    /**
     * The direction the next I/O takes, given the drawn one {@code d} (fio's {@code rate_ddir()}); a mixed job
     * ({@code otherAllowed}) switches to the other direction when only that one is due, or when it is due sooner.
     */
    int direction(int d, boolean otherAllowed, long nowNs) {
        if (dueNs(d) <= nowNs || !otherAllowed) {
            return d;
        }
        int o = 1 - d;
        return dueNs(o) <= nowNs || dueNs(o) < dueNs(d) ? o : d;
    }

    /** An I/O of {@code bytes} was queued in direction {@code d}: its next due time follows. */
    void queued(int d, int bytes) {
        issueBytes[d] += bytes;
        long bps = limit.capBytesPerSec(d, blockSizes[d]);
        if (bps == 0) {
            return;
        }
        if (limit.process() == RateLimit.Process.POISSON) {
            long iops = Math.max(1, bps / blockSizes[d]);
            double u = 1.0 - poisson[d].nextDouble();
            lastUsec[d] += (long) ((1_000_000 / iops) * -Math.log(u));
            nextUsec[d] = lastUsec[d];
        } else {
            nextUsec[d] = issueBytes[d] / bps * 1_000_000 + issueBytes[d] % bps * 1_000_000 / bps;
        }
    }

    /** An I/O of {@code bytes} completed in direction {@code d} (fio's {@code this_io_bytes}, {@code this_io_blocks}). */
    void completed(int d, int bytes) {
        doneBytes[d] += bytes;
        doneBlocks[d]++;
    }

    /**
     * fio's {@code rate_ignore_thinktime}: after {@code thoughtNs} of think time following an I/O of direction
     * {@code d}, counts the bytes the rate would have issued meanwhile, less one block, so issuing resumes at once
     * (the adjustment at the end of {@code handle_thinktime()}).
     */
    void thought(int d, long thoughtNs) {
        long bps = limit.capBytesPerSec(d, blockSizes[d]);
        long totalUs = thoughtNs / 1000;
        if (bps == 0 || totalUs == 0) {
            return;
        }
        long missed = bps * totalUs / 1_000_000;
        long usPerOp = (long) blockSizes[d] * 1_000_000 / bps;
        long over = usPerOp <= totalUs ? blockSizes[d] : 0;
        issueBytes[d] += missed - over;
        lastUsec[d] += totalUs;
    }

    /**
     * fio's minimum-rate check at {@code nowNs}: the message fio logs when a direction fell below its minimum over
     * the last {@code rate_cycle}, or null.
     */
    String missedMinimum(long nowNs) {
        if (!limit.hasMinimum() || (nowNs - epochNs) / 1_000_000 < MIN_RATE_SETTLE_MS) {
            return null;
        }
        for (int d = 0; d < 2; d++) {
            long minBytes = limit.minBytesPerSec().get(d);
            long minIops = limit.minIops().get(d);
            if (doneBytes[d] == 0 || minBytes == 0 && minIops == 0) {
                continue;
            }
            if (checkBytes[d] > 0 || checkBlocks[d] > 0) {
                long spentMs = (nowNs - checkNs[d]) / 1_000_000;
                if (spentMs < limit.cycleNs() / 1_000_000 || spentMs == 0) {
                    continue;
                }
                if (minBytes > 0) {
                    long got = (doneBytes[d] - checkBytes[d]) * 1000 / spentMs;
                    if (got < minBytes) {
                        return "rate_min=" + minBytes + "B/s not met, got " + got + "B/s";
                    }
                } else {
                    long got = (doneBlocks[d] - checkBlocks[d]) * 1000 / spentMs;
                    if (got < minIops) {
                        return "rate_iops_min=" + minIops + " not met, got " + got + " IOPS";
                    }
                }
            }
            checkBytes[d] = doneBytes[d];
            checkBlocks[d] = doneBlocks[d];
            checkNs[d] = nowNs;
        }
        return null;
    }
}
