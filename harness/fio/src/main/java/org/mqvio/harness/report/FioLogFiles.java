package org.mqvio.harness.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.mqvio.harness.fio.JobLogs;
import org.mqvio.harness.fio.JobPlan;
import org.mqvio.harness.fio.PlannedJob;
import org.mqvio.harness.workload.CloneResult;
import org.mqvio.harness.workload.CompletedIos;
import org.mqvio.harness.workload.DirectionStats;
import org.mqvio.harness.workload.FioLatencyBins;
import org.mqvio.harness.workload.RunResult;

/**
 * fio's log files ({@code write_lat_log}, {@code write_bw_log}, {@code write_iops_log}), named and written as fio
 * 3.x names and writes them (init.c {@code gen_log_name}, iolog.c {@code flush_samples}, stat.c
 * {@code add_log_sample}; fio's HOWTO, "Log File Formats"): {@code PREFIX_TYPE.N.log}, N the clone's thread
 * number (1 for the plan's first clone, counting every clone of every job in order), one line
 * {@code time, value, direction, block size, priority} per entry, or {@code time, value, direction, block size,
 * offset, priority} with {@code log_offset}. Times are whole milliseconds of the run's time (virtual in the
 * simulation) from the start of the clone's measurement window, as fio's from its job's start after the ramp.
 *
 * <p>Without {@code log_avg_msec}: one line per I/O. Latencies in ns (slat at submission, clat and lat at the
 * reap); bandwidth as fio's per-I/O sample, the I/O's bytes over its completion latency
 * ({@code bytes * 1000000 / clat_ns}); IOPS a 1 per I/O. With {@code log_avg_msec=W}: the latency logs hold, per
 * direction, the mean of the values since the last entry, written
 * by the first I/O at least W ms after that entry's window start and once more at the end, with block size and
 * offset 0, as fio's inline averaging does; the bandwidth (KiB/s) and IOPS logs hold each direction's rate over
 * each whole window of W ms that had I/O in it, at the window's end, with the job's block size. The priority is
 * always 0: the model has no I/O priorities.
 *
 * <p>{@code write_hist_log} writes {@code PREFIX_clat_hist.N.log}: see {@link #histogram}.
 */
public final class FioLogFiles {
    private FioLogFiles() {
    }

    /** Writes the logs of {@code plan}'s jobs run as {@code runs} into {@code dir}; returns the files written. */
    public static List<Path> write(Path dir, JobPlan plan, List<RunResult> runs) {
        List<Path> written = new ArrayList<>();
        int thread = 0;
        for (int b = 0; b < runs.size(); b++) {
            List<PlannedJob> batch = plan.batches().get(b);
            for (int j = 0; j < batch.size(); j++) {
                PlannedJob job = batch.get(j);
                for (CloneResult clone : runs.get(b).jobs().get(j).clones()) {
                    thread++;
                    write(dir, job, clone, thread, written);
                }
            }
        }
        return written;
    }

    private static void write(Path dir, PlannedJob job, CloneResult clone, int thread, List<Path> written) {
        JobLogs logs = job.logs();
        if (!logs.any()) {
            return;
        }
        Direction[] dirs = {new Direction(0, clone.read()), new Direction(1, clone.write())};
        long endMs = (clone.windowEndNs() - clone.windowStartNs()) / 1_000_000;
        int bs = job.spec().blockSize();
        boolean off = logs.offset();
        if (logs.latPrefix().isPresent()) {
            String p = logs.latPrefix().get();
            file(dir, p, "lat", thread, latency(dirs, logs, endMs, CompletedIos::latNs, CompletedIos::reapNs), off,
                    written);
            file(dir, p, "slat", thread, latency(dirs, logs, endMs, CompletedIos::slatNs, CompletedIos::issueNs), off,
                    written);
            file(dir, p, "clat", thread, latency(dirs, logs, endMs, CompletedIos::clatNs, CompletedIos::reapNs), off,
                    written);
        }
        if (logs.bwPrefix().isPresent()) {
            List<Entry> bw = logs.avgMs() == 0
                    ? perIo(dirs, (c, i) -> c.clatNs(i) == 0 ? 0 : c.bytes(i) * 1_000_000 / c.clatNs(i), CompletedIos::reapNs)
                    : rates(dirs, logs, endMs, bs, true);
            file(dir, logs.bwPrefix().get(), "bw", thread, bw, off, written);
        }
        if (logs.iopsPrefix().isPresent()) {
            List<Entry> iops = logs.avgMs() == 0 ? perIo(dirs, (c, i) -> 1, CompletedIos::reapNs)
                    : rates(dirs, logs, endMs, bs, false);
            file(dir, logs.iopsPrefix().get(), "iops", thread, iops, off, written);
        }
        if (logs.hist().prefix().isPresent()) {
            file(dir, logs.hist().prefix().get(), "clat_hist", thread, histogram(dirs, logs.hist()), written);
        }
    }

