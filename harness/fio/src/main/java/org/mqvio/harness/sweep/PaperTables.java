package org.mqvio.harness.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text forms shared by the envelope and the sensitivity: a Markdown table padded to align in a terminal,
 * RFC 4180 CSV, and the criteria as JSON values.
 */
public final class PaperTables {
    private PaperTables() {
    }

    /** A Markdown table whose columns are padded to one width, so it reads the same on a terminal. */
    static String markdown(List<String> head, List<List<String>> rows) {
        int[] width = new int[head.size()];
        List<List<String>> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], Math.max(3, r.get(i).length()));
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, head, width);
        List<String> rule = new ArrayList<>();
        for (int w : width) {
            rule.add("-".repeat(w));
        }
        line(sb, rule, width);
        rows.forEach(r -> line(sb, r, width));
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells, int[] width) {
        sb.append('|');
        for (int i = 0; i < cells.size(); i++) {
            sb.append(' ').append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length())).append(" |");
        }
        sb.append('\n');
    }

    /** RFC 4180 CSV: a cell is quoted only when it holds a comma, a quote or a line break. */
    static String csv(List<String> head, List<List<String>> rows) {
        StringBuilder sb = new StringBuilder();
        List<List<String>> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        for (List<String> r : all) {
            for (int i = 0; i < r.size(); i++) {
                String c = r.get(i);
                boolean quote = c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r");
                sb.append(i > 0 ? "," : "").append(quote ? '"' + c.replace("\"", "\"\"") + '"' : c);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The criteria as JSON values: key, name, measured figures, whether it holds, each margin. */
    public static List<Object> criteria(List<PaperShape.Criterion> criteria) {
        List<Object> l = new ArrayList<>();
        for (PaperShape.Criterion c : criteria) {
            l.add(criterion(c));
        }
        return l;
    }

    static Map<String, Object> criterion(PaperShape.Criterion c) {
        Map<String, Object> x = new LinkedHashMap<>();
        x.put("key", c.key());
        x.put("criterion", c.name());
        x.put("measured", c.detail());
        x.put("holds", c.holds());
        Map<String, Object> margins = new LinkedHashMap<>();
        c.margins().forEach(m -> margins.put(m.bound(), m.value()));
        x.put("margins", margins);
        return x;
    }

    /** The points as JSON values: design, numjobs, iodepth and every metric. */
    public static List<Object> points(List<PaperExperiment.Point> ps) {
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

    /** A decimal figure as the CSV files write it. */
    static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /** A verdict cell: {@code ok}, or {@code FAIL} and the keys of the failing criteria. */
    static String verdict(List<PaperShape.Criterion> criteria) {
        List<String> failing = PaperShape.failing(criteria);
        return failing.isEmpty() ? "ok" : "FAIL: " + String.join(" ", failing);
    }
}
