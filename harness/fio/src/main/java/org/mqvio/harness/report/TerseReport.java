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
 * {@code --output-format=terse} and {@code --minimal}: fio's terse versions 2 to 5, one line per report entry with
 * semicolon-separated fields in fio's order (fio 3.x stat.c, {@code show_thread_status_terse_all} and
 * {@code show_ddir_status_terse}; fio's HOWTO "Terse output"), and the job's description as a last field when it
 * has one. Version 3, fio's default, has 121 fields: the version, fio's (here mqvio's) name and version, the job's
 * name, group and error, then read and write, CPU, I/O depths and latency buckets. Version 2 starts without the
 * version string and adds trim after write (161 fields; its description goes on a line of its own); version 4 is
 * version 3 with trim (162); version 5 is version 4 with, for each direction, the number of bandwidth samples and
 * the IOPS samples' min, max, mean, deviation and number (180). The model issues no trim, so trim's fields are
 * fio's for a direction without I/O. Latencies are in microseconds and bandwidths in KiB/s, as fio prints them;
 * times are the run's (virtual in the simulation). The version field holds mqvio's name and version, as the
 * JSON's {@code "fio version"} does.
 */
public final class TerseReport {
    /** fio's default terse version. */
    public static final int DEFAULT_VERSION = 3;
    /** The terse versions fio writes, and so mqvio. */
    public static final List<Integer> VERSIONS = List.of(2, 3, 4, 5);
    /** fio's percentile slots per direction ({@code FIO_IO_U_LIST_MAX_LEN}). */
    private static final int PERCENTILE_SLOTS = 20;

    private TerseReport() {
    }

    /** Writes terse version {@link #DEFAULT_VERSION}. */
    public static void write(PrintWriter out, String version, JobPlan plan, List<RunResult> runs) {
        write(out, version, plan, runs, DEFAULT_VERSION);
    }

    /**
     * Writes terse version {@code terseVersion}.
     *
     * @throws IllegalArgumentException if it is none of {@link #VERSIONS}
     */
    public static void write(PrintWriter out, String version, JobPlan plan, List<RunResult> runs, int terseVersion) {
        if (!VERSIONS.contains(terseVersion)) {
            throw new IllegalArgumentException("--terse-version=" + terseVersion + " is invalid; allowed: 2, 3, 4, 5");
        }
        List<ReportedJob> entries = ReportedJob.of(plan, runs);
        DirectionStats noTrim = DirectionStats.sum(List.of(), 1);
        for (ReportedJob e : entries) {
            StringBuilder b = new StringBuilder();
            if (terseVersion == 2) {
                b.append("2;").append(e.jobname()).append(';').append(e.groupid()).append(';').append(0);
            } else {
                b.append(terseVersion).append(";mqvio-").append(version).append(';').append(e.jobname()).append(';')
                        .append(e.groupid()).append(';').append(0);
            }
            double[] percentiles = e.planned().percentiles();
            direction(b, e.read(), percentiles, groupKib(entries, e.groupid(), true), terseVersion);
            direction(b, e.write(), percentiles, groupKib(entries, e.groupid(), false), terseVersion);
            if (terseVersion != 3) {
                direction(b, noTrim, percentiles, 0, terseVersion);
            }
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
                b.append(terseVersion == 2 ? System.lineSeparator() : "").append(';').append(e.planned().description());
            }
            out.println(b);
        }
        out.flush();
    }

    private static double groupKib(List<ReportedJob> all, int group, boolean read) {
        return all.stream().filter(x -> x.groupid() == group)
                .mapToDouble(x -> (read ? x.read() : x.write()).bytesPerSecond()).sum() / 1024;
    }

    private static void direction(StringBuilder b, DirectionStats d, double[] percentiles, double groupKib,
                                  int terseVersion) {
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
        if (terseVersion == 5) {
            double[] iopsSamples = d.samples().iops();
            double[] s = IntervalSamples.summary(iopsSamples);
            b.append(String.format(Locale.ROOT, ";%d;%d;%d;%f;%f;%d", bw.length, Math.round(s[0]), Math.round(s[1]),
                    s[2], s[3], iopsSamples.length));
        }
    }

    /** min;max in whole microseconds, mean;stddev in microseconds; zeros for no values, as fio prints them. */
    private static void latency(StringBuilder b, LatencyStats s) {
        b.append(String.format(Locale.ROOT, ";%d;%d;%f;%f", s.min() / 1000, s.max() / 1000, s.mean() / 1000,
                s.stddev() / 1000));
    }
}
