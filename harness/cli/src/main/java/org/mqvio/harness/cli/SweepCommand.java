package org.mqvio.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.sweep.ParallelRunner;
import org.mqvio.harness.sweep.PointRow;
import org.mqvio.harness.sweep.Progress;
import org.mqvio.harness.sweep.Sweep;
import org.mqvio.harness.cli.chart.SweepCharts;
import org.mqvio.harness.sweep.SweepFiles;
import org.mqvio.harness.sweep.SweepHeader;
import org.mqvio.harness.sweep.SweepJournal;
import org.mqvio.harness.sweep.SweepParameter;
import org.mqvio.harness.sweep.SweepSpec;
import org.mqvio.harness.workload.RunControl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mqvio sweep}: a job run at every combination of the swept parameters' values, each point an independent
 * simulation run, in parallel; CSV, JSON lines and charts; {@code --shard=I/N} runs one slice for a batch system.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        description = {"Run a job (job files and fio options, as 'run' takes them) at every combination of the"
                + " --vary parameters; write points.csv, points.jsonl and METRIC-vs-X.png/.svg charts (one line per"
                + " design) into --out-dir."},
        footer = {"", "Examples:",
                "  mqvio sweep --rw=randread --iodepth=16 --runtime=50ms --vary numjobs=1..8 --vary dataplane=baseline,mq",
                "  mqvio sweep job.fio --vary cost.ticket_per_waiter=250,500,1000 --vary host-cpus=4,8 --metric=iops,clat_p99_us",
                "  mqvio sweep ... --shard=$SLURM_ARRAY_TASK_ID/16 --out-dir=shards   (then: mqvio sweep-merge shards)"})
