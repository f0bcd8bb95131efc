package org.mqvio.harness.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.mqvio.harness.workload.RunResult;

/** Formats a {@link RunResult} like fio's summary, then mqvio's own statistics. */
final class Report {
    private Report() {
    }

    static void summary(PrintWriter out, RunResult r) {
        var c = r.config();
        var j = r.job();
        out.printf(Locale.ROOT, "mqvio %s: simulation, all times in virtual nanoseconds%n", Main.VERSION);
        out.printf(Locale.ROOT, "stack: dataplane=%s guest-block-layer=%s host-block-layer=%s device=%s host-cpus=%d vcpus=%d seed=%d%n",
                c.dataPlane(), c.guestBlockLayer(), c.hostBlockLayer(), c.device(), c.hostCpus(), c.vcpus(), c.seed());
        out.printf(Locale.ROOT, "%s: (g=0): rw=%s, bs=%dB, iodepth=%d, numjobs=%d, runtime=%dms%n", j.name(),
                j.rw().fioName(), j.blockSize(), j.iodepth(), j.numjobs(), j.runtimeNs() / 1_000_000);
        out.printf(Locale.ROOT, "  %s: IOPS=%s, BW=%.1fMiB/s (%d ios, %d errors)%n",
                j.rw().reads() && !j.rw().mixed() ? "read" : (j.rw().mixed() ? "read+write" : "write"),
                human(r.iops()), r.bandwidthBytes() / (1 << 20), r.ios(), r.errors());
        Map<String, Double> lat = r.latencyNs();
        out.printf(Locale.ROOT, "    lat (nsec): mean=%.0f, p50=%.0f, p90=%.0f, p99=%.0f, p99.9=%.0f%n", lat.get("mean"),
                lat.get("50.000000"), lat.get("90.000000"), lat.get("99.000000"), lat.get("99.900000"));
        out.println("  cpu (% of one host CPU): " + r.cpuPercent().entrySet().stream()
                .filter(e -> e.getValue() > 0.05)
                .map(e -> String.format(Locale.ROOT, "%s=%.1f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", ")));
        r.statistics().forEach((section, stats) -> out.println("  " + section + ": " + stats.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "))));
        out.printf(Locale.ROOT, "  trace digest: %016x (%d events, %d ms wall)%n", r.digest(), r.events(), r.wallMillis());
    }

    private static String human(double iops) {
        if (iops >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", iops / 1e6);
        }
        if (iops >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", iops / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", iops);
    }
}
