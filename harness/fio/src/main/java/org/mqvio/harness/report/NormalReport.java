package org.mqvio.harness.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import org.mqvio.api.Operation;
import org.mqvio.harness.fio.JobPlan;
import org.mqvio.harness.fio.IgnoredOption;
import org.mqvio.harness.fio.PlannedJob;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.CloneFailure;
import org.mqvio.harness.workload.DirectionStats;
import org.mqvio.harness.workload.IntervalSamples;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.LatencyStats;
import org.mqvio.harness.workload.RunResult;

/**
 * {@code --output-format=normal}: fio's human summary (per job: IOPS, bandwidth, slat/clat/lat, clat
 * percentiles, bandwidth and IOPS samples, latency buckets, CPU, I/O depths; per group: the run status), then
 * mqvio's own statistics for each run ({@link PathStatistics}). Times are virtual nanoseconds.
 */
public final class NormalReport {
    private NormalReport() {
    }

    public static void write(PrintWriter out, String version, JobPlan plan, List<RunResult> runs) {
        heading(out, version, plan, runs);
        writeWithoutHeading(out, plan, runs);
    }

    /**
     * The lines fio prints once before its jobs start: the runtime the times below are of, the options ignored, and
     * a line per job. {@code runs} say which runtime (they may be results so far).
     */
    public static void heading(PrintWriter out, String version, JobPlan plan, List<RunResult> runs) {
        boolean live = runs.stream().anyMatch(RunResult::isLive);
        if (live) {
            out.printf(Locale.ROOT, "mqvio-%s: live run on real threads; every time below is real (System.nanoTime,"
                    + " nanoseconds) and costs are not charged%n", version);
        } else {
            out.printf(Locale.ROOT, "mqvio-%s: deterministic simulation; every time below is virtual (simulated"
                    + " nanoseconds)%n", version);
        }
        if (!plan.unmodelled().isEmpty()) {
            out.println("mqvio: WARNING: --allow-unmodelled ignores these options, so the numbers below are NOT for the"
                    + " workload the job describes:");
            for (IgnoredOption u : plan.unmodelled()) {
                out.println("mqvio: WARNING:   " + u + ": " + u.why());
            }
        }
        for (PlannedJob j : plan.jobs()) {
            JobSpec s = j.spec();
            out.printf(Locale.ROOT, "%s: (g=%d): rw=%s, bs=(R) %dB-%dB, (W) %dB-%dB, (T) %dB-%dB, iodepth=%d, numjobs=%d%n",
                    s.name(), j.groupId(), s.rw().fioName(), s.sizes(Operation.READ).min(), s.sizes(Operation.READ).max(),
                    s.sizes(Operation.WRITE).min(), s.sizes(Operation.WRITE).max(), s.sizes(Operation.WRITE).min(),
                    s.sizes(Operation.WRITE).max(), s.iodepth(), s.numjobs());
        }
        out.flush();
    }

    /** The report after its {@link #heading}: each job's block, each group's run status, then mqvio's statistics. */
    public static void writeWithoutHeading(PrintWriter out, JobPlan plan, List<RunResult> runs) {
        writeStatus(out, plan, runs);
        mqvio(out, plan, runs);
        out.flush();
    }

    /**
     * fio's interim report ({@code --status-interval}): each job's block and each group's run status, without the
     * heading lines fio printed once at the start and without mqvio's statistics of the I/O path.
     */
    public static void writeStatus(PrintWriter out, JobPlan plan, List<RunResult> runs) {
        List<ReportedJob> entries = ReportedJob.of(plan, runs);
        for (ReportedJob e : entries) {
            job(out, e);
        }
        groups(out, entries);
        out.flush();
    }

    /** fio's submit and complete distribution line: {@code 0=0.0%, 4=100.0%, 8=0.0%, ...}. */
    private static String batchLevels(double[] shares) {
        String[] keys = {"0", "4", "8", "16", "32", "64", ">=64"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            parts.add(String.format(Locale.ROOT, "%s=%.1f%%", keys[i], shares[i]));
        }
        return String.join(", ", parts);
    }

