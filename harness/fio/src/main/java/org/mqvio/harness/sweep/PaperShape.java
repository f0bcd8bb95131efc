package org.mqvio.harness.sweep;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The papers' shape, each criterion defined once here with its margins, and composed into the sets that
 * {@code paper} (issue 6 and issue 14), {@code paper --envelope} and {@code paper --sensitivity} check.
 *
 * <p>The criteria: baseline IOPS falls as numjobs grows past its peak and is at least 20% below the peak at the
 * most jobs; mq IOPS never falls; mq/baseline at the most jobs lies in [2.55, 3.38] (+155% to +238%), and is at
 * least 2 on any host (the envelope); Ming Lei's 2014 measurement: one virtqueue with one IoThread falls by about
 * 30% (taken as 20% to 40%) from 2 to 4 jobs, two virtqueues with one IoThread do not fall, and his three ratios
 * within 25% (issue 14). "Falls" and "never falls" allow 1% of noise per step.
 *
 * <p>A {@link Margin} is how far a figure is from one threshold, signed so that a margin {@code >= 0} meets it;
 * a criterion holds when every one of its margins does. Figures equal to a threshold to 12 decimals meet it.
 */
public final class PaperShape {
    /** The tolerance of "falls" and "does not fall" per step: 1%. */
    public static final double STEP_TOLERANCE = 0.01;
    public static final double MIN_RATIO = 2.55;
    public static final double MAX_RATIO = 3.38;
    /** The envelope's lower bound of mq/baseline at the most jobs on any host (issue 14). */
    public static final double ENVELOPE_MIN_RATIO = 2.0;
    public static final double MIN_PEAK_DROP = 0.20;
    public static final double MING_LEI_MIN_FALL = 0.20;
    public static final double MING_LEI_MAX_FALL = 0.40;
    /**
     * Ming Lei's IOPS, 4 KB randread at iodepth 64 in a quad-core VM (QEMU 2.0 data plane, one IoThread): one
     * virtqueue 145K at 2 jobs and 100K at 4; two virtqueues 193K and 202K. Source: the cover letter of Ming Lei's
     * virtio-blk multi-virtqueue patches, linux-kernel mailing list, June 2014
     * (lkml.iu.edu/hypermail/linux/kernel/1406.3/01974.html), which the journal seed cites as "Virtio Blk
     * multi-queue conversion".
     */
    public static final double[] MING_LEI_ONE_QUEUE = {145_000, 100_000};
    public static final double[] MING_LEI_TWO_QUEUES = {193_000, 202_000};
    /** How far each of Ming Lei's ratios may be off: 25% either way (issue 14). */
    public static final double MING_LEI_RATIO_TOLERANCE = 0.25;

    private static final double EXACT = 1e-12;

    /** How a margin is printed: a fraction as percentage points, or a ratio as a plain number. */
    public enum Unit {
        PERCENT, RATIO;

        String format(double v) {
            if (Double.isInfinite(v)) {
                return v > 0 ? "+inf" : "-inf";
            }
            return this == PERCENT ? String.format(Locale.ROOT, "%+.1f%%", 100 * v) : String.format(Locale.ROOT, "%+.3f", v);
        }
    }

    /**
     * How far a measured figure is from one threshold.
     *
     * @param bound what the threshold is, as text ({@code "drop - 20%"}, {@code "3.38 - ratio"})
     * @param value the signed distance: {@code >= 0} meets the threshold (NaN never does)
     * @param unit  how to print it
     */
    public record Margin(String bound, double value, Unit unit) {
        public Margin {
            value = Math.abs(value) < EXACT ? 0 : value;
        }

        public boolean meets() {
            return value >= 0;
        }

        /** The value as printed: {@code +25.8%} or {@code -0.13}. */
        public String formatted() {
            return Double.isNaN(value) ? "n/a" : unit.format(value);
        }
    }

    /**
     * One criterion.
     *
     * @param key     a short stable name (a table column, a JSON key)
     * @param name    what it requires
     * @param detail  the measured figures
     * @param margins one per threshold
     */
    public record Criterion(String key, String name, String detail, List<Margin> margins) {
        public Criterion {
            margins = List.copyOf(margins);
        }

        /** Whether every margin meets its threshold. */
        public boolean holds() {
            return margins.stream().allMatch(Margin::meets);
        }

        /** The margins as printed, lower threshold first when there are two: {@code +0.70/+0.13}. */
        public String formattedMargins() {
            return String.join("/", margins.stream().map(Margin::formatted).toList());
        }
    }

    private PaperShape() {
    }

