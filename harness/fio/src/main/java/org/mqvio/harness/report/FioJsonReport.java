package org.mqvio.harness.report;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mqvio.harness.fio.JobPlan;
import org.mqvio.harness.fio.JobPlanner;
import org.mqvio.harness.fio.IgnoredOption;
import org.mqvio.harness.fio.PlannedJob;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.CloneFailure;
import org.mqvio.harness.workload.DirectionStats;
import org.mqvio.harness.workload.IntervalSamples;
import org.mqvio.harness.workload.LatencyStats;
import org.mqvio.harness.workload.RunResult;

/**
 * {@code --output-format=json}: fio's JSON, key for key where fio has the key ({@code "fio version"} holds
 * mqvio's name and version), so that a script written for fio's JSON reads it unchanged; plus an
 * {@code mqvio} object with each run's stack, cost table and {@link PathStatistics}. Times are virtual.
 */
public final class FioJsonReport {
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    private FioJsonReport() {
    }

    /** The whole document for {@code plan} run as {@code runs}, stamped at {@code now}. */
    public static Map<String, Object> of(String version, JobPlan plan, List<RunResult> runs, Instant now) {
        List<ReportedJob> entries = ReportedJob.of(plan, runs);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("fio version", "mqvio-" + version);
        doc.put("timestamp", now.getEpochSecond());
        doc.put("timestamp_ms", now.toEpochMilli());
        doc.put("time", CTIME.format(now.atZone(ZoneId.systemDefault())));
        if (!plan.globalOptions().isEmpty()) {
            doc.put("global options", new LinkedHashMap<>(plan.globalOptions()));
        }
        List<Object> jobs = new ArrayList<>();
        for (ReportedJob e : entries) {
            jobs.add(job(e, entries));
        }
        doc.put("jobs", jobs);
        doc.put("disk_util", List.of());
        doc.put("mqvio", mqvio(version, plan, runs));
        return doc;
    }

    private static Map<String, Object> job(ReportedJob e, List<ReportedJob> all) {
        PlannedJob planned = e.planned();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("jobname", e.jobname());
        j.put("groupid", e.groupid());
        j.put("error", e.failure().map(CloneFailure::errno).orElse(0));
        j.put("eta", 0);
        j.put("elapsed", Math.max(1, Math.round(e.run().windowEndNs() / 1e9)));
        j.put("job options", new LinkedHashMap<>(planned.options()));
        if (!planned.description().isEmpty()) {
            j.put("desc", planned.description());
        }
        double readGroupBw = groupBandwidth(all, e.groupid(), true);
        double writeGroupBw = groupBandwidth(all, e.groupid(), false);
        j.put("read", direction(e.read(), planned.percentiles(), readGroupBw));
        j.put("write", direction(e.write(), planned.percentiles(), writeGroupBw));
        j.put("trim", direction(null, planned.percentiles(), 0));
        Map<String, Object> sync = new LinkedHashMap<>();
        sync.put("total_ios", 0);
        sync.put("lat_ns", latency(new LatencyStats(), null));
        j.put("sync", sync);
        j.put("job_runtime", Math.max(e.read().runtimeNs(), e.write().runtimeNs()) / 1_000_000);
        j.put("usr_cpu", 0.0);
        j.put("sys_cpu", e.cpuPercent());
        j.put("ctx", e.contextSwitches());
        j.put("majf", 0);
        j.put("minf", 0);
        j.put("iodepth_level", depthLevels(e.depthLevels()));
        j.put("iodepth_submit", batchLevels(e.batches().submitShares()));
        j.put("iodepth_complete", batchLevels(e.batches().reapShares()));
        LatencyStats clat = e.read().clat().copy();
        clat.add(e.write().clat());
        j.put("latency_ns", LatencyBuckets.of(clat, 1));
        j.put("latency_us", LatencyBuckets.of(clat, 1_000));
        j.put("latency_ms", LatencyBuckets.of(clat, 1_000_000));
        j.put("latency_depth", planned.spec().iodepth());
        j.put("latency_target", 0);
        j.put("latency_percentile", 100.0);
        j.put("latency_window", 0);
        return j;
    }

    private static double groupBandwidth(List<ReportedJob> all, int group, boolean read) {
        return all.stream().filter(x -> x.groupid() == group)
                .mapToDouble(x -> (read ? x.read() : x.write()).bytesPerSecond()).sum();
    }