    private static void job(PrintWriter out, ReportedJob e) {
        out.println();
        if (e.failure().isPresent()) {
            CloneFailure f = e.failure().get();
            out.printf(Locale.ROOT, "%s: %s%n", e.jobname(), f.message());
            out.printf(Locale.ROOT, "%s: (groupid=%d, jobs=%d): err=%2d (func=%s, error=%s): cpus=%s%n", e.jobname(),
                    e.groupid(), e.clones(), f.errno(), f.function(), f.error(), e.cpus());
        } else {
            out.printf(Locale.ROOT, "%s: (groupid=%d, jobs=%d): err=%2d: cpus=%s%n", e.jobname(), e.groupid(),
                    e.clones(), e.errors(), e.cpus());
        }
        if (!e.planned().description().isEmpty()) {
            out.printf(Locale.ROOT, "  Description  : [%s]%n", e.planned().description());
        }
        if (e.read().ios() > 0) {
            direction(out, "read", e.read(), e.planned().percentiles());
        }
        if (e.write().ios() > 0) {
            direction(out, "write", e.write(), e.planned().percentiles());
        }
        LatencyStats clat = e.read().clat().copy();
        clat.add(e.write().clat());
        buckets(out, "nsec", LatencyBuckets.of(clat, 1));
        buckets(out, "usec", LatencyBuckets.of(clat, 1_000));
        buckets(out, "msec", LatencyBuckets.of(clat, 1_000_000));
        out.printf(Locale.ROOT, "  cpu          : usr=%.2f%%, sys=%.2f%%, ctx=%d, majf=0, minf=0%n", 0.0, e.cpuPercent(),
                e.contextSwitches());
        long[] d = e.depthLevels();
        long total = 0;
        for (long x : d) {
            total += x;
        }
        String[] keys = {"1", "2", "4", "8", "16", "32", ">=64"};
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            parts.add(String.format(Locale.ROOT, "%s=%.1f%%", keys[i], total == 0 ? 0 : 100.0 * d[i] / total));
        }
        out.println("  IO depths    : " + String.join(", ", parts));
        out.println("     submit    : " + batchLevels(e.batches().submitShares()));
        out.println("     complete  : " + batchLevels(e.batches().reapShares()));
        out.printf(Locale.ROOT, "     issued rwts: total=%d,%d,0,0 short=0,0,0,0 dropped=0,0,0,0%n", e.read().ios(),
                e.write().ios());
        out.printf(Locale.ROOT, "     latency   : target=0, window=0, percentile=100.00%%, depth=%d%n",
                e.planned().spec().iodepth());
    }

    private static void direction(PrintWriter out, String name, DirectionStats d, double[] percentiles) {
        out.printf(Locale.ROOT, "  %s: IOPS=%s, BW=%s/s (%s/s)(%s/%dmsec)%n", name, FioUnits.count(d.iops()),
                FioUnits.binary(d.bytesPerSecond()), FioUnits.decimal(d.bytesPerSecond()), FioUnits.binary(d.bytes()),
                d.runtimeNs() / 1_000_000);
        stat(out, "    slat", d.slat());
        stat(out, "    clat", d.clat());
        stat(out, "     lat", d.lat());
        percentiles(out, d.clat(), percentiles);
        double[] bw = IntervalSamples.summary(d.samples().kibPerSecond());
        double[] io = IntervalSamples.summary(d.samples().iops());
        int n = d.samples().iops().length;
        out.printf(Locale.ROOT, "   bw (  KiB/s): min=%.0f, max=%.0f, per=100.00%%, avg=%.2f, stdev=%.2f, samples=%d%n",
                bw[0], bw[1], bw[2], bw[3], n);
        out.printf(Locale.ROOT, "   iops        : min=%5.0f, max=%5.0f, avg=%.2f, stdev=%.2f, samples=%d%n", io[0], io[1],
                io[2], io[3], n);
        out.printf(Locale.ROOT, "   (samples of %s each; times as the header says)%n", duration(d.samples().intervalNs()));
    }

    private static void stat(PrintWriter out, String label, LatencyStats s) {
        double div = 1;
        String unit = "nsec";
        double min = s.min();
        double max = s.max();
        double mean = s.mean();
        double dev = s.stddev();
        if (min > 1000 && max > 1000 && mean > 1000 && dev > 1000) {
            div = 1000;
            unit = "usec";
            if (min / 1000 > 1000 && max / 1000 > 1000 && mean / 1000 > 1000 && dev / 1000 > 1000) {
                div = 1_000_000;
                unit = "msec";
            }
        }
        out.printf(Locale.ROOT, "%s (%s): min=%.0f, max=%.0f, avg=%.2f, stdev=%.2f%n", label, unit, min / div, max / div,
                mean / div, dev / div);
    }

    private static void percentiles(PrintWriter out, LatencyStats s, double[] list) {
        if (s.count() == 0 || list.length == 0) {
            return;
        }
        long[] v = new long[list.length];
        for (int i = 0; i < list.length; i++) {
            v[i] = s.percentile(list[i]);
        }
        long minv = v[0];
        long maxv = v[v.length - 1];
        long div = 1;
        String unit = "nsec";
        if (minv > 2000 && maxv > 99_999) {
            div = 1000;
            unit = "usec";
            if (minv > 2_000_000 && maxv > 99_999_999L) {
                div = 1_000_000;
                unit = "msec";
            }
        }
        int width = Math.max(5, String.valueOf(maxv / div).length());
        out.printf(Locale.ROOT, "    clat percentiles (%s):%n", unit);
        StringBuilder line = new StringBuilder("     |");
        for (int i = 0; i < list.length; i++) {
            line.append(String.format(Locale.ROOT, " %5.2fth=[%" + width + "d]", list[i], Math.round((double) v[i] / div)));
            boolean last = i == list.length - 1;
            if (!last) {
                line.append(',');
            }
            if ((i + 1) % 4 == 0 || last) {
                out.println(line);
                line = new StringBuilder("     |");
            }
        }
    }

    private static void buckets(PrintWriter out, String unit, Map<String, Object> m) {
        String s = m.entrySet().stream().filter(e -> (Double) e.getValue() > 0)
                .map(e -> String.format(Locale.ROOT, "%s=%.2f%%", e.getKey(), Math.max(0.01, (Double) e.getValue())))
                .collect(Collectors.joining(", "));
        if (!s.isEmpty()) {
            out.printf(Locale.ROOT, "  lat (%s)   : %s%n", unit, s);
        }
    }

    private static void groups(PrintWriter out, List<ReportedJob> entries) {
        List<Integer> ids = entries.stream().map(ReportedJob::groupid).distinct().toList();
        for (int g : ids) {
            List<ReportedJob> in = entries.stream().filter(e -> e.groupid() == g).toList();
            out.println();
            out.printf(Locale.ROOT, "Run status group %d (all jobs):%n", g);
            groupLine(out, "READ", in.stream().map(ReportedJob::read).toList());
            groupLine(out, "WRITE", in.stream().map(ReportedJob::write).toList());
        }
    }

    private static void groupLine(PrintWriter out, String label, List<DirectionStats> ds) {
        long bytes = ds.stream().mapToLong(DirectionStats::bytes).sum();
        if (bytes == 0) {
            return;
        }
        long minRun = ds.stream().mapToLong(DirectionStats::runtimeNs).min().orElse(0);
        long maxRun = ds.stream().mapToLong(DirectionStats::runtimeNs).max().orElse(0);
        double bw = maxRun == 0 ? 0 : bytes * 1e9 / maxRun;
        double minBw = ds.stream().mapToDouble(DirectionStats::bytesPerSecond).min().orElse(0);
        double maxBw = ds.stream().mapToDouble(DirectionStats::bytesPerSecond).max().orElse(0);
        out.printf(Locale.ROOT, "%7s: bw=%s/s (%s/s), %s/s-%s/s (%s/s-%s/s), io=%s (%s), run=%d-%dmsec%n", label,
                FioUnits.binary(bw), FioUnits.decimal(bw), FioUnits.binary(minBw), FioUnits.binary(maxBw),
                FioUnits.decimal(minBw), FioUnits.decimal(maxBw), FioUnits.binary(bytes), FioUnits.decimal(bytes),
                minRun / 1_000_000, maxRun / 1_000_000);
    }

    private static void mqvio(PrintWriter out, JobPlan plan, List<RunResult> runs) {
        out.println();
        out.println(runs.stream().anyMatch(RunResult::isLive) ? "mqvio: inside the I/O path (live, real time)"
                : "mqvio: inside the I/O path (virtual time)");
        if (!plan.unmodelled().isEmpty()) {
            out.println("  NOT MODELLED, ignored (--allow-unmodelled): " + plan.unmodelled().stream()
                    .map(IgnoredOption::toString).collect(Collectors.joining(", ")));
        }
        if (!plan.notApplicable().isEmpty()) {
            out.println("  not applicable to a model, ignored: " + plan.notApplicable().stream()
                    .map(IgnoredOption::toString).collect(Collectors.joining(", ")));
        }
        for (String note : plan.notes()) {
            out.println("  note: " + note);
        }
        for (int b = 0; b < runs.size(); b++) {
            RunResult r = runs.get(b);
            Map<String, Object> st = PathStatistics.of(r);
            out.printf(Locale.ROOT, "  run %d (jobs %s): window %s%n", b, plan.batches().get(b).stream()
                    .map(j -> j.spec().name()).collect(Collectors.joining(", ")), duration((Long) st.get("window_ns")));
            StackConfig c = r.config();
            out.printf(Locale.ROOT, "    stack: dataplane=%s guest-block-layer=%s host-block-layer=%s device=%s"
                            + " host-cpus=%d vcpus=%d seed=%d%s%n", c.dataPlane(), c.guestBlockLayer(), c.hostBlockLayer(),
                    c.device(), c.hostCpus(), c.vcpus(), c.seed(), c.settings().isEmpty() ? ""
                            : " " + new java.util.TreeMap<>(c.settings()).entrySet().stream()
                            .map(x -> "--set " + x.getKey() + "=" + x.getValue()).collect(Collectors.joining(" ")));
            out.println("    cpu (% of one host CPU: busy+spin+poll):");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> cpu = (Map<String, Map<String, Object>>) (Map<?, ?>) st.get("cpu");
            for (Map.Entry<String, Map<String, Object>> e : cpu.entrySet()) {
                Map<String, Object> v = e.getValue();
                if ((Double) v.get("cpu_pct") < 0.05 && (Long) v.get("wakeups") == 0) {
                    continue;
                }
                out.printf(Locale.ROOT, "      %-12s %-8s %6.1f%%  (busy %.1f%%, spin %.1f%%, poll %.1f%%, %d wake-ups,"
                                + " %d context switches)%n", e.getKey(), v.get("kind"), v.get("cpu_pct"), v.get("busy_pct"),
                        v.get("spin_pct"), v.get("poll_pct"), v.get("wakeups"), v.get("context_switches"));
            }
            out.println("    per I/O: " + numbers(st.get("per_io")));
            out.println("    batches: " + numbers(st.get("batches")));
            out.println("    queue depth: " + numbers(st.get("queue_depth")));
            @SuppressWarnings("unchecked")
            Map<String, Object> locks = (Map<String, Object>) st.get("locks");
            locks.forEach((name, l) -> out.println("    lock " + name + ": " + numbers(l)));
            r.statistics().sections().forEach((section, stats) -> {
                if (!section.startsWith("lock ")) {
                    StringJoiner counters = new StringJoiner(", ");
                    stats.forEach((counter, v) -> counters.add(counter.name() + "=" + v));
                    out.println("    " + section + ": " + counters);
                }
            });
            if (r.isLive()) {
                out.printf(Locale.ROOT, "    live run: no trace digest (%d ms wall)%n", r.wallMillis());
            } else {
                out.printf(Locale.ROOT, "    trace digest: %016x (%d events, %d ms wall)%n", r.digest(), r.events(),
                        r.wallMillis());
            }
        }
    }

    private static String numbers(Object map) {
        Map<?, ?> m = (Map<?, ?>) map;
        return m.entrySet().stream().map(e -> e.getKey() + "=" + (e.getValue() instanceof Double d
                ? String.format(Locale.ROOT, d >= 100 ? "%.0f" : "%.2f", d) : String.valueOf(e.getValue())))
                .collect(Collectors.joining(", "));
    }

    /** A duration in the largest unit that shows it whole: {@code 10 ms}, {@code 1500 us}. */
    public static String duration(long ns) {
        if (ns % 1_000_000_000L == 0) {
            return ns / 1_000_000_000L + " s";
        }
        if (ns % 1_000_000L == 0) {
            return ns / 1_000_000L + " ms";
        }
        if (ns % 1_000L == 0) {
            return ns / 1_000L + " us";
        }
        return ns + " ns";
    }
}
