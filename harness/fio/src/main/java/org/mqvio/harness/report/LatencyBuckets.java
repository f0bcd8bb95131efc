package org.mqvio.harness.report;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mqvio.harness.workload.LatencyStats;

/**
 * fio's latency distribution buckets ({@code latency_ns}, {@code latency_us}, {@code latency_ms}): each key is
 * the bucket's upper bound in its unit, holding the values from the previous bound; the share is in %.
 */
final class LatencyBuckets {
    static final long[] BOUNDS = {2, 4, 10, 20, 50, 100, 250, 500, 750, 1000};

    private LatencyBuckets() {
    }

    /** Shares of {@code stats} in the buckets of {@code unitNs} (1, 1000 or 1000000). */
    static Map<String, Object> of(LatencyStats stats, long unitNs) {
        Map<String, Object> m = new LinkedHashMap<>();
        long total = stats.count();
        long low = unitNs == 1 ? 0 : unitNs;
        for (long b : BOUNDS) {
            long high = b * unitNs;
            m.put(String.valueOf(b), share(stats.countBetween(low, high), total));
            low = high;
        }
        if (unitNs == 1_000_000L) {
            m.put("2000", share(stats.countBetween(low, 2000 * unitNs), total));
            m.put(">=2000", share(stats.countBetween(2000 * unitNs, Long.MAX_VALUE), total));
        }
        return m;
    }

    private static double share(long n, long total) {
        if (total == 0) {
            return 0;
        }
        // fio's stat_calc_lat shows a bucket that holds any value as at least 0.01%.
        double share = 100.0 * n / total;
        return n > 0 && share < 0.01 ? 0.01 : share;
    }
}