final class SweepCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Mixin
    ModeOptions mode;

    @Option(names = "--vary", paramLabel = "NAME=VALUES", required = true,
            description = "A swept parameter and its values (V1,V2,... or A..B): a fio option (numjobs, iodepth, bs,"
                    + " ...), a stack option (dataplane, host-cpus, ...) or a --set NAME; repeatable.")
    List<String> vary = new ArrayList<>();

    @Option(names = "--x", description = "The parameter on the charts' x axis (default: the first --vary).")
    String x;

    @Option(names = "--metric", split = ",", defaultValue = "iops",
            description = "Metrics to chart against x (default: ${DEFAULT-VALUE}); the CSV always holds them all.")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--out-dir", defaultValue = "mqvio-sweep", description = "Where the files go (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--parallel", description = "Points run at once (default: the machine's cores).")
    Integer parallel;

    @Option(names = "--shard", paramLabel = "I/N", description = "Run only the points with index mod N = I (0 <= I < N)"
            + " and write points-shard-I-of-N.*; join the shards with 'mqvio sweep-merge'.")
    String shard;

    @Option(names = "--resume", paramLabel = "DIR", description = "Finish the interrupted sweep whose files are in DIR"
            + " (its --out-dir): give the same job, stack and --vary; the points already there are kept, only the"
            + " missing ones run, and the files end as an uninterrupted sweep writes them.")
    Path resume;

    @Option(names = "--max-points", paramLabel = "K", description = "Run at most K of the missing points, then stop"
            + " with the files holding them (finish later with --resume).")
    Integer maxPoints;

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "JOBFILE|--OPTION=VALUE", description = "fio job files and fio options, in any order.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        mode.requireSimulation();
        int[] sh = shard == null ? new int[] {0, 1} : parseShard(shard);
        Path dir = directory();
        OutputPaths.checkDirectory(resume != null ? "--resume" : "--out-dir", dir);
        if (maxPoints != null && maxPoints < 1) {
            throw new IllegalArgumentException("--max-points=" + maxPoints + " is invalid; allowed: a whole number >= 1");
        }
        NameCheck.options(spec, args);
        List<SweepParameter> params = vary.stream().map(SweepParameter::parse).toList();
        SweepSpec sweep = new SweepSpec(args, stack.config(1), mode.vcpus, params, x == null ? params.get(0).name() : x,
                metrics);
        ProviderRegistry registry = ProviderRegistry.load();
        NameCheck.stack(registry, sweep.points().stream().map(sweep::stackFor).toList());
        int threads = parallel == null ? ParallelRunner.cores() : parallel;
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SweepHeader header = Sweep.header(Main.VERSION, sweep, sh[0], sh[1]);
        String base = sh[1] == 1 ? SweepFiles.WHOLE : SweepFiles.shardName(sh[0], sh[1]);
        List<PointRow> kept = resume == null ? List.of() : SweepFiles.resumable(dir, base, header);
        int count = (int) sweep.points().stream().filter(p -> p.index() % sh[1] == sh[0]).count();
        out.printf(Locale.ROOT, "mqvio sweep: %d points%s%s, %d at a time, simulated (virtual time)%n", count,
                sh[1] == 1 ? "" : " (shard " + sh[0] + "/" + sh[1] + " of " + sweep.points().size() + ")",
                kept.isEmpty() ? "" : " (" + kept.size() + " kept from " + dir + ")", threads);
        out.flush();
        RunControl control = main.runControl();
        AtomicInteger ran = new AtomicInteger();
        List<PointRow> rows = new ArrayList<>(kept);
        try (SweepJournal journal = new SweepJournal(dir, base, header, kept)) {
            rows.addAll(Sweep.run(registry, sweep, System.getenv(), sh[0], sh[1], threads,
                    new Progress(count - kept.size(), err, Progress.onTerminal()),
                    kept.stream().map(PointRow::index).collect(Collectors.toSet()), row -> {
                        journal.append(row);
                        if (maxPoints != null && ran.incrementAndGet() >= maxPoints) {
                            control.requestStop();
                        }
                    }, control));
        }
        rows.sort(Comparator.comparingInt(PointRow::index));
        if (rows.size() < count) {
            String kept2 = rows.size() + " of " + count + " points are in " + dir.resolve(base + ".jsonl") + " and .csv;"
                    + " to finish: the same command with --resume=" + dir;
            if (maxPoints != null && ran.get() >= maxPoints) {
                out.println("mqvio sweep: stopped after --max-points=" + maxPoints + "; " + kept2);
                out.flush();
                return 0;
            }
            return Main.interrupted(control, err, kept2);
        }
        printTable(out, header, rows);
        List<Path> files = new ArrayList<>(SweepFiles.write(dir, base, header, rows));
        if (sh[1] == 1) {
            files.addAll(SweepCharts.write(dir, header, rows));
        }
        files.forEach(f -> out.println("wrote " + f));
        if (sh[1] > 1) {
            out.println("when every shard is done: mqvio sweep-merge " + dir);
        }
        out.flush();
        return 0;
    }

    /** The sweep's directory: --out-dir, or --resume's (both only when they agree). */
    private Path directory() {
        if (resume == null) {
            return outDir;
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--out-dir")
                && !outDir.toAbsolutePath().normalize().equals(resume.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("--resume=" + resume + " and --out-dir=" + outDir + " name different"
                    + " directories; allowed: --resume=DIR alone (the files are finished in DIR)");
        }
        return resume;
    }

    static int[] parseShard(String text) {
        String allowed = "; allowed: I/N with whole numbers 0 <= I < N, e.g. --shard=0/4";
        int slash = text.indexOf('/');
        try {
            if (slash < 0) {
                throw new NumberFormatException();
            }
            int i = Integer.parseInt(text.substring(0, slash).strip());
            int n = Integer.parseInt(text.substring(slash + 1).strip());
            if (n < 1 || i < 0 || i >= n) {
                throw new IllegalArgumentException("--shard=" + text + " is invalid" + allowed);
            }
            return new int[] {i, n};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--shard=" + text + " is invalid" + allowed);
        }
    }

    /** The points as a table: parameters, IOPS and p99 completion latency. */
    static void printTable(PrintWriter out, SweepHeader header, List<PointRow> rows) {
        StringBuilder h = new StringBuilder(String.format(Locale.ROOT, "%-6s", "point"));
        header.parameters().forEach(p -> h.append(String.format(Locale.ROOT, " %-14s", p.name())));
        h.append(String.format(Locale.ROOT, " %14s %12s", "iops", "clat_p99_us"));
        out.println(h);
        for (PointRow r : rows) {
            StringBuilder l = new StringBuilder(String.format(Locale.ROOT, "%-6d", r.index()));
            header.parameters().forEach(p -> l.append(String.format(Locale.ROOT, " %-14s", r.parameters().get(p.name()))));
            l.append(String.format(Locale.ROOT, " %14.0f %12.2f", ((Number) r.metrics().get("iops")).doubleValue(),
                    ((Number) r.metrics().get("clat_p99_us")).doubleValue()));
            out.println(l);
        }
    }
}
