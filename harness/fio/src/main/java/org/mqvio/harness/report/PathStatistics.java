package org.mqvio.harness.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.harness.workload.ContextUse;
import org.mqvio.harness.workload.JobResult;
import org.mqvio.harness.workload.LatencyStats;
import org.mqvio.harness.workload.RunResult;

/**
 * What fio cannot show: where the time goes inside the virtualized I/O path of one run. CPU use per vCPU
 * thread, IoThread and interrupt handler over the statistics window; kicks, interrupts, IPIs and lock
 * acquisitions per I/O and the batch sizes they imply (over the whole run: every request issued, completed
 * and counted); locks; the mean I/Os in flight; the components' own counters.
 */
public final class PathStatistics {
    private PathStatistics() {
    }

    /** The statistics of {@code run} as ordered maps: the layout of the JSON {@code mqvio} object's runs. */
    public static Map<String, Object> of(RunResult run) {
        Map<String, Object> m = new LinkedHashMap<>();
        long windowNs = Math.max(1, run.windowEndNs() - run.windowStartNs());
        m.put("window_ns", windowNs);
        m.put("cpu", cpu(run, windowNs));
        m.put("per_io", perIo(run));
        m.put("batches", batches(run));
        m.put("locks", locks(run));
        m.put("queue_depth", queueDepth(run));
        m.put("components", new LinkedHashMap<>(run.statistics()));
        return m;
    }

    private static Map<String, Object> cpu(RunResult run, long windowNs) {
        Map<String, Object> cpu = new LinkedHashMap<>();
        for (ContextUse c : run.contexts()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            e.put("cpu_pct", c.cpuPercent());
            e.put("busy_pct", 100.0 * c.get("busy_ns") / windowNs);
            e.put("spin_pct", 100.0 * c.get("spin_ns") / windowNs);
            e.put("poll_pct", 100.0 * c.get("poll_ns") / windowNs);
            e.put("wakeups", c.get("wakeups"));
            e.put("context_switches", c.get("context_switches"));
            cpu.put(c.name(), e);
        }
        return cpu;
    }

    /** Total CPU use of the contexts of {@code kind}, in % of one CPU. */
    public static double cpuPercent(RunResult run, ContextKind kind) {
        return run.contexts().stream().filter(c -> c.kind() == kind).mapToDouble(ContextUse::cpuPercent).sum();
    }

    private static long stat(RunResult run, String section, String key) {
        Map<String, Long> s = run.statistics().get(section);
        return s == null ? 0 : s.getOrDefault(key, 0L);
    }

    private static long completed(RunResult run) {
        return stat(run, "run", "completed");
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    private static Map<String, Object> perIo(RunResult run) {
        double ios = completed(run);
        long acquisitions = 0;
        long waitNs = 0;
        for (Map.Entry<String, Map<String, Long>> e : run.statistics().entrySet()) {
            if (e.getKey().startsWith("lock ")) {
                acquisitions += e.getValue().getOrDefault("acquisitions", 0L);
                waitNs += e.getValue().getOrDefault("wait_ns", 0L);
            }
        }
        long windowIos = run.ios();
        long windowCpuNs = 0;
        long wakeups = 0;
        for (ContextUse c : run.contexts()) {
            windowCpuNs += c.get("busy_ns") + c.get("spin_ns") + c.get("poll_ns");
            wakeups += c.get("wakeups");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kicks", ratio(stat(run, "notifiers", "kick_signals"), ios));
        m.put("guest_interrupts", ratio(stat(run, "notifiers", "irqfd_deliveries"), ios));
        m.put("device_interrupts", ratio(stat(run, "notifiers", "msi_deliveries"), ios));
        m.put("ipis", ratio(stat(run, "notifiers", "ipi_signals"), ios));
        m.put("eventfd_wakeups", ratio(stat(run, "notifiers", "eventfd_deliveries"), ios));
        m.put("lock_acquisitions", ratio(acquisitions, ios));
        m.put("lock_wait_ns", ratio(waitNs, ios));
        m.put("context_wakeups", ratio(wakeups, windowIos));
        m.put("cpu_ns", ratio(windowCpuNs, windowIos));
        return m;
    }

    private static Map<String, Object> batches(RunResult run) {
        double ios = completed(run);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ios_per_kick", ratio(ios, stat(run, "notifiers", "kick_deliveries")));
        m.put("ios_per_guest_interrupt", ratio(ios, stat(run, "notifiers", "irqfd_deliveries")));
        m.put("ios_per_device_interrupt", ratio(ios, stat(run, "notifiers", "msi_deliveries")));
        m.put("ios_per_ipi", ratio(ios, stat(run, "notifiers", "ipi_deliveries")));
        long loops = stat(run, "data_plane", "iothread_loops");
        if (loops > 0) {
            m.put("ios_per_iothread_pass", ratio(stat(run, "data_plane", "iothread_submitted"), loops));
        }
        return m;
    }

    private static Map<String, Object> locks(RunResult run) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Long>> e : run.statistics().entrySet()) {
            if (!e.getKey().startsWith("lock ")) {
                continue;
            }
            Map<String, Long> s = e.getValue();
            long acq = s.getOrDefault("acquisitions", 0L);
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("acquisitions", acq);
            l.put("contended_pct", 100 * ratio(s.getOrDefault("contended", 0L), acq));
            l.put("mean_wait_ns", ratio(s.getOrDefault("wait_ns", 0L), acq));
            l.put("mean_hold_ns", ratio(s.getOrDefault("hold_ns", 0L), acq));
            l.put("mean_handoff_ns", ratio(s.getOrDefault("handoff_ns", 0L), s.getOrDefault("contended", 0L)));
            l.put("max_waiters", s.getOrDefault("max_waiters", 0L));
            m.put(e.getKey().substring("lock ".length()), l);
        }
        return m;
    }

    private static Map<String, Object> queueDepth(RunResult run) {
        double inFlight = 0;
        for (JobResult j : run.jobs()) {
            LatencyStats lat = new LatencyStats();
            j.clones().forEach(c -> {
                lat.add(c.read().lat());
                lat.add(c.write().lat());
            });
            inFlight += j.iops() * lat.mean() / 1e9;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean_in_flight", inFlight);
        m.put("in_flight_at_window_end", stat(run, "run", "in_flight_at_window_end"));
        return m;
    }
}
