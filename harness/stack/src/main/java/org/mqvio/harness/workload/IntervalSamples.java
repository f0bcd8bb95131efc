package org.mqvio.harness.workload;

import java.util.Arrays;

/**
 * I/Os and bytes completed per fixed interval of a measurement window: the samples behind fio's
 * {@code iops_min/max/mean/stddev} and {@code bw_min/max/mean/dev}. Only whole intervals are samples; a
 * window shorter than one interval gives one sample over the whole window.
 */
public final class IntervalSamples {
    private final long intervalNs;
    private long[] ios = new long[16];
    private long[] bytes = new long[16];
    private int used;
    private long windowNs;

    /** Samples of {@code intervalNs} each, {@code > 0}. */
    public IntervalSamples(long intervalNs) {
        if (intervalNs <= 0) {
            throw new IllegalArgumentException("sample interval=" + intervalNs + "ns is invalid; allowed: > 0");
        }
        this.intervalNs = intervalNs;
    }

    /** Records one completion of {@code length} bytes at {@code offsetNs} from the window's start. */
    void record(long offsetNs, long length) {
        long index = offsetNs / intervalNs;
        if (index >= Integer.MAX_VALUE - 8) {
            return;
        }
        int i = (int) index;
        ensure(i + 1);
        ios[i]++;
        bytes[i] += length;
    }

    private void ensure(int n) {
        if (n > ios.length) {
            int capacity = Math.max(n, ios.length * 2);
            ios = Arrays.copyOf(ios, capacity);
            bytes = Arrays.copyOf(bytes, capacity);
        }
        used = Math.max(used, n);
    }

    /** Closes the window at {@code windowNs} from its start. */
    void close(long windowNs) {
        this.windowNs = windowNs;
    }

    /** Adds {@code other}'s intervals to this one's, interval by interval (both must have the same width). */
    void add(IntervalSamples other) {
        if (other.intervalNs != intervalNs) {
            throw new IllegalArgumentException("cannot add samples of " + other.intervalNs + " ns to samples of "
                    + intervalNs + " ns");
        }
        ensure(other.used);
        for (int i = 0; i < other.used; i++) {
            ios[i] += other.ios[i];
            bytes[i] += other.bytes[i];
        }
        windowNs = Math.max(windowNs, other.windowNs);
    }

    public long intervalNs() {
        return intervalNs;
    }

    /** Per-sample I/Os per second. */
    public double[] iops() {
        return rates(ios);
    }

    /** Per-sample bandwidth in KiB/s (fio's {@code bw} unit). */
    public double[] kibPerSecond() {
        double[] r = rates(bytes);
        for (int i = 0; i < r.length; i++) {
            r[i] /= 1024.0;
        }
        return r;
    }

    private double[] rates(long[] values) {
        long whole = windowNs / intervalNs;
        if (whole == 0) {
            if (windowNs <= 0) {
                return new double[0];
            }
            long total = 0;
            for (int i = 0; i < used; i++) {
                total += values[i];
            }
            return new double[] {total * 1e9 / windowNs};
        }
        double[] r = new double[(int) Math.min(whole, Integer.MAX_VALUE - 8)];
        for (int i = 0; i < r.length && i < used; i++) {
            r[i] = values[i] * 1e9 / intervalNs;
        }
        return r;
    }

    /** min, max, mean and sample standard deviation of {@code samples}; all 0 when empty. */
    public static double[] summary(double[] samples) {
        if (samples.length == 0) {
            return new double[] {0, 0, 0, 0};
        }
        double min = Double.MAX_VALUE;
        double max = 0;
        double sum = 0;
        for (double s : samples) {
            min = Math.min(min, s);
            max = Math.max(max, s);
            sum += s;
        }
        double mean = sum / samples.length;
        double sq = 0;
        for (double s : samples) {
            sq += (s - mean) * (s - mean);
        }
        double dev = samples.length < 2 ? 0 : Math.sqrt(sq / (samples.length - 1));
        return new double[] {min, max, mean, dev};
    }
}
