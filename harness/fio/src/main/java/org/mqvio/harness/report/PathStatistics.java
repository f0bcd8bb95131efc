package org.mqvio.harness.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.IoThread;
import org.mqvio.harness.workload.ContextUse;
import org.mqvio.harness.workload.JobResult;
import org.mqvio.harness.workload.LatencyStats;
import org.mqvio.harness.workload.LockStatistics;
import org.mqvio.harness.workload.NotifierTotals;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.RunStatistics;

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
        long windowNs = windowNs(run);
        m.put("window_ns", windowNs);
        m.put("cpu", cpu(run, windowNs));
        m.put("per_io", perIo(run));
        m.put("batches", batches(run));
        m.put("locks", locks(run));
        m.put("queue_depth", queueDepth(run));
        m.put("components", components(run));
        return m;
    }

    /** Every section of the run's statistics, each counter by name, as the JSON {@code components} object. */
    private static Map<String, Object> components(RunResult run) {
        Map<String, Object> m = new LinkedHashMap<>();
        run.statistics().sections().forEach((section, stats) -> {
            Map<String, Object> counters = new LinkedHashMap<>();
            stats.forEach((c, v) -> counters.put(c.name(), v));
            m.put(section, counters);
        });
        return m;
    }

    private static Map<String, Object> cpu(RunResult run, long windowNs) {
        Map<String, Object> cpu = new LinkedHashMap<>();
        for (ContextUse c : run.contexts()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("kind", c.kind().name().toLowerCase(Locale.ROOT));
            e.put("cpu_pct", c.cpuPercent());
            Statistics w = c.window();
            e.put("busy_pct", 100.0 * w.get(ExecutionContext.BUSY_NS) / windowNs);
            e.put("spin_pct", 100.0 * w.get(ExecutionContext.SPIN_NS) / windowNs);
            e.put("poll_pct", 100.0 * w.get(ExecutionContext.POLL_NS) / windowNs);
            e.put("wakeups", w.get(ExecutionContext.WAKEUPS));
            e.put("context_switches", w.get(ExecutionContext.CONTEXT_SWITCHES));
            cpu.put(c.name(), e);
        }
        return cpu;
    }

    /** Total CPU use of the contexts of {@code kind}, in % of one CPU. */
    public static double cpuPercent(RunResult run, ContextKind kind) {
        return run.contexts().stream().filter(c -> c.kind() == kind).mapToDouble(ContextUse::cpuPercent).sum();
    }

    /**
     * The busy time of the busiest context of {@code kind} over the statistics window, in % of the window: 100 for
     * an IoThread that never waited for work (spinning and polling are not counted as busy). Busy time is counted
     * when an item ends, so an item running across a window's edge can lift it slightly above 100.
     */
    public static double busiestPercent(RunResult run, ContextKind kind) {
        long windowNs = windowNs(run);
        return run.contexts().stream().filter(c -> c.kind() == kind)
                .mapToDouble(c -> 100.0 * c.window().get(ExecutionContext.BUSY_NS) / windowNs).max().orElse(0);
    }

    /** The statistics window's length, at least 1 ns (so a share of it is always defined). */
    private static long windowNs(RunResult run) {
        return Math.max(1, run.windowEndNs() - run.windowStartNs());
    }

    private static long completed(RunResult run) {
        return run.statistics().run().get(RunStatistics.COMPLETED);
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    private static Map<String, Object> perIo(RunResult run) {
        double ios = completed(run);
        long acquisitions = Statistics.total(PlatformLock.ACQUISITIONS, run.statistics().lockStatistics());
        long waitNs = Statistics.total(PlatformLock.WAIT_NS, run.statistics().lockStatistics());
        long windowIos = run.ios();
        long windowCpuNs = 0;
        long wakeups = 0;
        for (ContextUse c : run.contexts()) {
            Statistics w = c.window();
            windowCpuNs += w.get(ExecutionContext.BUSY_NS) + w.get(ExecutionContext.SPIN_NS)
                    + w.get(ExecutionContext.POLL_NS);
            wakeups += w.get(ExecutionContext.WAKEUPS);
        }
        NotifierTotals n = run.statistics().notifiers();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kicks", ratio(n.get(NotifierKind.KICK, Notifier.SIGNALS), ios));
        m.put("guest_interrupts", ratio(n.get(NotifierKind.IRQFD, Notifier.DELIVERIES), ios));
        m.put("device_interrupts", ratio(n.get(NotifierKind.MSI, Notifier.DELIVERIES), ios));
        m.put("ipis", ratio(n.get(NotifierKind.IPI, Notifier.SIGNALS), ios));
        m.put("eventfd_wakeups", ratio(n.get(NotifierKind.EVENTFD, Notifier.DELIVERIES), ios));
        m.put("lock_acquisitions", ratio(acquisitions, ios));
        m.put("lock_wait_ns", ratio(waitNs, ios));
        m.put("context_wakeups", ratio(wakeups, windowIos));
        m.put("cpu_ns", ratio(windowCpuNs, windowIos));
        return m;
    }

    private static Map<String, Object> batches(RunResult run) {
        double ios = completed(run);
        NotifierTotals n = run.statistics().notifiers();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ios_per_kick", ratio(ios, n.get(NotifierKind.KICK, Notifier.DELIVERIES)));
        m.put("ios_per_guest_interrupt", ratio(ios, n.get(NotifierKind.IRQFD, Notifier.DELIVERIES)));
        m.put("ios_per_device_interrupt", ratio(ios, n.get(NotifierKind.MSI, Notifier.DELIVERIES)));
        m.put("ios_per_ipi", ratio(ios, n.get(NotifierKind.IPI, Notifier.DELIVERIES)));
        List<Statistics> ioThreads = run.statistics().components().ioThreads();
        long loops = Statistics.total(IoThread.LOOPS, ioThreads);
        if (loops > 0) {
            m.put("ios_per_iothread_pass", ratio(Statistics.total(IoThread.SUBMITTED, ioThreads), loops));
        }
        return m;
    }

    private static Map<String, Object> locks(RunResult run) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (LockStatistics lock : run.statistics().locks()) {
            Statistics s = lock.statistics();
            long acq = s.get(PlatformLock.ACQUISITIONS);
            long contended = s.get(PlatformLock.CONTENDED);
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("acquisitions", acq);
            l.put("contended_pct", 100 * ratio(contended, acq));
            l.put("mean_wait_ns", ratio(s.get(PlatformLock.WAIT_NS), acq));
            l.put("mean_hold_ns", ratio(s.get(PlatformLock.HOLD_NS), acq));
            l.put("mean_handoff_ns", ratio(s.get(PlatformLock.HANDOFF_NS), contended));
            l.put("max_waiters", s.get(PlatformLock.MAX_WAITERS));
            m.put(lock.label(), l);
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
        m.put("in_flight_at_window_end", run.statistics().run().get(RunStatistics.IN_FLIGHT_AT_WINDOW_END));
        return m;
    }
}