    /**
     * fio's completion latency histogram log (stat.c {@code add_clat_sample}, iolog.c {@code flush_hist_samples}):
     * per direction, the first I/O reaped at least {@code msec} after the direction's last entry (or its first
     * I/O) writes a line {@code time, direction, block size, bin, bin, ...} with the I/Os reaped since that entry
     * (itself included) in fio's latency bins ({@link FioLatencyBins}), 2^coarseness bins summed per field; the next
     * entry is due {@code msec} after this one was due, as fio keeps its windows from drifting. Nothing is written
     * for a last, partial window, and the file is empty without {@code log_hist_msec}, as in fio.
     */
    private static String histogram(Direction[] dirs, JobLogs.HistLog hist) {
        if (hist.msec() == 0) {
            return "";
        }
        int stride = 1 << hist.coarseness();
        List<Line> lines = new ArrayList<>();
        for (Direction d : dirs) {
            CompletedIos c = d.ios();
            long[] bins = new long[FioLatencyBins.COUNT];
            long lastMs = 0;
            for (int i = 0; i < c.size(); i++) {
                bins[FioLatencyBins.index(Math.max(0, c.clatNs(i)))]++;
                long atNs = Math.max(0, c.reapNs(i));
                long elapsedMs = atNs / 1_000_000;
                if (lastMs == 0) {
                    lastMs = elapsedMs;
                }
                long windowMs = elapsedMs - lastMs;
                if (windowMs >= hist.msec()) {
                    StringBuilder b = new StringBuilder();
                    b.append(elapsedMs).append(", ").append(d.ddir()).append(", ").append(c.bytes(i));
                    for (int j = 0; j < FioLatencyBins.COUNT; j += stride) {
                        long sum = 0;
                        for (int k = j; k < j + stride; k++) {
                            sum += bins[k];
                        }
                        b.append(", ").append(sum);
                    }
                    lines.add(new Line(atNs, b.append('\n').toString()));
                    Arrays.fill(bins, 0);
                    lastMs = elapsedMs - (windowMs - hist.msec());
                }
            }
        }
        lines.sort(Comparator.comparingLong(Line::atNs));
        StringBuilder text = new StringBuilder();
        lines.forEach(l -> text.append(l.text()));
        return text.toString();
    }

    /** A log line written for an event at {@code atNs}. */
    private record Line(long atNs, String text) {
    }

    /** One direction's I/Os: fio's direction number (0 read, 1 write). */
    private record Direction(int ddir, DirectionStats stats) {
        CompletedIos ios() {
            return stats.completedIos().orElseThrow(() -> new IllegalStateException("the run kept no I/Os for the log"));
        }
    }

    /** One line of a log, for an event at {@code atNs}. */
    private record Entry(long atNs, long timeMs, long value, int ddir, long bs, long offset) {
        Entry(long timeMs, long value, int ddir, long bs, long offset) {
            this(timeMs * 1_000_000, timeMs, value, ddir, bs, offset);
        }
    }

    /** A figure of I/O {@code i}. */
    @FunctionalInterface
    private interface PerIo {
        long of(CompletedIos ios, int i);
    }

