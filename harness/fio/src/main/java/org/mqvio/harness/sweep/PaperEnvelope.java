package org.mqvio.harness.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;

/**
 * The papers' shape over an envelope of hosts and iodepths (issue 14): every cell is {@link PaperExperiment#cell}
 * (baseline and mq at numjobs 1 to N, one vCPU each, 4 KB randread) on one host CPU count and iodepth, checked
 * against {@link PaperShape#envelope}; the default host is the stack's own host CPU count. Every run of every
 * cell goes to one {@link ParallelRunner}.
 */
public final class PaperEnvelope {
    /** The envelope's host CPUs (issue 14). */
    public static final List<Integer> HOST_CPUS = List.of(4, 8, 16);
    /** The envelope's iodepths (issue 14). */
    public static final List<Integer> IODEPTHS = List.of(16, 32, 64, 128);

    /**
     * One cell.
     *
     * @param hostCpus    the host's CPUs
     * @param iodepth     I/Os in flight per job
     * @param defaultHost whether this is the default host (where the papers' ratio band applies)
     * @param points      baseline's points at numjobs 1..N, then mq's
     * @param criteria    {@link PaperShape#envelope}
     */
    public record Cell(int hostCpus, int iodepth, boolean defaultHost, List<PaperExperiment.Point> points,
                       List<PaperShape.Criterion> criteria) {
        public double[] iops(String design) {
            return points.stream().filter(p -> p.design().equals(design)).mapToDouble(PaperExperiment.Point::iops)
                    .toArray();
        }

        public boolean holds() {
            return PaperShape.holds(criteria);
        }
    }

    private PaperEnvelope() {
    }

    /** How many runs {@link #run} makes. */
    public static int points(List<Integer> hostCpus, List<Integer> iodepths, int maxJobs) {
        return hostCpus.size() * iodepths.size() * 2 * maxJobs;
    }

    /** Runs every cell, host CPUs outer, iodepth inner. */
    public static List<Cell> run(ProviderRegistry registry, StackConfig base, List<Integer> hostCpus,
                                 List<Integer> iodepths, int maxJobs, long runtimeNs, int parallelism,
                                 Progress progress) {
        if (maxJobs < 2) {
            throw new IllegalArgumentException("--max-jobs=" + maxJobs + " is invalid; allowed: an integer >= 2");
        }
        StackConfig stack = PaperExperiment.stack(base);
        List<PaperExperiment.PointRun> tasks = new ArrayList<>();
        for (int cpus : hostCpus) {
            for (int depth : iodepths) {
                tasks.addAll(PaperExperiment.cell(registry, stack.withHostCpus(cpus), depth, maxJobs, runtimeNs,
                        UnaryOperator.identity()));
            }
        }
        List<PaperExperiment.Point> all = PaperExperiment.runAll(tasks, parallelism, progress);
        List<Cell> cells = new ArrayList<>();
        int per = 2 * maxJobs;
        int at = 0;
        for (int cpus : hostCpus) {
            for (int depth : iodepths) {
                List<PaperExperiment.Point> points = List.copyOf(all.subList(at, at + per));
                at += per;
                Cell partial = new Cell(cpus, depth, cpus == base.hostCpus(), points, List.of());
                cells.add(new Cell(cpus, depth, partial.defaultHost(), points,
                        PaperShape.envelope(partial.iops("baseline"), partial.iops("mq"), partial.defaultHost())));
            }
        }
        return cells;
    }

    /** Whether every cell holds. */
    public static boolean holds(List<Cell> cells) {
        return cells.stream().allMatch(Cell::holds);
    }

    private static final List<String> HEAD = List.of("host CPUs", "iodepth", "baseline peak (jobs)",
            "baseline at N", "fall from peak", "mq at N", "mq worst step", "mq/base at N", "pass");

