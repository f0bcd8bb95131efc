package org.mqvio.harness.workload;

/**
 * fio's latency target: the job searches for the deepest queue whose latencies meet a target
 * ({@code latency_target}, {@code latency_window}, {@code latency_percentile}, {@code latency_run}; the search is
 * {@link DepthSearch}).
 *
 * @param targetNs   fio's {@code latency_target}: the total latency (fio's {@code lat}) I/Os should stay under;
 *                   0: no search
 * @param windowNs   fio's {@code latency_window}: how long each depth is tried
 * @param percentile fio's {@code latency_percentile}: the share of I/Os, in %, that must meet the target (default
 *                   100: any I/O over it lowers the depth at once)
 * @param keepRunning fio's {@code latency_run}: keep adjusting the depth for the whole run instead of settling
 */
public record LatencyTarget(long targetNs, long windowNs, double percentile, boolean keepRunning) {
    /** No latency target. */
    public static final LatencyTarget NONE = new LatencyTarget(0, 0, 100, false);

    public LatencyTarget {
        if (targetNs < 0 || windowNs < 0) {
            throw new IllegalArgumentException("latency_target=" + targetNs + "ns, latency_window=" + windowNs
                    + "ns are invalid; allowed: durations >= 0");
        }
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("latency_percentile=" + percentile + " is invalid; allowed: a number"
                    + " in [0, 100]");
        }
    }

    /** Whether the job searches for a depth. */
    public boolean searches() {
        return targetNs > 0;
    }
}
