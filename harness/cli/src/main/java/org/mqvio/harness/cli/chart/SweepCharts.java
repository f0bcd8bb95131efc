package org.mqvio.harness.cli.chart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mqvio.harness.sweep.PointRow;
import org.mqvio.harness.sweep.SweepHeader;

/**
 * The charts of a sweep: each charted metric against the x parameter, one line per design (per combination
 * of the other swept parameters), as {@code METRIC-vs-X.png} and {@code .svg}.
 */
public final class SweepCharts {
    private SweepCharts() {
    }

    /** Writes the charts of {@code rows} into {@code dir}; returns the files. */
    public static List<Path> write(Path dir, SweepHeader header, List<PointRow> rows) {
        List<Path> files = new ArrayList<>();
        for (String metric : header.metrics()) {
            files.addAll(LineChart.write(dir.resolve(metric + "-vs-" + header.x()), metric + " against " + header.x()
                    + " (simulated)", header.x(), metric, series(header, rows, metric)));
        }
        return files;
    }

    static List<LineChart.Series> series(SweepHeader header, List<PointRow> rows, String metric) {
        Map<String, List<PointRow>> byDesign = new LinkedHashMap<>();
        for (PointRow r : rows) {
            String design = r.parameters().entrySet().stream().filter(e -> !e.getKey().equals(header.x()))
                    .map(e -> e.getKey().equals("dataplane") ? e.getValue() : e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(", "));
            byDesign.computeIfAbsent(design.isEmpty() ? header.design() : design, k -> new ArrayList<>()).add(r);
        }
        List<LineChart.Series> series = new ArrayList<>();
        byDesign.forEach((name, points) -> series.add(new LineChart.Series(name,
                points.stream().map(p -> p.parameters().get(header.x())).toList(),
                points.stream().map(p -> ((Number) p.metrics().get(metric)).doubleValue()).toList())));
        return series;
    }
}