    private static List<String> row(Cell c) {
        double[] b = c.iops("baseline");
        double[] m = c.iops("mq");
        int last = b.length - 1;
        int peak = PaperShape.peak(b);
        return List.of(Integer.toString(c.hostCpus()) + (c.defaultHost() ? " (default)" : ""),
                Integer.toString(c.iodepth()),
                String.format(Locale.ROOT, "%.0f (%d)", b[peak], peak + 1),
                String.format(Locale.ROOT, "%.0f", b[last]),
                String.format(Locale.ROOT, "%.1f%%", 100 * (1 - b[last] / b[peak])),
                String.format(Locale.ROOT, "%.0f", m[last]),
                String.format(Locale.ROOT, "%+.1f%%", 100 * PaperShape.worstStep(m)),
                b[last] == 0 ? "inf" : String.format(Locale.ROOT, "%.2f", m[last] / b[last]),
                PaperTables.verdict(c.criteria()));
    }

    /** The table (Markdown; N is the most jobs), then what each criterion requires. */
    public static String table(List<Cell> cells) {
        int jobs = cells.get(0).iops("baseline").length;
        List<String> head = HEAD.stream().map(h -> h.replace(" N", " " + jobs)).toList();
        StringBuilder sb = new StringBuilder(PaperTables.markdown(head, cells.stream().map(PaperEnvelope::row).toList()));
        sb.append(String.format(Locale.ROOT, "criteria: drop = baseline at %d jobs at least %.0f%% below its peak;"
                        + " mq = mq never falls more than %.0f%% in a step; ratio = mq/baseline at %d jobs at least %.2f,"
                        + " and in [%.2f, %.2f] on the default host%n", jobs, 100 * PaperShape.MIN_PEAK_DROP,
                100 * PaperShape.STEP_TOLERANCE, jobs, PaperShape.ENVELOPE_MIN_RATIO, PaperShape.MIN_RATIO,
                PaperShape.MAX_RATIO));
        return sb.toString();
    }

    /** One row per cell: the table's columns, then each criterion's margins. */
    public static String csv(List<Cell> cells) {
        List<String> head = new ArrayList<>(List.of("host_cpus", "iodepth", "baseline_peak", "baseline_peak_jobs",
                "baseline_at_max", "fall_from_peak_pct", "mq_at_max", "mq_worst_step_pct", "ratio_at_max", "holds",
                "failing", "drop_margin", "mq_margin", "ratio_margin_low", "ratio_margin_high"));
        List<List<String>> rows = new ArrayList<>();
        for (Cell c : cells) {
            double[] b = c.iops("baseline");
            double[] m = c.iops("mq");
            int last = b.length - 1;
            int peak = PaperShape.peak(b);
            List<String> r = new ArrayList<>(List.of(Integer.toString(c.hostCpus()), Integer.toString(c.iodepth()),
                    PaperTables.num(b[peak]), Integer.toString(peak + 1), PaperTables.num(b[last]), PaperTables.num(100 * (1 - b[last] / b[peak])),
                    PaperTables.num(m[last]), PaperTables.num(100 * PaperShape.worstStep(m)), PaperTables.num(m[last] / b[last]),
                    Boolean.toString(c.holds()), String.join(" ", PaperShape.failing(c.criteria()))));
            for (PaperShape.Criterion k : c.criteria()) {
                k.margins().forEach(x -> r.add(PaperTables.num(x.value())));
            }
            if (c.criteria().get(2).margins().size() == 1) {
                r.add("");
            }
            rows.add(r);
        }
        return PaperTables.csv(head, rows);
    }

    /** The JSON document: the grid, then every cell with its criteria, margins and points. */
    public static Map<String, Object> document(List<Cell> cells) {
        Map<String, Object> d = new LinkedHashMap<>();
        List<Object> l = new ArrayList<>();
        for (Cell c : cells) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("host_cpus", c.hostCpus());
            x.put("iodepth", c.iodepth());
            x.put("default_host", c.defaultHost());
            x.put("holds", c.holds());
            x.put("criteria", PaperTables.criteria(c.criteria()));
            x.put("points", PaperTables.points(c.points()));
            l.add(x);
        }
        d.put("cells", l);
        d.put("holds", holds(cells));
        return d;
    }
}
