package org.mqvio.harness.workload;

import java.util.Map;
import org.mqvio.harness.stack.StackConfig;

/**
 * What one run measured. Times are virtual nanoseconds in simulation.
 *
 * @param config          the stack
 * @param job             the job
 * @param ios             I/Os completed inside the measurement window, all clones
 * @param iops            I/Os per second inside the window
 * @param bandwidthBytes  bytes per second inside the window
 * @param errors          completions with an error status (whole run)
 * @param latencyNs       total latency percentiles in ns, keyed like fio ({@code "99.000000"}), plus "mean"
 * @param cpuPercent      CPU used by each context (running, spinning, polling) as % of the measurement window
 * @param statistics      component, lock and notifier statistics, by section then name
 * @param digest          the trace digest (same seed and configuration, same digest)
 * @param events          simulation events fired
 * @param wallMillis      wall-clock time the run took
 */
public record RunResult(StackConfig config, JobSpec job, long ios, double iops, double bandwidthBytes, long errors,
                        Map<String, Double> latencyNs, Map<String, Double> cpuPercent,
                        Map<String, Map<String, Long>> statistics, long digest, long events, long wallMillis) {
}
