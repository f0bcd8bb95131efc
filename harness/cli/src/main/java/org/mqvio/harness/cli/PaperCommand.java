package org.mqvio.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.report.AtomicFile;
import org.mqvio.harness.report.FioJsonReport;
import org.mqvio.harness.report.Json;
import org.mqvio.harness.cli.chart.LineChart;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.sweep.PaperExperiment;
import org.mqvio.harness.sweep.PaperShape;
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

    @Override
    public Integer call() {
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
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "4 KB random read, iodepth %d, one vCPU per job, %d host CPUs, %s over %s and %s"
                        + " (nvme.completion=%s), simulated %s per point after a %s ramp (virtual time)%n", iodepth,
                base.hostCpus(), "baseline vs mq", base.guestBlockLayer(), base.device(),
                base.settings().get("nvme.completion"), runtime, org.mqvio.harness.report.NormalReport.duration(runtimeNs / 10));
        long wallStart = System.nanoTime();
        PaperExperiment.Result r = PaperExperiment.run(registry, base, iodepth, maxJobs, runtimeNs, threads,
                new Progress(PaperExperiment.points(maxJobs), spec.commandLine().getErr(), Progress.onTerminal()));
        long wallMs = (System.nanoTime() - wallStart) / 1_000_000;
        double[] b = r.iops("baseline");
        double[] m = r.iops("mq");
        out.printf(Locale.ROOT, "%-8s %14s %14s %8s%n", "numjobs", "baseline IOPS", "mq IOPS", "mq/base");
        for (int i = 0; i < b.length; i++) {
            out.printf(Locale.ROOT, "%-8d %14.0f %14.0f %8.2f%n", i + 1, b[i], m[i], m[i] / b[i]);
        }
        out.printf(Locale.ROOT, "Ming Lei 2014 (iodepth %d): %-18s 2 jobs %8.0f, 4 jobs %8.0f%n",
                PaperExperiment.MING_LEI_IODEPTH, r.mingLei().get(0).design(), r.mingLei().get(0).iops(),
                r.mingLei().get(1).iops());
        out.printf(Locale.ROOT, "Ming Lei 2014 (iodepth %d): %-18s 2 jobs %8.0f, 4 jobs %8.0f%n",
                PaperExperiment.MING_LEI_IODEPTH, r.mingLei().get(2).design(), r.mingLei().get(2).iops(),
                r.mingLei().get(3).iops());
        for (PaperShape.Criterion c : r.criteria()) {
            out.printf(Locale.ROOT, "  [%s] %s: %s%n", c.holds() ? "ok" : "FAIL", c.name(), c.detail());
        }
        long failed = r.criteria().stream().filter(c -> !c.holds()).count();
        out.println(PaperShape.holds(r.criteria()) ? "papers' shape: HOLDS (all " + r.criteria().size() + " criteria)"
                : "papers' shape: does NOT hold (" + failed + " of " + r.criteria().size() + " criteria fail;"
                + " the cost table is not calibrated to the papers yet)");
        List<Path> files = write(r, base, runtimeNs);
        files.forEach(f -> out.println("wrote " + f));
        out.printf(Locale.ROOT, "(%d runs, %d at a time, %.1f s wall)%n", PaperExperiment.points(maxJobs), threads,
                wallMs / 1000.0);
        out.flush();
        return failed == 0 ? 0 : CRITERION_FAILED;
    }

    private List<Path> write(PaperExperiment.Result r, StackConfig base, long runtimeNs) {
        List<Path> files = new ArrayList<>();
        try {
            Files.createDirectories(outDir);
            Path json = outDir.resolve("paper.json");
            AtomicFile.writeString(json, Json.write(document(r, base, runtimeNs)));
            files.add(json);
            Path csv = outDir.resolve("paper.csv");
            AtomicFile.writeString(csv, csv(r));
            files.add(csv);
        } catch (IOException e) {
            throw new IllegalArgumentException("--out-dir=" + outDir + " cannot be written (" + e.getMessage()
                    + "); allowed: a writable directory");
        }
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
        files.addAll(LineChart.write(outDir.resolve("paper-iops"), "4 KB random read IOPS against numjobs (simulated,"
                + " iodepth " + iodepth + ")", "numjobs (one vCPU each)", "IOPS", main));
        List<LineChart.Series> ml = new ArrayList<>();
        for (int i = 0; i < 4; i += 2) {
            ml.add(new LineChart.Series(r.mingLei().get(i).design(), List.of("2", "4"),
                    List.of(r.mingLei().get(i).iops(), r.mingLei().get(i + 1).iops())));
        }
        files.addAll(LineChart.write(outDir.resolve("ming-lei-iops"), "Ming Lei 2014 shape: 4 KB randread, iodepth "
                + PaperExperiment.MING_LEI_IODEPTH + " (simulated)", "numjobs", "IOPS", ml));
        return files;
    }

    private Map<String, Object> document(PaperExperiment.Result r, StackConfig base, long runtimeNs) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("mqvio version", Main.VERSION);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("workload", "4 KB random read, one vCPU per job");
        e.put("iodepth", iodepth);
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
        d.put("points", points(r.main()));
        d.put("ming_lei", points(r.mingLei()));
        List<Object> criteria = new ArrayList<>();
        for (PaperShape.Criterion c : r.criteria()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("criterion", c.name());
            x.put("measured", c.detail());
            x.put("holds", c.holds());
            criteria.add(x);
        }
        d.put("criteria", criteria);
        d.put("holds", PaperShape.holds(r.criteria()));
        return d;
    }

    private static List<Object> points(List<PaperExperiment.Point> ps) {
        List<Object> l = new ArrayList<>();
        for (PaperExperiment.Point p : ps) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("design", p.design());
            x.put("numjobs", p.numjobs());
            x.put("iodepth", p.iodepth());
            x.putAll(p.metrics());
            l.add(x);
        }
        return l;
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
