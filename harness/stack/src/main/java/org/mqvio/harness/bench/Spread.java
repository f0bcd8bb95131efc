package org.mqvio.harness.bench;

import java.util.Arrays;

/**
 * The median and range of a figure over a benchmark's repetitions.
 *
 * @param median the middle value (the mean of the two middle ones for an even count)
 * @param min    the smallest value
 * @param max    the largest value
 */
public record Spread(double median, double min, double max) {
    /**
     * The spread of {@code values}.
     *
     * @throws IllegalArgumentException if there is no value
     */
    public static Spread of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no value to spread; allowed: at least one");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Spread(median, v[0], v[n - 1]);
    }
}
