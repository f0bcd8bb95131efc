package org.mqvio.harness.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.sim.SimContext;
import org.mqvio.harness.sim.SimLock;
import org.mqvio.harness.sim.SimNotifier;
import org.mqvio.harness.sim.SimPlatform;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;

/** Runs a {@link JobSpec} on a stack in the deterministic simulation and gathers a {@link RunResult}. */
public final class SimulationRun {
    /** The percentiles reported by default (fio's default {@code percentile_list}). */
    public static final double[] PERCENTILES = {1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};

    /** After the window no new I/O is issued; in-flight I/O gets this much virtual time to complete. */
    static final long DRAIN_LIMIT_NS = 100_000_000L;

    private SimulationRun() {
    }

    private static Map<String, Long> cpuTimes(SimPlatform platform) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (SimContext c : platform.contexts()) {
            m.put(c.name(), c.cpuNs());
        }
        return m;
    }

    /**
     * Builds the stack, runs the job's clones (clone i on vCPU i mod vCPUs) for ramp plus runtime, lets the
     * I/O in flight drain, and reports the measurement window. {@code run.lost_after_drain} counts requests
     * issued but never completed: anything but 0 is a bug in the stack.
     */
    public static RunResult run(ProviderRegistry registry, StackConfig config, JobSpec job) {
        long wallStart = System.nanoTime();
        SimPlatform platform = new SimPlatform(Stack.costs(config), config.hostCpus(), config.seed());
        Stack stack = Stack.build(registry, config, platform);
        long windowStart = job.rampNs();
        long windowEnd = job.rampNs() + job.runtimeNs();
        Recorder recorder = new Recorder(windowStart, windowEnd, platform::trace);
        List<FioJob> clones = new ArrayList<>();
        for (int i = 0; i < job.numjobs(); i++) {
            int cpu = i % config.vcpus();
            clones.add(new FioJob(i, job, stack.vcpus().get(cpu), cpu, stack.submissionLayer(), platform, windowEnd,
                    recorder));
        }
        clones.forEach(FioJob::start);
        platform.runUntil(windowStart);
        Map<String, Long> cpuAtStart = cpuTimes(platform);
        platform.runUntil(windowEnd);
        Map<String, Long> cpuAtEnd = cpuTimes(platform);
        long inFlightAtWindowEnd = recorder.issuedTotal() - recorder.completedTotal();
        platform.runUntil(windowEnd + DRAIN_LIMIT_NS);

        double seconds = job.runtimeNs() / 1e9;
        long ios = recorder.reads() + recorder.writes();
        Map<String, Double> lat = new LinkedHashMap<>();
        Histogram h = recorder.latency();
        for (double p : PERCENTILES) {
            lat.put(String.format(java.util.Locale.ROOT, "%.6f", p), (double) h.getValueAtPercentile(p));
        }
        lat.put("mean", h.getTotalCount() == 0 ? 0 : h.getMean());
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpuAtEnd.forEach((name, ns) -> cpu.put(name, 100.0 * (ns - cpuAtStart.get(name)) / job.runtimeNs()));
        Map<String, Map<String, Long>> stats = new LinkedHashMap<>();
        stack.guestBlockLayer().ifPresent(g -> stats.put("guest_block_layer", g.statistics()));
        stats.put("data_plane", stack.dataPlane().statistics());
        stats.put("host_block_layer", stack.hostBlockLayer().statistics());
        stats.put("device", stack.device().statistics());
        for (SimLock l : platform.locks()) {
            stats.put("lock " + l.name() + " (" + l.kind().name().toLowerCase(java.util.Locale.ROOT) + ")", l.statistics());
        }
        Map<String, Long> notify = new LinkedHashMap<>();
        for (SimNotifier n : platform.notifiers()) {
            String kind = n.kind().name().toLowerCase(java.util.Locale.ROOT);
            n.statistics().forEach((k, v) -> notify.merge(kind + "_" + k, v, Long::sum));
        }
        stats.put("notifiers", notify);
        Map<String, Long> run = new LinkedHashMap<>();
        run.put("issued", recorder.issuedTotal());
        run.put("completed", recorder.completedTotal());
        run.put("in_flight_at_window_end", inFlightAtWindowEnd);
        run.put("lost_after_drain", recorder.issuedTotal() - recorder.completedTotal());
        stats.put("run", run);
        long wall = (System.nanoTime() - wallStart) / 1_000_000;
        return new RunResult(config, job, ios, ios / seconds, (recorder.readBytes() + recorder.writeBytes()) / seconds,
                recorder.errors(), lat, cpu, stats, platform.digest(), platform.kernel().fired(), wall);
    }
}
