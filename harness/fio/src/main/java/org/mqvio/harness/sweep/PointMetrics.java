package org.mqvio.harness.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.harness.report.PathStatistics;
import org.mqvio.harness.workload.CloneResult;
import org.mqvio.harness.workload.JobResult;
import org.mqvio.harness.workload.LatencyStats;
import org.mqvio.harness.workload.NotifierTotals;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.RunStatistics;

/**
 * The numbers recorded for each point of a sweep (the CSV columns and the chartable metrics). Rates and CPU
 * add up over every job of the point's runs; latencies merge every I/O; per-I/O figures divide the runs'
 * totals. Decimal figures are rounded to 3 decimals, so that what is written and read back is identical.
 */
public final class PointMetrics {
    /** Every metric, in column order. */
    public static final List<String> NAMES = List.of("iops", "read_iops", "write_iops", "bw_mib_s", "lat_mean_us",
            "slat_mean_us", "clat_mean_us", "clat_p50_us", "clat_p99_us", "clat_p99_9_us", "vcpu_cpu_pct",
            "iothread_cpu_pct", "irq_cpu_pct", "host_cpu_pct", "cpu_us_per_io", "kicks_per_io",
            "guest_interrupts_per_io", "ipis_per_io", "lock_wait_ns_per_io", "ios_per_kick", "ios_per_guest_interrupt",
            "mean_in_flight", "busiest_iothread_pct", "ios", "errors", "lost", "events", "digest");

    private PointMetrics() {
    }

    /** The metrics of one point run as {@code runs} (the batches of its job plan). */
    public static Map<String, Object> of(List<RunResult> runs) {
        double iops = 0;
        double readIops = 0;
        double writeIops = 0;
        double bytes = 0;
        LatencyStats lat = new LatencyStats();
        LatencyStats slat = new LatencyStats();
        LatencyStats clat = new LatencyStats();
        double vcpu = 0;
        double iothread = 0;
        double irq = 0;
        double host = 0;
        double cpuNs = 0;
        double kicks = 0;
        double guestIrqs = 0;
        double ipis = 0;
        double lockWait = 0;
        double inFlight = 0;
        double busiestIoThread = 0;
        long ios = 0;
        long completed = 0;
        long kickDeliveries = 0;
        long irqDeliveries = 0;
        long errors = 0;
        long lost = 0;
        long events = 0;
        StringBuilder digest = new StringBuilder();
        for (RunResult r : runs) {
            for (JobResult j : r.jobs()) {
                for (CloneResult c : j.clones()) {
                    readIops += c.read().iops();
                    writeIops += c.write().iops();
                    bytes += c.read().bytesPerSecond() + c.write().bytesPerSecond();
                    lat.add(c.read().lat());
                    lat.add(c.write().lat());
                    slat.add(c.read().slat());
                    slat.add(c.write().slat());
                    clat.add(c.read().clat());
                    clat.add(c.write().clat());
                }
            }
            iops += r.iops();
            ios += r.ios();
            errors += r.errors();
            vcpu += PathStatistics.cpuPercent(r, ContextKind.VCPU);
            iothread += PathStatistics.cpuPercent(r, ContextKind.IOTHREAD);
            irq += PathStatistics.cpuPercent(r, ContextKind.IRQ);
            host += PathStatistics.cpuPercent(r, ContextKind.HOST);
            Map<String, Object> st = PathStatistics.of(r);
            Map<?, ?> perIo = (Map<?, ?>) st.get("per_io");
            long done = r.statistics().run().get(RunStatistics.COMPLETED);
            completed += done;
            cpuNs += (Double) perIo.get("cpu_ns") * r.ios();
            NotifierTotals n = r.statistics().notifiers();
            kicks += n.get(NotifierKind.KICK, Notifier.SIGNALS);
            guestIrqs += n.get(NotifierKind.IRQFD, Notifier.DELIVERIES);
            ipis += n.get(NotifierKind.IPI, Notifier.SIGNALS);
            lockWait += (Double) perIo.get("lock_wait_ns") * done;
            kickDeliveries += n.get(NotifierKind.KICK, Notifier.DELIVERIES);
            irqDeliveries += n.get(NotifierKind.IRQFD, Notifier.DELIVERIES);
            inFlight += (Double) ((Map<?, ?>) st.get("queue_depth")).get("mean_in_flight");
            busiestIoThread = Math.max(busiestIoThread, PathStatistics.busiestPercent(r, ContextKind.IOTHREAD));
            lost += r.statistics().run().get(RunStatistics.LOST_AFTER_DRAIN);
            events += r.events();
            digest.append(digest.isEmpty() ? "" : "+").append(String.format(Locale.ROOT, "%016x", r.digest()));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("iops", round(iops));
        m.put("read_iops", round(readIops));
        m.put("write_iops", round(writeIops));
        m.put("bw_mib_s", round(bytes / (1 << 20)));
        m.put("lat_mean_us", round(lat.mean() / 1000));
        m.put("slat_mean_us", round(slat.mean() / 1000));
        m.put("clat_mean_us", round(clat.mean() / 1000));
        m.put("clat_p50_us", round(clat.percentile(50) / 1000.0));
        m.put("clat_p99_us", round(clat.percentile(99) / 1000.0));
        m.put("clat_p99_9_us", round(clat.percentile(99.9) / 1000.0));
        m.put("vcpu_cpu_pct", round(vcpu));
        m.put("iothread_cpu_pct", round(iothread));
        m.put("irq_cpu_pct", round(irq));
        m.put("host_cpu_pct", round(host));
        m.put("cpu_us_per_io", round(ratio(cpuNs, ios) / 1000));
        m.put("kicks_per_io", round(ratio(kicks, completed)));
        m.put("guest_interrupts_per_io", round(ratio(guestIrqs, completed)));
        m.put("ipis_per_io", round(ratio(ipis, completed)));
        m.put("lock_wait_ns_per_io", round(ratio(lockWait, completed)));
        m.put("ios_per_kick", round(ratio(completed, kickDeliveries)));
        m.put("ios_per_guest_interrupt", round(ratio(completed, irqDeliveries)));
        m.put("mean_in_flight", round(inFlight));
        m.put("busiest_iothread_pct", round(busiestIoThread));
        m.put("ios", ios);
        m.put("errors", errors);
        m.put("lost", lost);
        m.put("events", events);
        m.put("digest", digest.toString());
        return m;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 0 : a / b;
    }

    /** {@code v} rounded to 3 decimals (0 if not finite). */
    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 1000) / 1000.0 : 0;
    }

    /** A metric's value as the CSV writes it. */
    static String format(Object v) {
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.3f", d);
        }
        return String.valueOf(v);
    }
}
