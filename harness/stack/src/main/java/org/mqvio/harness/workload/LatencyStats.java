package org.mqvio.harness.workload;

/**
 * One latency distribution, as fio reports it: exact count, minimum, maximum, mean and standard deviation, and
 * a {@link LogLinearHistogram} (3 significant digits) for percentiles and latency buckets. Values are nanoseconds.
 * Not thread-safe: a run records on one thread; results are read after it.
 */
public final class LatencyStats {
    private final LogLinearHistogram histogram = new LogLinearHistogram();
    private long count;
    private long min = Long.MAX_VALUE;
    private long max;
    private double sum;
    private double sumOfSquares;

    /** Records one value ({@code >= 0}; negative values are recorded as 0). */
    public void record(long ns) {
        long v = Math.max(0, ns);
        histogram.record(v);
        count++;
        min = Math.min(min, v);
        max = Math.max(max, v);
        sum += v;
        sumOfSquares += (double) v * v;
    }

    /** Adds every value of {@code other} to this one. */
    public void add(LatencyStats other) {
        histogram.add(other.histogram);
        count += other.count;
        min = Math.min(min, other.min);
        max = Math.max(max, other.max);
        sum += other.sum;
        sumOfSquares += other.sumOfSquares;
    }

    /** A copy that later records into this one do not change. */
    public LatencyStats copy() {
        LatencyStats c = new LatencyStats();
        c.add(this);
        return c;
    }

    public long count() {
        return count;
    }

    /** The smallest value, or 0 when nothing was recorded. */
    public long min() {
        return count == 0 ? 0 : min;
    }

    public long max() {
        return max;
    }

    /** The mean, or 0 when nothing was recorded. */
    public double mean() {
        return count == 0 ? 0 : sum / count;
    }

    /** The sample standard deviation (n - 1), as fio computes it; 0 for fewer than two values. */
    public double stddev() {
        if (count < 2) {
            return 0;
        }
        double variance = (sumOfSquares - sum * sum / count) / (count - 1);
        return Math.sqrt(Math.max(0, variance));
    }

    /**
     * The value at {@code percentile} (0..100] by nearest rank, within the histogram's precision and never outside
     * {@code [min, max]}; 0 when empty.
     */
    public long percentile(double percentile) {
        return count == 0 ? 0 : Math.max(min, Math.min(max, histogram.valueAtPercentile(percentile, count)));
    }

    /** The values counted in fio's latency buckets, indexed as {@link FioLatencyBins}: {@link FioLatencyBins#COUNT} counts. */
    public long[] fioBins() {
        long[] fio = new long[FioLatencyBins.COUNT];
        histogram.foldInto(fio);
        return fio;
    }

    /** How many values lie in {@code [lowNs, highNs)}. */
    public long countBetween(long lowNs, long highNs) {
        if (count == 0 || highNs <= lowNs) {
            return 0;
        }
        long upper = histogram.countUpTo(highNs - 1);
        long lower = lowNs == 0 ? 0 : histogram.countUpTo(lowNs - 1);
        return upper - lower;
    }
}
