package org.mqvio.harness.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;

/**
 * The paper experiment's sensitivity and ablation (issue 14): on one cell (the stack's host and the iodepth), the
 * whole experiment of {@code paper} (with Ming Lei's points) as it is, with each cost of the table at -25% and at
 * +25% alone, and with each {@link Mechanism} switched off alone; every criterion of {@link PaperShape#check} with
 * its margins. A cost the experiment never charges (or a threshold it never reaches) gives every run the same trace
 * as the unchanged table: its rows say "no effect". The shape is robust when the unchanged table and every cost variant meet every criterion; the
 * ablation rows are expected to break it and only report.
 */
public final class PaperSensitivity {
    /** How far each cost is moved either way: 25% (issue 14). */
    public static final double STEP = 0.25;

    /** What a variant changes. */
    public enum Kind { BASE, COST, MECHANISM }

    /**
     * One variant of the experiment.
     *
     * @param name   the row's name ({@code base}, {@code guest_submit -25%}, {@code off: ticket-lock})
     * @param kind   what it changes
     * @param change the change as text ({@code cost.guest_submit=1500})
     * @param apply  the change, applied to every point's stack
     */
    public record Variant(String name, Kind kind, String change, UnaryOperator<StackConfig> apply) {
    }

    /**
     * One variant's outcome.
     *
     * @param variant  the variant
     * @param result   the experiment with it
     * @param noEffect whether every run's trace is the unchanged table's (the variant changes nothing)
     */
    public record Row(Variant variant, PaperExperiment.Result result, boolean noEffect) {
        public boolean holds() {
            return PaperShape.holds(result.criteria());
        }

        /** Whether this row decides the verdict: the unchanged table and the cost variants (not the ablation). */
        public boolean decides() {
            return variant.kind() != Kind.MECHANISM;
        }
    }

    private PaperSensitivity() {
    }

    /**
     * The variants: the unchanged table, each cost at -25% and +25% (rounded to the nanosecond), each mechanism
     * off. {@code only}, when not empty, keeps the costs (by key) and mechanisms (by name) it lists.
     */
    public static List<Variant> variants(CostTable costs, Set<String> only) {
        Set<String> known = new LinkedHashSet<>();
        Arrays.stream(Cost.values()).forEach(c -> known.add(c.key()));
        known.addAll(Mechanism.labels());
        for (String o : only) {
            if (!known.contains(o)) {
                throw new IllegalArgumentException("--only=" + o + " is invalid; allowed: a cost key or a mechanism,"
                        + " comma-separated, from " + String.join(", ", known));
            }
        }
        List<Variant> v = new ArrayList<>();
        v.add(new Variant("base", Kind.BASE, "the cost table as it is", UnaryOperator.identity()));
        for (Cost c : Cost.values()) {
            if (!only.isEmpty() && !only.contains(c.key())) {
                continue;
            }
            long value = costs.get(c);
            for (double f : new double[] {-STEP, STEP}) {
                long moved = Math.min(CostTable.MAX_NS, Math.round(value * (1 + f)));
                v.add(new Variant(String.format(Locale.ROOT, "%s %+.0f%%", c.key(), 100 * f), Kind.COST,
                        Stack.COST_PREFIX + c.key() + "=" + moved, Mechanism.cost(c, moved)));
            }
        }
        for (Mechanism m : Mechanism.values()) {
            if (only.isEmpty() || only.contains(m.label())) {
                v.add(new Variant("off: " + m.label(), Kind.MECHANISM, m.off(), m::switchOff));
            }
        }
        return v;
    }

    /** How many runs {@link #run} makes. */
    public static int points(int variants, int maxJobs) {
        return variants * PaperExperiment.points(maxJobs);
    }