    /** One direction's block; {@code d == null} gives fio's block for a direction without I/O. */
    static Map<String, Object> direction(DirectionStats d, double[] percentiles, double groupBytesPerSecond) {
        Map<String, Object> m = new LinkedHashMap<>();
        long bytes = d == null ? 0 : d.bytes();
        double bps = d == null ? 0 : d.bytesPerSecond();
        m.put("io_bytes", bytes);
        m.put("io_kbytes", bytes / 1024);
        m.put("bw_bytes", Math.round(bps));
        m.put("bw", Math.round(bps / 1024));
        m.put("iops", d == null ? 0.0 : d.iops());
        m.put("runtime", d == null || d.ios() == 0 ? 0 : d.runtimeNs() / 1_000_000);
        m.put("total_ios", d == null ? 0 : d.ios());
        m.put("short_ios", 0);
        m.put("drop_ios", 0);
        m.put("slat_ns", latency(d == null ? new LatencyStats() : d.slat(), null));
        m.put("clat_ns", latency(d == null ? new LatencyStats() : d.clat(), percentiles));
        m.put("lat_ns", latency(d == null ? new LatencyStats() : d.lat(), null));
        double[] bw = d == null ? new double[0] : d.samples().kibPerSecond();
        double[] io = d == null ? new double[0] : d.samples().iops();
        double[] bwS = IntervalSamples.summary(bw);
        double[] ioS = IntervalSamples.summary(io);
        m.put("bw_min", Math.round(bwS[0]));
        m.put("bw_max", Math.round(bwS[1]));
        m.put("bw_agg", groupBytesPerSecond == 0 ? 0.0 : 100.0 * bps / groupBytesPerSecond);
        m.put("bw_mean", bwS[2]);
        m.put("bw_dev", bwS[3]);
        m.put("bw_samples", bw.length);
        m.put("iops_min", Math.round(ioS[0]));
        m.put("iops_max", Math.round(ioS[1]));
        m.put("iops_mean", ioS[2]);
        m.put("iops_stddev", ioS[3]);
        m.put("iops_samples", io.length);
        return m;
    }

    private static Map<String, Object> latency(LatencyStats s, double[] percentiles) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", s.min());
        m.put("max", s.max());
        m.put("mean", s.mean());
        m.put("stddev", s.stddev());
        m.put("N", s.count());
        if (percentiles != null && s.count() > 0) {
            Map<String, Object> p = new LinkedHashMap<>();
            for (double q : percentiles) {
                p.put(JobPlanner.percentileKey(q), s.percentile(q));
            }
            m.put("percentile", p);
        }
        return m;
    }

    private static Map<String, Object> depthLevels(long[] levels) {
        String[] keys = {"1", "2", "4", "8", "16", "32", ">=64"};
        long total = 0;
        for (long l : levels) {
            total += l;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            m.put(keys[i], total == 0 ? 0.0 : 100.0 * levels[i] / total);
        }
        return m;
    }

    /** Every I/O is submitted, and reaped, on its own: fio's "1-4 per call" bucket holds them all. */
    private static Map<String, Object> batchLevels(double[] shares) {
        Map<String, Object> m = new LinkedHashMap<>();
        String[] keys = {"0", "4", "8", "16", "32", "64", ">=64"};
        for (int i = 0; i < keys.length; i++) {
            m.put(keys[i], shares[i]);
        }
        return m;
    }

    private static Map<String, Object> mqvio(String version, JobPlan plan, List<RunResult> runs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        if (runs.stream().anyMatch(RunResult::isLive)) {
            m.put("mode", "live");
            m.put("time", "real nanoseconds: every time, latency and rate is measured with System.nanoTime on real"
                    + " threads; costs are not charged");
        } else {
            m.put("mode", "sim");
            m.put("time", "virtual nanoseconds: every time, latency and rate is measured on the simulation's clock");
        }
        m.put("not_applicable", listed(plan.notApplicable()));
        m.put("unmodelled", listed(plan.unmodelled()));
        m.put("notes", new ArrayList<Object>(plan.notes()));
        List<Object> rs = new ArrayList<>();
        for (int b = 0; b < runs.size(); b++) {
            RunResult r = runs.get(b);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("jobs", plan.batches().get(b).stream().map(j -> (Object) j.spec().name()).toList());
            run.put("stack", stack(r.config()));
            Map<String, Object> costs = new LinkedHashMap<>();
            r.costs().asMap().forEach((c, v) -> costs.put(c.key(), v));
            run.put("cost_table_ns", costs);
            run.put("digest", String.format(Locale.ROOT, "%016x", r.digest()));
            run.put("events", r.events());
            run.put("statistics", PathStatistics.of(r));
            rs.add(run);
        }
        m.put("runs", rs);
        return m;
    }

    /** Options the run ignored: each with its name, value, where it was given and why it was ignored. */
    private static List<Object> listed(List<IgnoredOption> options) {
        List<Object> list = new ArrayList<>();
        for (IgnoredOption n : options) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("option", n.option());
            e.put("value", n.value());
            e.put("origin", n.origin().toString());
            e.put("why", n.why());
            list.add(e);
        }
        return list;
    }

    /** The stack of {@code c} as the JSON shows it. */
    public static Map<String, Object> stack(StackConfig c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("dataplane", c.dataPlane());
        s.put("guest_block_layer", c.guestBlockLayer());
        s.put("host_block_layer", c.hostBlockLayer());
        s.put("device", c.device());
        s.put("host_cpus", c.hostCpus());
        s.put("vcpus", c.vcpus());
        s.put("seed", c.seed());
        s.put("settings", new LinkedHashMap<String, Object>(new java.util.TreeMap<>(c.settings())));
        return s;
    }
}