    /**
     * The criteria {@code paper} checks, on one host: issue 6's six, then Ming Lei's three ratios (issue 14).
     *
     * @param baseline IOPS of {@code baseline} at numjobs 1, 2, ... (index + 1 jobs)
     * @param mq       IOPS of {@code mq} at the same numjobs
     * @param oneQueue Ming Lei's one virtqueue, one IoThread: IOPS at 2 and at 4 jobs
     * @param twoQueues two virtqueues, one IoThread: IOPS at 2 and at 4 jobs
     */
    public static List<Criterion> check(double[] baseline, double[] mq, double[] oneQueue, double[] twoQueues) {
        checkArgument(oneQueue.length == 2 && twoQueues.length == 2, "Ming Lei's two designs need IOPS at 2 and 4 jobs");
        checkSeries(baseline, mq);
        List<Criterion> c = new ArrayList<>();
        c.add(fallsPastPeak(baseline));
        c.add(peakDrop(baseline));
        c.add(mqNeverFalls(mq));
        c.add(ratioAtMostJobs(baseline, mq, MIN_RATIO, MAX_RATIO));
        c.add(mingLeiOneQueueFalls(oneQueue));
        c.add(mingLeiTwoQueuesHold(twoQueues));
        c.addAll(mingLeiRatios(oneQueue, twoQueues));
        return c;
    }

    /**
     * The envelope's criteria for one cell (issue 14): baseline at the most jobs at least 20% below its peak; mq
     * never falls; mq/baseline at the most jobs at least 2, and within [2.55, 3.38] on the default host.
     */
    public static List<Criterion> envelope(double[] baseline, double[] mq, boolean defaultHost) {
        checkSeries(baseline, mq);
        List<Criterion> c = new ArrayList<>();
        c.add(peakDrop(baseline));
        c.add(mqNeverFalls(mq));
        c.add(defaultHost ? ratioAtMostJobs(baseline, mq, MIN_RATIO, MAX_RATIO)
                : ratioAtMostJobs(baseline, mq, ENVELOPE_MIN_RATIO, Double.POSITIVE_INFINITY));
        return c;
    }

    private static void checkSeries(double[] baseline, double[] mq) {
        checkArgument(baseline.length == mq.length && baseline.length >= 2,
                "the paper's shape needs baseline and mq at the same numjobs (2 or more)");
    }