    /** Runs the experiment for every variant (the first must be the unchanged table) on one {@link ParallelRunner}. */
    public static List<Row> run(ProviderRegistry registry, StackConfig base, int iodepth, int maxJobs, long runtimeNs,
                                List<Variant> variants, int parallelism, Progress progress) {
        PaperExperiment.checkMaxJobs(maxJobs);
        if (variants.isEmpty() || variants.get(0).kind() != Kind.BASE) {
            throw new IllegalArgumentException("the sensitivity's first variant must be the unchanged table");
        }
        StackConfig stack = PaperExperiment.stack(base);
        List<PaperExperiment.PointRun> tasks = new ArrayList<>();
        for (Variant v : variants) {
            tasks.addAll(PaperExperiment.cell(registry, stack, iodepth, maxJobs, runtimeNs, v.apply()));
            tasks.addAll(PaperExperiment.mingLei(registry, stack, runtimeNs, v.apply()));
        }
        List<PaperExperiment.Point> all = PaperExperiment.runAll(tasks, parallelism, progress);
        int per = PaperExperiment.points(maxJobs);
        List<PaperExperiment.Point> basePoints = all.subList(0, per);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < variants.size(); i++) {
            List<PaperExperiment.Point> points = all.subList(i * per, (i + 1) * per);
            rows.add(new Row(variants.get(i), PaperExperiment.result(points, maxJobs),
                    i > 0 && sameTraces(points, basePoints)));
        }
        return rows;
    }

    private static boolean sameTraces(List<PaperExperiment.Point> a, List<PaperExperiment.Point> b) {
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).metrics().get("digest").equals(b.get(i).metrics().get("digest"))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the unchanged table and every cost variant meet every criterion (the ablation does not count). */
    public static boolean holds(List<Row> rows) {
        return rows.stream().filter(Row::decides).allMatch(Row::holds);
    }

    /** The table (Markdown), the criteria a single cost breaks, and what each column's margins measure. */
    public static String table(List<Row> rows) {
        List<PaperShape.Criterion> baseCriteria = rows.get(0).result().criteria();
        List<String> head = new ArrayList<>(List.of("variant", "change"));
        baseCriteria.forEach(c -> head.add(c.key()));
        head.add("verdict");
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows) {
            List<String> cell = new ArrayList<>(List.of(r.variant().name(), r.variant().change()));
            r.result().criteria().forEach(c -> cell.add(c.formattedMargins()));
            cell.add(PaperTables.verdict(r.result().criteria()) + (r.noEffect() ? " (no effect: the same traces)" : ""));
            cells.add(cell);
        }
        StringBuilder sb = new StringBuilder(PaperTables.markdown(head, cells));
        List<String> broken = new ArrayList<>();
        for (Row r : rows) {
            if (r.variant().kind() != Kind.COST) {
                continue;
            }
            for (int i = 0; i < baseCriteria.size(); i++) {
                if (baseCriteria.get(i).holds() && !r.result().criteria().get(i).holds()) {
                    broken.add(r.variant().name() + " breaks " + baseCriteria.get(i).key());
                }
            }
        }
        sb.append("a single cost at +-25% breaks: ").append(broken.isEmpty() ? "nothing" : String.join("; ", broken))
                .append('\n');
        sb.append("margins (>= 0 meets the criterion; two: lower bound/upper bound):\n");
        for (PaperShape.Criterion c : baseCriteria) {
            sb.append("  ").append(c.key()).append(": ").append(c.name()).append(" [")
                    .append(String.join(", ", c.margins().stream().map(PaperShape.Margin::bound).toList())).append("]\n");
        }
        return sb.toString();
    }

    /** One row per variant and criterion margin. */
    public static String csv(List<Row> rows) {
        List<String> head = List.of("variant", "kind", "change", "criterion", "bound", "margin", "criterion_holds",
                "variant_holds", "no_effect");
        List<List<String>> lines = new ArrayList<>();
        for (Row r : rows) {
            for (PaperShape.Criterion c : r.result().criteria()) {
                for (PaperShape.Margin m : c.margins()) {
                    lines.add(List.of(r.variant().name(), r.variant().kind().name().toLowerCase(Locale.ROOT),
                            r.variant().change(), c.key(), m.bound(), PaperTables.num(m.value()),
                            Boolean.toString(c.holds()), Boolean.toString(r.holds()), Boolean.toString(r.noEffect())));
                }
            }
        }
        return PaperTables.csv(head, lines);
    }

    /** The JSON document: every variant with its criteria, margins and IOPS. */
    public static Map<String, Object> document(List<Row> rows) {
        Map<String, Object> d = new LinkedHashMap<>();
        Map<String, Object> mechanisms = new LinkedHashMap<>();
        for (Mechanism m : Mechanism.values()) {
            mechanisms.put(m.label(), Map.of("models", m.models(), "off", m.off()));
        }
        d.put("mechanisms", mechanisms);
        List<Object> l = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("variant", r.variant().name());
            x.put("kind", r.variant().kind().name().toLowerCase(Locale.ROOT));
            x.put("change", r.variant().change());
            x.put("no_effect", r.noEffect());
            x.put("holds", r.holds());
            x.put("criteria", PaperTables.criteria(r.result().criteria()));
            Map<String, Object> iops = new LinkedHashMap<>();
            for (String design : List.of("baseline", "mq")) {
                iops.put(design, Arrays.stream(r.result().iops(design)).boxed().toList());
            }
            r.result().mingLei().forEach(p -> iops.put(p.design() + " at " + p.numjobs() + " jobs", p.iops()));
            x.put("iops", iops);
            l.add(x);
        }
        d.put("variants", l);
        d.put("holds", holds(rows));
        return d;
    }
}
