package org.mqvio.harness.workload;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mqvio.api.cost.CostTable;
import org.mqvio.harness.stack.StackConfig;

/**
 * What one simulation run measured: every job's clones, every context's CPU, and the components', locks' and
 * notifiers' statistics. Times are virtual nanoseconds.
 *
 * <p>The statistics window runs from the first job's end of ramp to the end of the last clone's measurement
 * window; CPU use is measured over it. Component, lock and notifier counters cover the whole run (ramp,
 * window and drain), as do the {@code run} section's {@code issued} and {@code completed}, so their ratios
 * are consistent.
 *
 * @param config          the stack
 * @param costs           the cost table in force
 * @param jobs            one result per job, in the order given
 * @param windowStartNs   start of the statistics window
 * @param windowEndNs     end of the statistics window
 * @param contexts        CPU use of every context over the window, in creation order
 * @param statistics      component, lock, notifier and run statistics
 * @param digest          the trace digest (same seed and configuration, same digest)
 * @param events          simulation events fired
 * @param wallMillis      wall-clock time the run took
 */
public record RunResult(StackConfig config, CostTable costs, List<JobResult> jobs, long windowStartNs,
                        long windowEndNs, List<ContextUse> contexts, RunStatistics statistics,
                        long digest, long events, long wallMillis) {
    public RunResult {
        jobs = List.copyOf(jobs);
        contexts = List.copyOf(contexts);
    }

    /** Whether the run was on the live runtime (real threads, real nanoseconds) rather than simulated. */
    public boolean isLive() {
        return statistics.run().declares(RunStatistics.LIVE) && statistics.run().get(RunStatistics.LIVE) == 1;
    }

    /** The first job (the only one in a single-job run). */
    public JobSpec job() {
        return jobs.get(0).spec();
    }

    /** I/Os completed inside the clones' windows, every job. */
    public long ios() {
        return jobs.stream().mapToLong(JobResult::ios).sum();
    }

    /** I/Os per second, every job's clones added. */
    public double iops() {
        return jobs.stream().mapToDouble(JobResult::iops).sum();
    }

    /** Bytes per second, every job's clones added. */
    public double bandwidthBytes() {
        return jobs.stream().mapToDouble(JobResult::bytesPerSecond).sum();
    }

    /** Completions with an error status over the whole run. */
    public long errors() {
        return jobs.stream().mapToLong(JobResult::errors).sum();
    }

    /** Total latency (fio's lat) percentiles of every I/O in the windows, keyed like fio ("99.000000"), plus "mean". */
    public Map<String, Double> latencyNs() {
        LatencyStats lat = new LatencyStats();
        for (JobResult j : jobs) {
            for (CloneResult c : j.clones()) {
                lat.add(c.read().lat());
                lat.add(c.write().lat());
            }
        }
        Map<String, Double> m = new LinkedHashMap<>();
        for (double p : SimulationRun.PERCENTILES) {
            m.put(String.format(Locale.ROOT, "%.6f", p), (double) lat.percentile(p));
        }
        m.put("mean", lat.mean());
        return m;
    }

    /** CPU use of every context over the statistics window, in % of one CPU, by name. */
    public Map<String, Double> cpuPercent() {
        Map<String, Double> m = new LinkedHashMap<>();
        contexts.forEach(c -> m.put(c.name(), c.cpuPercent()));
        return m;
    }
}
