package org.mqvio.harness.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.mqvio.harness.fio.JobPlan;
import org.mqvio.harness.workload.DirectionStats;
import org.mqvio.harness.workload.IntervalSamples;
import org.mqvio.harness.workload.LatencyStats;
import org.mqvio.harness.workload.RunResult;

/**
 * {@code --output-format=terse} and {@code --minimal}: fio's terse version 3, one line per report entry with
 * fio's 121 semicolon-separated fields in fio's order (fio 3.x stat.c, {@code show_thread_status_terse_all} and
 * {@code show_ddir_status_terse}; fio's HOWTO "Terse output"), and the job's description as a 122nd when it has
 * one. Latencies are in microseconds and bandwidths in KiB/s, as fio prints them; times are the run's (virtual in
 * the simulation). The version field holds mqvio's name and version, as the JSON's {@code "fio version"} does.
 */
public final class TerseReport {
    /** The terse version written. */
    public static final int VERSION = 3;
    /** fio's percentile slots per direction ({@code FIO_IO_U_LIST_MAX_LEN}). */
    private static final int PERCENTILE_SLOTS = 20;

    private TerseReport() {
    }

    public static void write(PrintWriter out, String version, JobPlan plan, List<RunResult> runs) {
        List<ReportedJob> entries = ReportedJob.of(plan, runs);
        for (ReportedJob e : entries) {
            StringBuilder b = new StringBuilder();
            b.append(VERSION).append(";mqvio-").append(version).append(';').append(e.jobname()).append(';')
                    .append(e.groupid()).append(';').append(0);
            double[] percentiles = e.planned().percentiles();
            direction(b, e.read(), percentiles, groupKib(entries, e.groupid(), true));
            direction(b, e.write(), percentiles, groupKib(entries, e.groupid(), false));
            b.append(String.format(Locale.ROOT, ";%f%%;%f%%;%d;%d;%d", 0.0, e.cpuPercent(), e.contextSwitches(), 0, 0));
            for (Object share : FioJsonReport.depthLevels(e.depthLevels()).values()) {
                b.append(String.format(Locale.ROOT, ";%3.1f%%", (double) share));
            }
            LatencyStats clat = e.read().clat().copy();
            clat.add(e.write().clat());
            double below1us = LatencyBuckets.of(clat, 1).values().stream().mapToDouble(v -> (double) v).sum();
            boolean first = true;
            for (Object share : LatencyBuckets.of(clat, 1_000).values()) {
                b.append(String.format(Locale.ROOT, ";%3.2f%%", (double) share + (first ? below1us : 0)));
                first = false;
            }
            for (Object share : LatencyBuckets.of(clat, 1_000_000).values()) {
                b.append(String.format(Locale.ROOT, ";%3.2f%%", (double) share));
            }
            if (!e.planned().description().isEmpty()) {
                b.append(';').append(e.planned().description());
            }
            out.println(b);
        }
        out.flush();
    }

    private static double groupKib(List<ReportedJob> all, int group, boolean read) {
        return all.stream().filter(x -> x.groupid() == group)
                .mapToDouble(x -> (read ? x.read() : x.write()).bytesPerSecond()).sum() / 1024;
    }

    private static void direction(StringBuilder b, DirectionStats d, double[] percentiles, double groupKib) {
        long runtimeMs = d.runtimeNs() / 1_000_000;
        long kib = runtimeMs == 0 ? 0 : 1000 * d.bytes() / runtimeMs / 1024;
        long iops = runtimeMs == 0 ? 0 : 1000 * d.ios() / runtimeMs;
        b.append(String.format(Locale.ROOT, ";%d;%d;%d;%d", d.bytes() >> 10, kib, iops, runtimeMs));
        latency(b, d.slat());
        latency(b, d.clat());
        for (int i = 0; i < PERCENTILE_SLOTS; i++) {
            if (i < percentiles.length) {
                b.append(String.format(Locale.ROOT, ";%f%%=%d", percentiles[i], d.clat().percentile(percentiles[i]) / 1000));
            } else {
                b.append(";0%=0");
            }
        }
        latency(b, d.lat());
        double[] bw = d.samples().kibPerSecond();
        if (bw.length == 0) {
            b.append(String.format(Locale.ROOT, ";%d;%d;%f%%;%f;%f", 0, 0, 0.0, 0.0, 0.0));
        } else {
            double[] s = IntervalSamples.summary(bw);
            double ofGroup = groupKib == 0 ? 100.0 : Math.min(100.0, s[2] * 100 / groupKib);
            b.append(String.format(Locale.ROOT, ";%d;%d;%f%%;%f;%f", Math.round(s[0]), Math.round(s[1]), ofGroup,
                    s[2], s[3]));
        }
    }

    /** min;max in whole microseconds, mean;stddev in microseconds; zeros for no values, as fio prints them. */
    private static void latency(StringBuilder b, LatencyStats s) {
        b.append(String.format(Locale.ROOT, ";%d;%d;%f;%f", s.min() / 1000, s.max() / 1000, s.mean() / 1000,
                s.stddev() / 1000));
    }
}
