package org.mqvio.harness.bench;

import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.stats.Statistics;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;

/**
 * The whole-stack benchmark: how fast the simulation runs on the calling thread. At each point it runs N I/Os
 * once to warm up, then {@code repeat} times a run of N I/Os and a run of {@value #SCALE}N; each repetition's
 * figures are the longer run's cost minus the shorter's, divided by the I/Os between them, so what does not
 * grow with the I/Os (stack building, result gathering, JIT warm-up) cancels.
 */
public final class StackBench {
    /** The longer run's I/Os over the shorter's. */
    public static final int SCALE = 5;

    private StackBench() {
    }

    /**
     * Checks the counts and that every point's stack and job can be built, before any point is measured.
     *
     * @throws IllegalArgumentException or a provider exception naming what is wrong
     */
    public static void check(ProviderRegistry registry, List<BenchPoint> points, long ios, int repeat) {
        checkCounts(ios, repeat);
        for (BenchPoint p : points) {
            StackConfig config = p.config();
            registry.dataPlane(config.dataPlane());
            Stack.checkSettings(registry, config);
            p.job(SCALE * ios);
        }
    }

    /**
     * Measures {@code point}.
     *
     * @param ios    N, the I/Os of the shorter run, {@code >= 1}
     * @param repeat repetitions, {@code >= 1}
     * @throws IllegalArgumentException for a bad count
     */
    public static PointFigures measure(ProviderRegistry registry, BenchPoint point, long ios, int repeat) {
        checkCounts(ios, repeat);
        StackConfig config = point.config();
        JobSpec shorter = point.job(ios);
        JobSpec longer = point.job(SCALE * ios);
        RunCost.measure(registry, config, shorter);
        List<Statistics> differences = new ArrayList<>();
        for (int r = 0; r < repeat; r++) {
            Statistics small = RunCost.measure(registry, config, shorter);
            Statistics large = RunCost.measure(registry, config, longer);
            differences.add(large.minus(small));
        }
        return new PointFigures(point, ios, differences);
    }

    private static void checkCounts(long ios, int repeat) {
        if (ios < 1) {
            throw new IllegalArgumentException("--ios=" + ios + " is invalid; allowed: an integer >= 1");
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat=" + repeat + " is invalid; allowed: an integer >= 1");
        }
    }
}
