package org.mqvio.harness.sweep;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The papers' shape, checked exactly as the paper experiment's criteria state it (issue 6): baseline IOPS
 * falls as numjobs grows past its peak and is at least 20% below the peak at the most jobs; mq IOPS never
 * falls; mq/baseline at the most jobs lies in [2.55, 3.38] (+155% to +238%); and Ming Lei's 2014
 * measurement: one virtqueue with one IoThread falls by about 30% (taken as 20% to 40%) from 2 to 4 jobs,
 * two virtqueues with one IoThread do not fall. "Falls" and "never falls" allow 1% of noise per step.
 */
public final class PaperShape {
    /** The tolerance of "falls" and "does not fall" per step: 1%. */
    public static final double STEP_TOLERANCE = 0.01;
    public static final double MIN_RATIO = 2.55;
    public static final double MAX_RATIO = 3.38;
    public static final double MIN_PEAK_DROP = 0.20;
    public static final double MING_LEI_MIN_FALL = 0.20;
    public static final double MING_LEI_MAX_FALL = 0.40;

    /**
     * One criterion.
     *
     * @param name   what it requires
     * @param detail the measured figures
     * @param holds  whether they meet it
     */
    public record Criterion(String name, String detail, boolean holds) {
    }

    private PaperShape() {
    }

    /**
     * @param baseline IOPS of {@code baseline} at numjobs 1, 2, ... (index + 1 jobs)
     * @param mq       IOPS of {@code mq} at the same numjobs
     * @param oneQueue Ming Lei's one virtqueue, one IoThread: IOPS at 2 and at 4 jobs
     * @param twoQueues two virtqueues, one IoThread: IOPS at 2 and at 4 jobs
     */
    public static List<Criterion> check(double[] baseline, double[] mq, double[] oneQueue, double[] twoQueues) {
        checkArgument(baseline.length == mq.length && baseline.length >= 2 && oneQueue.length == 2
                && twoQueues.length == 2, "the paper's shape needs baseline and mq at the same numjobs (2 or more)"
                + " and Ming Lei's two designs at 2 and 4 jobs");
        int last = baseline.length - 1;
        int peak = 0;
        for (int i = 1; i <= last; i++) {
            if (baseline[i] > baseline[peak]) {
                peak = i;
            }
        }
        boolean falls = peak < last;
        for (int i = peak + 1; i <= last; i++) {
            falls &= baseline[i] <= baseline[i - 1] * (1 + STEP_TOLERANCE);
        }
        List<Criterion> c = new ArrayList<>();
        c.add(new Criterion("baseline falls as numjobs grows past its peak",
                String.format(Locale.ROOT, "peak %.0f at %d jobs, then %s", baseline[peak], peak + 1,
                        peak == last ? "no more points" : trend(baseline, peak)), falls));
        double drop = 1 - baseline[last] / baseline[peak];
        c.add(new Criterion("baseline at " + (last + 1) + " jobs at least 20% below its peak",
                String.format(Locale.ROOT, "%.0f, %.1f%% below %.0f", baseline[last], 100 * drop, baseline[peak]),
                drop >= MIN_PEAK_DROP));
        int firstFall = -1;
        for (int i = 1; i <= last && firstFall < 0; i++) {
            if (mq[i] < mq[i - 1] * (1 - STEP_TOLERANCE)) {
                firstFall = i;
            }
        }
        c.add(new Criterion("mq never falls as numjobs grows", firstFall < 0 ? "rises or holds at every step"
                : String.format(Locale.ROOT, "falls from %.0f at %d jobs to %.0f at %d", mq[firstFall - 1], firstFall,
                mq[firstFall], firstFall + 1), firstFall < 0));
        double ratio = baseline[last] == 0 ? Double.POSITIVE_INFINITY : mq[last] / baseline[last];
        c.add(new Criterion(String.format(Locale.ROOT, "mq/baseline at %d jobs in [%.2f, %.2f]", last + 1, MIN_RATIO,
                MAX_RATIO), String.format(Locale.ROOT, "%.2f", ratio), ratio >= MIN_RATIO && ratio <= MAX_RATIO));
        double fall = 1 - oneQueue[1] / oneQueue[0];
        c.add(new Criterion("Ming Lei: one virtqueue, one IoThread falls ~30% (20-40%) from 2 to 4 jobs",
                String.format(Locale.ROOT, "%.0f -> %.0f (%+.1f%%)", oneQueue[0], oneQueue[1], -100 * fall),
                fall >= MING_LEI_MIN_FALL && fall <= MING_LEI_MAX_FALL));
        c.add(new Criterion("Ming Lei: two virtqueues, one IoThread do not fall from 2 to 4 jobs",
                String.format(Locale.ROOT, "%.0f -> %.0f (%+.1f%%)", twoQueues[0], twoQueues[1],
                        100 * (twoQueues[1] / twoQueues[0] - 1)), twoQueues[1] >= twoQueues[0] * (1 - STEP_TOLERANCE)));
        return c;
    }

    private static String trend(double[] v, int from) {
        StringBuilder sb = new StringBuilder();
        for (int i = from + 1; i < v.length; i++) {
            sb.append(i > from + 1 ? ", " : "").append(String.format(Locale.ROOT, "%.0f", v[i]));
        }
        return sb.toString();
    }

    /** Whether every criterion holds. */
    public static boolean holds(List<Criterion> criteria) {
        return criteria.stream().allMatch(Criterion::holds);
    }
}