    private static List<Entry> latency(Direction[] dirs, JobLogs logs, long endMs, PerIo value, PerIo atNs) {
        return logs.avgMs() == 0 ? perIo(dirs, value, atNs) : averaged(dirs, logs, endMs, value, atNs);
    }

    private static List<Entry> perIo(Direction[] dirs, PerIo value, PerIo atNs) {
        List<Entry> out = new ArrayList<>();
        for (Direction d : dirs) {
            CompletedIos c = d.ios();
            for (int i = 0; i < c.size(); i++) {
                long at = Math.max(0, atNs.of(c, i));
                out.add(new Entry(at, at / 1_000_000, value.of(c, i), d.ddir(), c.bytes(i), c.offsetBytes(i)));
            }
        }
        out.sort(Comparator.comparingLong(Entry::atNs));
        return out;
    }

    /** fio's inline averaging of a latency log (stat.c {@code add_log_sample}, {@code finalize_logs}). */
    private static List<Entry> averaged(Direction[] dirs, JobLogs logs, long endMs, PerIo value, PerIo atNs) {
        List<Entry> samples = perIo(dirs, value, atNs);
        long[] last = new long[2];
        long[] n = new long[2];
        double[] sum = new double[2];
        List<Entry> out = new ArrayList<>();
        for (Entry s : samples) {
            int d = s.ddir();
            n[d]++;
            sum[d] += s.value();
            if (s.timeMs() >= last[d] && s.timeMs() - last[d] >= logs.avgMs()) {
                out.add(flush(s.timeMs(), d, n, sum));
                last[d] = s.timeMs() - s.timeMs() % logs.avgMs();
            }
        }
        for (int d = 0; d < 2; d++) {
            if (n[d] > 0) {
                out.add(flush(endMs, d, n, sum));
            }
        }
        return out;
    }

    private static Entry flush(long timeMs, int d, long[] n, double[] sum) {
        long v = (long) (sum[d] / n[d] + 0.5);
        n[d] = 0;
        sum[d] = 0;
        return new Entry(timeMs, v, d, 0, 0);
    }

    /** Bandwidth (KiB/s) or IOPS over each whole window with I/O, per direction, at the window's end. */
    private static List<Entry> rates(Direction[] dirs, JobLogs logs, long endMs, int bs, boolean bandwidth) {
        long w = logs.avgMs();
        int windows = (int) Math.min(Integer.MAX_VALUE - 8, endMs / w);
        long[][] amount = new long[2][windows];
        for (Direction d : dirs) {
            CompletedIos c = d.ios();
            for (int i = 0; i < c.size(); i++) {
                long k = c.reapNs(i) / 1_000_000 / w;
                if (k < windows) {
                    amount[d.ddir()][(int) k] += bandwidth ? c.bytes(i) : 1;
                }
            }
        }
        List<Entry> out = new ArrayList<>();
        for (int k = 0; k < windows; k++) {
            for (int d = 0; d < 2; d++) {
                long a = amount[d][k];
                if (a > 0) {
                    out.add(new Entry((k + 1) * w, bandwidth ? a * 1000 / w / 1024 : a * 1000 / w, d, bs, 0));
                }
            }
        }
        return out;
    }

    private static void file(Path dir, String prefix, String type, int thread, List<Entry> entries, boolean offset,
                             List<Path> written) {
        StringBuilder b = new StringBuilder();
        for (Entry e : entries) {
            b.append(e.timeMs()).append(", ").append(e.value()).append(", ").append(e.ddir()).append(", ").append(e.bs());
            if (offset) {
                b.append(", ").append(e.offset());
            }
            b.append(", 0\n");
        }
        file(dir, prefix, type, thread, b, written);
    }

    private static void file(Path dir, String prefix, String type, int thread, CharSequence text, List<Path> written) {
        Path f = dir.resolve(prefix + "_" + type + "." + thread + ".log");
        try {
            Files.writeString(f, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(f + " cannot be written (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); allowed: a log file prefix in a writable directory", e);
        }
        written.add(f);
    }
}