    /** The index of the first highest value. */
    public static int peak(double[] v) {
        int peak = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[peak]) {
                peak = i;
            }
        }
        return peak;
    }

    /**
     * Baseline falls as numjobs grows: from its peak, or from its first fall if that comes earlier, it never rises
     * by more than the tolerance in a step (a curve that dips, then climbs to a later peak, does not fall as jobs
     * grow). Margin: the tolerance less the largest such rise; with the peak at the last point and no fall before
     * it, less the rise into it.
     */
    static Criterion fallsPastPeak(double[] b) {
        int last = b.length - 1;
        int peak = peak(b);
        int from = Math.min(peak, firstFall(b) - 1);
        double margin;
        if (from == last) {
            margin = -(b[last] - b[last - 1]) / b[last - 1];
        } else {
            margin = Double.POSITIVE_INFINITY;
            for (int i = from + 1; i <= last; i++) {
                margin = Math.min(margin, (b[i - 1] * (1 + STEP_TOLERANCE) - b[i]) / b[i - 1]);
            }
        }
        String after = from == last ? "no more points" : trend(b, from);
        return new Criterion("falls", "baseline falls as numjobs grows past its peak",
                String.format(Locale.ROOT, "peak %.0f at %d jobs; after %d jobs: %s", b[peak], peak + 1, from + 1, after),
                List.of(new Margin("1% - largest rise past the peak or the first fall", margin, Unit.PERCENT)));
    }

    /** The index of the first point more than the tolerance below the one before it, or the length if none is. */
    private static int firstFall(double[] v) {
        for (int i = 1; i < v.length; i++) {
            if (v[i] < v[i - 1] * (1 - STEP_TOLERANCE)) {
                return i;
            }
        }
        return v.length;
    }

    /** Baseline at the most jobs at least 20% below its peak. Margin: the drop less 20%. */
    static Criterion peakDrop(double[] b) {
        int last = b.length - 1;
        int peak = peak(b);
        double drop = 1 - b[last] / b[peak];
        return new Criterion("drop", "baseline at " + (last + 1) + " jobs at least 20% below its peak",
                String.format(Locale.ROOT, "%.0f, %.1f%% below %.0f", b[last], 100 * drop, b[peak]),
                List.of(new Margin("drop - 20%", drop - MIN_PEAK_DROP, Unit.PERCENT)));
    }

    /** The worst step of a series, as a fraction of the step's start: the most negative change. */
    public static double worstStep(double[] v) {
        double worst = Double.POSITIVE_INFINITY;
        for (int i = 1; i < v.length; i++) {
            worst = Math.min(worst, (v[i] - v[i - 1]) / v[i - 1]);
        }
        return worst;
    }

    /** mq never falls by more than the tolerance in one step. Margin: the worst step plus 1%. */
    static Criterion mqNeverFalls(double[] m) {
        int firstFall = -1;
        double margin = Double.POSITIVE_INFINITY;
        for (int i = 1; i < m.length; i++) {
            double stepMargin = (m[i] - m[i - 1] * (1 - STEP_TOLERANCE)) / m[i - 1];
            margin = Math.min(margin, stepMargin);
            if (firstFall < 0 && !new Margin("", stepMargin, Unit.PERCENT).meets()) {
                firstFall = i;
            }
        }
        return new Criterion("mq", "mq never falls as numjobs grows", firstFall < 0 ? "rises or holds at every step"
                : String.format(Locale.ROOT, "falls from %.0f at %d jobs to %.0f at %d", m[firstFall - 1], firstFall,
                m[firstFall], firstFall + 1), List.of(new Margin("worst step + 1%", margin, Unit.PERCENT)));
    }

    /** mq/baseline at the most jobs in [lo, hi] ({@code hi} infinite: at least {@code lo}). */
    static Criterion ratioAtMostJobs(double[] b, double[] m, double lo, double hi) {
        int last = b.length - 1;
        double ratio = b[last] == 0 ? Double.POSITIVE_INFINITY : m[last] / b[last];
        List<Margin> margins = new ArrayList<>();
        margins.add(new Margin(String.format(Locale.ROOT, "ratio - %.2f", lo), ratio - lo, Unit.RATIO));
        String name;
        if (Double.isInfinite(hi)) {
            name = String.format(Locale.ROOT, "mq/baseline at %d jobs at least %.2f", last + 1, lo);
        } else {
            name = String.format(Locale.ROOT, "mq/baseline at %d jobs in [%.2f, %.2f]", last + 1, lo, hi);
            margins.add(new Margin(String.format(Locale.ROOT, "%.2f - ratio", hi), hi - ratio, Unit.RATIO));
        }
        return new Criterion("ratio", name, String.format(Locale.ROOT, "%.2f", ratio), margins);
    }

    /** One virtqueue, one IoThread falls 20% to 40% from 2 to 4 jobs. Margins: the fall less 20%, 40% less it. */
    static Criterion mingLeiOneQueueFalls(double[] one) {
        double fall = 1 - one[1] / one[0];
        return new Criterion("ml-1q-fall", "Ming Lei: one virtqueue, one IoThread falls ~30% (20-40%) from 2 to 4 jobs",
                String.format(Locale.ROOT, "%.0f -> %.0f (%+.1f%%)", one[0], one[1], -100 * fall),
                List.of(new Margin("fall - 20%", fall - MING_LEI_MIN_FALL, Unit.PERCENT),
                        new Margin("40% - fall", MING_LEI_MAX_FALL - fall, Unit.PERCENT)));
    }

    /** Two virtqueues, one IoThread do not fall from 2 to 4 jobs. Margin: the step plus 1%. */
    static Criterion mingLeiTwoQueuesHold(double[] two) {
        return new Criterion("ml-2q-hold", "Ming Lei: two virtqueues, one IoThread do not fall from 2 to 4 jobs",
                String.format(Locale.ROOT, "%.0f -> %.0f (%+.1f%%)", two[0], two[1], 100 * (two[1] / two[0] - 1)),
                List.of(new Margin("step + 1%", (two[1] - two[0] * (1 - STEP_TOLERANCE)) / two[0], Unit.PERCENT)));
    }

    /**
     * Ming Lei's three ratios, each within 25% of his: two virtqueues over one at 2 jobs (his 1.33), one virtqueue
     * at 4 jobs over 2 (0.69), two virtqueues at 4 jobs over 2 (1.05). Margins: the ratio less 75% of his, 125% of
     * his less the ratio.
     */
    static List<Criterion> mingLeiRatios(double[] one, double[] two) {
        return List.of(
                mingLeiRatio("ml-2q/1q", "two virtqueues over one at 2 jobs", two[0], one[0],
                        MING_LEI_TWO_QUEUES[0], MING_LEI_ONE_QUEUE[0]),
                mingLeiRatio("ml-1q-4/2", "one virtqueue, 4 jobs over 2", one[1], one[0],
                        MING_LEI_ONE_QUEUE[1], MING_LEI_ONE_QUEUE[0]),
                mingLeiRatio("ml-2q-4/2", "two virtqueues, 4 jobs over 2", two[1], two[0],
                        MING_LEI_TWO_QUEUES[1], MING_LEI_TWO_QUEUES[0]));
    }

    private static Criterion mingLeiRatio(String key, String what, double num, double den, double hisNum, double hisDen) {
        double ratio = num / den;
        double his = hisNum / hisDen;
        double lo = his * (1 - MING_LEI_RATIO_TOLERANCE);
        double hi = his * (1 + MING_LEI_RATIO_TOLERANCE);
        return new Criterion(key, String.format(Locale.ROOT, "Ming Lei: %s within 25%% of his %.2f", what, his),
                String.format(Locale.ROOT, "%.0f / %.0f = %.3f (allowed %.3f-%.3f; his %.0fK / %.0fK)", num, den, ratio,
                        lo, hi, hisNum / 1000, hisDen / 1000),
                List.of(new Margin(String.format(Locale.ROOT, "ratio - %.3f", lo), ratio - lo, Unit.RATIO),
                        new Margin(String.format(Locale.ROOT, "%.3f - ratio", hi), hi - ratio, Unit.RATIO)));
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

    /** The criteria that fail, by key. */
    public static List<String> failing(List<Criterion> criteria) {
        return criteria.stream().filter(c -> !c.holds()).map(Criterion::key).toList();
    }
}
