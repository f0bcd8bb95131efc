package org.mqvio.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.report.AtomicFile;
import org.mqvio.harness.report.FioJsonReport;
import org.mqvio.harness.report.Json;
import org.mqvio.harness.cli.chart.LineChart;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.report.NormalReport;
import org.mqvio.harness.sweep.PaperEnvelope;
import org.mqvio.harness.sweep.PaperExperiment;
import org.mqvio.harness.sweep.PaperSensitivity;
import org.mqvio.harness.sweep.PaperShape;
import org.mqvio.harness.sweep.PaperTables;
import org.mqvio.harness.sweep.ParallelRunner;
import org.mqvio.harness.sweep.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mqvio paper}: the seeds' experiment (4 KB randread, numjobs 1 to 8, {@code baseline} against
 * {@code mq}, one vCPU per job, blk-mq and an NVMe device completing at once) and Ming Lei's 2014 measurement;
 * prints the table, says whether the papers' shape holds, and writes the JSON, CSV and charts. Exits with
 * {@link #CRITERION_FAILED} when a criterion fails, so a script or CI job sees it.
 */
@Command(name = "paper", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = "The papers' experiment: 4 KB randread, numjobs 1..8, baseline vs mq; and Ming Lei's 2014"
                + " measurement. Prints the table and whether the papers' shape holds; writes paper.json, paper.csv"
                + " and charts into --out-dir.",
        exitCodeListHeading = "Exit status:%n",
        exitCodeList = {"0:every criterion holds", "2:bad input",
                PaperCommand.CRITERION_FAILED + ":a criterion fails (the files are written all the same)"})
final class PaperCommand implements Callable<Integer> {
    /** Exit status when at least one of the papers' criteria fails. */
    static final int CRITERION_FAILED = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--iodepth", defaultValue = "16", description = "I/Os in flight per job (default: ${DEFAULT-VALUE}).")
    int iodepth;

    @Option(names = "--max-jobs", defaultValue = "8", description = "Largest numjobs (default: ${DEFAULT-VALUE}).")
    int maxJobs;

    @Option(names = "--runtime", defaultValue = "100ms",
            description = "Measured simulated time per point, after a ramp of a tenth of it (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--out-dir", defaultValue = "mqvio-paper", description = "Where the files go (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--parallel", description = "Points run at once (default: the machine's cores).")
    Integer parallel;

    @Option(names = "--envelope", description = "The papers' shape over an envelope: host CPUs x iodepth (baseline and"
            + " mq at numjobs 1..--max-jobs in each cell; --envelope-host-cpus and --envelope-iodepths, not --host-cpus"
            + " and --iodepth, give the grid); prints the table, writes paper-envelope.json and .csv.")
    boolean envelope;

    @Option(names = "--envelope-host-cpus", split = ",", paramLabel = "N",
            description = "The envelope's host CPUs (default: 4,8,16).")
    List<Integer> envelopeHostCpus;

    @Option(names = "--envelope-iodepths", split = ",", paramLabel = "N",
            description = "The envelope's iodepths (default: 16,32,64,128).")
    List<Integer> envelopeIodepths;

    @Option(names = "--sensitivity", description = "Sensitivity and ablation on the cell of --host-cpus and --iodepth:"
            + " each cost at -25%% and +25%% alone, each mechanism off alone, every criterion's margin; writes"
            + " paper-sensitivity.json and .csv. Exit 3 when the table as it is or a cost variant fails a criterion.")
    boolean sensitivity;

    @Option(names = "--only", split = ",", paramLabel = "NAME",
            description = "With --sensitivity: only these cost keys and mechanisms (comma-separated).")
    Set<String> only;

    @Override
    public Integer call() {
        checkModes();
        if (iodepth < 1) {
            throw new IllegalArgumentException("--iodepth=" + iodepth + " is invalid; allowed: an integer >= 1");
        }
        long runtimeNs = Durations.parseNanos("runtime", runtime);
        if (runtimeNs < 10) {
            throw new IllegalArgumentException("--runtime=" + runtime + " is invalid; allowed: at least 10ns");
        }
        ProviderRegistry registry = ProviderRegistry.load();
        StackConfig base = PaperExperiment.stack(stack.config(1));
        Stack.costs(base);
        Stack.checkSettings(registry, base);
        int threads = parallel == null ? ParallelRunner.cores() : parallel;
        if (threads < 1) {
            throw new IllegalArgumentException("--parallel=" + threads + " is invalid; allowed: an integer >= 1");
        }
        if (envelope) {
            return envelope(registry, base, runtimeNs, threads);
        }
        if (sensitivity) {
            return sensitivity(registry, base, runtimeNs, threads);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "4 KB random read, iodepth %d, one vCPU per job, %d host CPUs, %s over %s and %s"
                        + " (nvme.completion=%s, nvme.link=%s), simulated %s per point after a %s ramp"
                        + " (virtual time)%n", iodepth, base.hostCpus(), "baseline vs mq", base.guestBlockLayer(),
                base.device(), base.settings().get("nvme.completion"), base.settings().get("nvme.link"), runtime,
                NormalReport.duration(runtimeNs / 10));
        long wallStart = System.nanoTime();
        PaperExperiment.Result r = PaperExperiment.run(registry, base, iodepth, maxJobs, runtimeNs, threads,
                new Progress(PaperExperiment.points(maxJobs), spec.commandLine().getErr(), Progress.onTerminal()));
        long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
        double[] b = r.iops("baseline");
        double[] m = r.iops("mq");
        out.printf(Locale.ROOT, "%-8s %14s %14s %8s   %s%n", "numjobs", "baseline IOPS", "mq IOPS", "mq/base",
                "baseline: IoThread busy, lock wait per I/O");
        List<PaperExperiment.Point> basePoints = r.main().stream().filter(p -> p.design().equals("baseline")).toList();
        for (int i = 0; i < b.length; i++) {
            Map<String, Object> bm = basePoints.get(i).metrics();
            out.printf(Locale.ROOT, "%-8d %14.0f %14.0f %8.2f   %5.1f%% %8.1f us%n", i + 1, b[i], m[i], m[i] / b[i],
                    ((Number) bm.get("busiest_iothread_pct")).doubleValue(),
                    ((Number) bm.get("lock_wait_ns_per_io")).doubleValue() / 1000);
        }
        out.printf(Locale.ROOT, "Ming Lei 2014 (iodepth %d): %-18s 2 jobs %8.0f, 4 jobs %8.0f%n",
                PaperExperiment.MING_LEI_IODEPTH, r.mingLei().get(0).design(), r.mingLei().get(0).iops(),
                r.mingLei().get(1).iops());
        out.printf(Locale.ROOT, "Ming Lei 2014 (iodepth %d): %-18s 2 jobs %8.0f, 4 jobs %8.0f%n",
                PaperExperiment.MING_LEI_IODEPTH, r.mingLei().get(2).design(), r.mingLei().get(2).iops(),
                r.mingLei().get(3).iops());
        double one2 = r.mingLei().get(0).iops();
        double two2 = r.mingLei().get(2).iops();
        out.printf(Locale.ROOT, "Ming Lei 2014 ratios: 2 vqs / 1 vq at 2 jobs %.3f (his %.3f), 1 vq 4 / 2 jobs %.3f (his %.3f),"
                        + " 2 vqs 4 / 2 jobs %.3f (his %.3f)%n", two2 / one2,
                PaperShape.MING_LEI_TWO_QUEUES[0] / PaperShape.MING_LEI_ONE_QUEUE[0], r.mingLei().get(1).iops() / one2,
                PaperShape.MING_LEI_ONE_QUEUE[1] / PaperShape.MING_LEI_ONE_QUEUE[0], r.mingLei().get(3).iops() / two2,
                PaperShape.MING_LEI_TWO_QUEUES[1] / PaperShape.MING_LEI_TWO_QUEUES[0]);
        for (PaperShape.Criterion c : r.criteria()) {
            out.printf(Locale.ROOT, "  [%s] %s: %s%n", c.holds() ? "ok" : "FAIL", c.name(), c.detail());
        }
        long failed = r.criteria().stream().filter(c -> !c.holds()).count();
        out.println(PaperShape.holds(r.criteria()) ? "papers' shape: HOLDS (all " + r.criteria().size() + " criteria)"
                : "papers' shape: does NOT hold (" + failed + " of " + r.criteria().size() + " criteria fail;"
                + " the cost table is not calibrated to the papers yet)");
        List<Path> files = write(r, base, runtimeNs, threads);
        files.forEach(f -> out.println("wrote " + f));
        out.printf(Locale.ROOT, "(%d runs, %d at a time, %.1f s wall)%n", PaperExperiment.points(maxJobs), threads,
                wallMs / 1000.0);
        out.flush();
        return failed == 0 ? 0 : CRITERION_FAILED;
    }

    /**
     * Writes paper.json, paper.csv and the two charts' PNG and SVG on {@code threads} threads at once (each file is
     * independent; drawing the first chart is most of this: Java 2D, fonts and image encoders start up); returns the
     * files in that order.
     */
    private List<Path> write(PaperExperiment.Result r, StackConfig base, long runtimeNs, int threads) {
        List<LineChart.Series> main = new ArrayList<>();
        for (String design : List.of("baseline", "mq")) {
            List<String> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            r.main().stream().filter(p -> p.design().equals(design)).forEach(p -> {
                xs.add(String.valueOf(p.numjobs()));
                ys.add(p.iops());
            });
            main.add(new LineChart.Series(design, xs, ys));
        }
        LineChart.Figure iops = new LineChart.Figure(outDir.resolve("paper-iops"), "4 KB random read IOPS against"
                + " numjobs (simulated, iodepth " + iodepth + ")", "numjobs (one vCPU each)", "IOPS", main);
        List<LineChart.Series> ml = new ArrayList<>();
        for (int i = 0; i < 4; i += 2) {
            ml.add(new LineChart.Series(r.mingLei().get(i).design(), List.of("2", "4"),
                    List.of(r.mingLei().get(i).iops(), r.mingLei().get(i + 1).iops())));
        }
        LineChart.Figure mingLei = new LineChart.Figure(outDir.resolve("ming-lei-iops"), "Ming Lei 2014 shape: 4 KB"
                + " randread, iodepth " + PaperExperiment.MING_LEI_IODEPTH + " (simulated)", "numjobs", "IOPS", ml);
        // The tables first: a folder that cannot be written is bad input, reported as such (ParallelRunner reports the
        // first failure in task order).
        List<Callable<List<Path>>> files = List.of(
                () -> writeFiles("paper", Json.write(document(r, base, runtimeNs)), csv(r)),
                () -> List.of(iops.png()), () -> List.of(iops.svg()),
                () -> List.of(mingLei.png()), () -> List.of(mingLei.svg()));
        try {
            return ParallelRunner.run(files, threads, i -> { }).stream().flatMap(List::stream).toList();
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof UncheckedIOException unwritable) {
                throw unwritable;
            }
            throw e;
        }
    }

    private Map<String, Object> document(PaperExperiment.Result r, StackConfig base, long runtimeNs) {
        Map<String, Object> d = header(base, runtimeNs, iodepth, base.hostCpus());
        d.put("points", PaperTables.points(r.main()));
        d.put("ming_lei", PaperTables.points(r.mingLei()));
        d.put("criteria", PaperTables.criteria(r.criteria()));
        d.put("holds", PaperShape.holds(r.criteria()));
        return d;
    }

    /**
     * What every file of {@code paper} starts with: the version, the experiment (its iodepth and host CPUs: one
     * value, or the envelope's lists), the stack and the cost table.
     */
    private Map<String, Object> header(StackConfig base, long runtimeNs, Object iodepths, Object hostCpus) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mqvio version", Main.VERSION);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("workload", "4 KB random read, one vCPU per job");
        e.put("iodepth", iodepths);
        e.put("host_cpus", hostCpus);
        e.put("ming_lei_iodepth", PaperExperiment.MING_LEI_IODEPTH);
        e.put("numjobs", "1.." + maxJobs);
        e.put("runtime_ns", runtimeNs);
        e.put("ramp_ns", runtimeNs / 10);
        e.put("time", "virtual nanoseconds");
        d.put("experiment", e);
        d.put("stack", FioJsonReport.stack(base));
        Map<String, Object> costs = new LinkedHashMap<>();
        Stack.costs(base).asMap().forEach((c, v) -> costs.put(c.key(), v));
        d.put("cost_table_ns", costs);
        return d;
    }

    private void checkModes() {
        if (envelope && sensitivity) {
            throw new IllegalArgumentException("--envelope and --sensitivity cannot be combined; allowed: one of them");
        }
        if (!envelope && (envelopeHostCpus != null || envelopeIodepths != null)) {
            throw new IllegalArgumentException("--envelope-host-cpus and --envelope-iodepths need --envelope");
        }
        if (!sensitivity && only != null) {
            throw new IllegalArgumentException("--only needs --sensitivity");
        }
        for (List<Integer> l : Arrays.asList(envelopeHostCpus, envelopeIodepths)) {
            if (l != null && (l.isEmpty() || l.stream().anyMatch(n -> n < 1))) {
                throw new IllegalArgumentException((l == envelopeHostCpus ? "--envelope-host-cpus" : "--envelope-iodepths")
                        + "=" + l + " is invalid; allowed: integers >= 1, comma-separated");
            }
        }
    }

    private int envelope(ProviderRegistry registry, StackConfig base, long runtimeNs, int threads) {
        List<Integer> cpus = envelopeHostCpus == null ? PaperEnvelope.HOST_CPUS : envelopeHostCpus;
        List<Integer> depths = envelopeIodepths == null ? PaperEnvelope.IODEPTHS : envelopeIodepths;
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "the papers' shape over an envelope: host CPUs %s x iodepth %s; in each cell 4 KB random"
                        + " read, numjobs 1..%d (one vCPU each), baseline vs mq, simulated %s per point after a %s ramp;"
                        + " default host: %d CPUs%n", cpus, depths, maxJobs, runtime,
                NormalReport.duration(runtimeNs / 10), base.hostCpus());
        int runs = PaperEnvelope.points(cpus, depths, maxJobs);
        long wallStart = System.nanoTime();
        List<PaperEnvelope.Cell> cells = PaperEnvelope.run(registry, base, cpus, depths, maxJobs, runtimeNs, threads,
                new Progress(runs, spec.commandLine().getErr(), Progress.onTerminal()));
        long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
        out.print(PaperEnvelope.table(cells));
        long failed = cells.stream().filter(c -> !c.holds()).count();
        out.println(failed == 0 ? "envelope: HOLDS (all " + cells.size() + " cells)"
                : "envelope: does NOT hold (" + failed + " of " + cells.size() + " cells fail)");
        Map<String, Object> d = header(base, runtimeNs, depths, cpus);
        d.putAll(PaperEnvelope.document(cells));
        writeFiles("paper-envelope", Json.write(d), PaperEnvelope.csv(cells)).forEach(f -> out.println("wrote " + f));
        out.printf(Locale.ROOT, "(%d runs, %d at a time, %.1f s wall)%n", runs, threads, wallMs / 1000.0);
        out.flush();
        return failed == 0 ? 0 : CRITERION_FAILED;
    }

    private int sensitivity(ProviderRegistry registry, StackConfig base, long runtimeNs, int threads) {
        PaperExperiment.checkMaxJobs(maxJobs);
        List<PaperSensitivity.Variant> variants = PaperSensitivity.variants(Stack.costs(base),
                only == null ? Set.of() : only);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "sensitivity and ablation of the papers' experiment: %d host CPUs, iodepth %d (Ming Lei's"
                        + " points at %d), numjobs 1..%d, simulated %s per point after a %s ramp; each cost at -25%% and"
                        + " +25%% alone, each mechanism off alone%n", base.hostCpus(), iodepth,
                PaperExperiment.MING_LEI_IODEPTH, maxJobs, runtime, NormalReport.duration(runtimeNs / 10));
        int runs = PaperSensitivity.points(variants.size(), maxJobs);
        long wallStart = System.nanoTime();
        List<PaperSensitivity.Row> rows = PaperSensitivity.run(registry, base, iodepth, maxJobs, runtimeNs, variants,
                threads, new Progress(runs, spec.commandLine().getErr(), Progress.onTerminal()));
        long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
        out.print(PaperSensitivity.table(rows));
        boolean holds = PaperSensitivity.holds(rows);
        out.println(holds ? "sensitivity: HOLDS (the table as it is and every cost at +-25% meet every criterion)"
                : "sensitivity: does NOT hold (the table as it is or a cost at +-25% fails a criterion)");
        Map<String, Object> d = header(base, runtimeNs, iodepth, base.hostCpus());
        d.putAll(PaperSensitivity.document(rows));
        writeFiles("paper-sensitivity", Json.write(d), PaperSensitivity.csv(rows)).forEach(f -> out.println("wrote " + f));
        out.printf(Locale.ROOT, "(%d runs, %d at a time, %.1f s wall)%n", runs, threads, wallMs / 1000.0);
        out.flush();
        return holds ? 0 : CRITERION_FAILED;
    }

    /** Writes {@code name.json} and {@code name.csv} into the output folder; returns them. */
    private List<Path> writeFiles(String name, String json, String csv) {
        try {
            Files.createDirectories(outDir);
            Path j = outDir.resolve(name + ".json");
            AtomicFile.writeString(j, json);
            Path c = outDir.resolve(name + ".csv");
            AtomicFile.writeString(c, csv);
            return List.of(j, c);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out-dir=" + outDir + " cannot be written (" + e.getMessage()
                    + "); allowed: a writable directory");
        }
    }

    private static String csv(PaperExperiment.Result r) {
        List<PaperExperiment.Point> all = new ArrayList<>(r.main());
        all.addAll(r.mingLei());
        StringBuilder sb = new StringBuilder("design,numjobs,iodepth");
        all.get(0).metrics().keySet().forEach(k -> sb.append(',').append(k));
        sb.append('\n');
        for (PaperExperiment.Point p : all) {
            sb.append(p.design()).append(',').append(p.numjobs()).append(',').append(p.iodepth());
            p.metrics().values().forEach(v -> sb.append(',').append(v instanceof Double dv
                    ? String.format(Locale.ROOT, "%.3f", dv) : String.valueOf(v)));
            sb.append('\n');
        }
        return sb.toString();
    }
}
