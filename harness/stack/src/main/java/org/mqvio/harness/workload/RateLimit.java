package org.mqvio.harness.workload;

/**
 * fio's rate options for one job, per direction ({@code rate=R,W}): a cap on bytes or I/Os per second, a minimum
 * the job must keep, how rated I/Os are spaced and whether think time counts against the rate.
 *
 * <p>fio turns a cap into bytes per second ({@code __setup_rate()} in {@code init.c}: {@code rate}, or
 * {@code rate_iops} times the direction's block size). A direction without a cap is never held back.
 *
 * @param bytesPerSec      fio's {@code rate} (0: none)
 * @param iops             fio's {@code rate_iops} (0: none); exclusive with {@code bytesPerSec}
 * @param minBytesPerSec   fio's {@code rate_min} (0: none)
 * @param minIops          fio's {@code rate_iops_min} (0: none); exclusive with {@code minBytesPerSec}
 * @param process          how the rated I/Os are spaced in time ({@code rate_process})
 * @param cycleNs          fio's {@code rate_cycle}: the window over which the minimum is averaged (default 1 s)
 * @param ignoreThinktime  fio's {@code rate_ignore_thinktime}: think time does not lower the rate
 */
public record RateLimit(PerDirection bytesPerSec, PerDirection iops, PerDirection minBytesPerSec, PerDirection minIops,
                        Process process, long cycleNs, boolean ignoreThinktime) {
    /** How rated I/Os are spaced: fio's {@code rate_process}. */
    public enum Process {
        /** Evenly: the next I/O of a direction is due when its bytes so far, at the rate, have taken their time. */
        LINEAR,
        /** A Poisson process: exponentially distributed gaps of mean 1 / IOPS. */
        POISSON
    }

    /** fio's default {@code rate_cycle}: 1000 ms. */
    public static final long DEFAULT_CYCLE_NS = 1_000_000_000L;

    /** No rate option. */
    public static final RateLimit NONE = new RateLimit(PerDirection.ZERO, PerDirection.ZERO, PerDirection.ZERO,
            PerDirection.ZERO, Process.LINEAR, DEFAULT_CYCLE_NS, false);

    public RateLimit {
        if (bytesPerSec.any() && iops.any() || minBytesPerSec.any() && minIops.any()) {
            throw new IllegalArgumentException("rate and rate_iops (or rate_min and rate_iops_min) are both set;"
                    + " allowed: one of them, as fio allows");
        }
        for (int d = 0; d < 2; d++) {
            if (bytesPerSec.get(d) > 0 && bytesPerSec.get(d) < minBytesPerSec.get(d)
                    || iops.get(d) > 0 && iops.get(d) < minIops.get(d)) {
                throw new IllegalArgumentException("the " + PerDirection.NAMES.get(d) + " minimum rate exceeds its"
                        + " rate; allowed: rate_min <= rate, rate_iops_min <= rate_iops");
            }
        }
        if (cycleNs <= 0) {
            throw new IllegalArgumentException("rate_cycle=" + cycleNs + "ns is invalid; allowed: a duration > 0");
        }
    }

    /** Whether a cap is set in either direction. */
    public boolean limits() {
        return bytesPerSec.any() || iops.any();
    }

    /** Whether a minimum is set in either direction. */
    public boolean hasMinimum() {
        return minBytesPerSec.any() || minIops.any();
    }

    /** The cap of direction {@code d} (0 read, 1 write) in bytes per second for I/Os of {@code blockSize}; 0: none. */
    long capBytesPerSec(int d, int blockSize) {
        return bytesPerSec.get(d) > 0 ? bytesPerSec.get(d) : iops.get(d) * blockSize;
    }
}
