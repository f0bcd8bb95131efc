package org.mqvio.harness.cli.chart;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.mqvio.harness.report.AtomicFile;

/**
 * A line chart of one metric against one parameter, one line per design, written headless (no display
 * needed) as PNG and SVG with XChart. A numeric parameter gets a numeric x axis; any other gets categories.
 */
public final class LineChart {
    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * One line.
     *
     * @param name the design it shows (the legend)
     * @param x    the parameter's values, in order
     * @param y    the metric at each value
     */
    public record Series(String name, List<String> x, List<Double> y) {
        public Series {
            x = List.copyOf(x);
            y = List.copyOf(y);
            checkArgument(x.size() == y.size(), "series '%s' has %s x values and %s y values; allowed: as many of each",
                    name, x.size(), y.size());
        }
    }

    /**
     * One chart and where it goes: {@code base.png} and {@code base.svg}. The two files are independent of each other
     * (each draws its own chart), so they can be written on two threads at once.
     *
     * @param base   the files' path without the extension
     * @param title  the chart's title
     * @param xLabel the x axis's label (the parameter)
     * @param yLabel the y axis's label (the metric)
     * @param series the lines, at least one
     */
    public record Figure(Path base, String title, String xLabel, String yLabel, List<Series> series) {
        public Figure {
            series = List.copyOf(series);
            if (series.isEmpty()) {
                throw new IllegalArgumentException("chart '" + title + "' has no series; allowed: at least one");
            }
        }

        /** Writes {@code base.png}; returns it. */
        public Path png() {
            return write(".png", (chart, out) -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
        }

        /** Writes {@code base.svg}; returns it. */
        public Path svg() {
            return write(".svg", (chart, out) -> VectorGraphicsEncoder.saveVectorGraphic(chart, out,
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG));
        }

        private interface Encoder {
            void encode(Chart<?, ?> chart, OutputStream out) throws IOException;
        }

        private Path write(String extension, Encoder encoder) {
            Chart<?, ?> chart = allNumeric(series) ? xy(title, xLabel, yLabel, series)
                    : category(title, xLabel, yLabel, series);
            Path file = base.resolveSibling(base.getFileName() + extension);
            try {
                if (base.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(base.toAbsolutePath().getParent());
                }
                AtomicFile.write(file, out -> encoder.encode(chart, out));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write chart " + base + ": " + e.getMessage(), e);
            }
            return file;
        }
    }

    private LineChart() {
    }

    /**
     * Writes {@code base.png} and {@code base.svg}.
     *
     * @return the two files written
     */
    public static List<Path> write(Path base, String title, String xLabel, String yLabel, List<Series> series) {
        Figure figure = new Figure(base, title, xLabel, yLabel, series);
        return List.of(figure.png(), figure.svg());
    }

    private static boolean allNumeric(List<Series> series) {
        for (Series s : series) {
            for (String x : s.x()) {
                try {
                    Double.parseDouble(x);
                } catch (NumberFormatException e) {
                    return false;
                }
            }
        }
        return true;
    }

    private static XYChart xy(String title, String xLabel, String yLabel, List<Series> series) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern(pattern(series));
        chart.getStyler().setMarkerSize(7);
        boolean integral = series.stream().flatMap(s -> s.x().stream()).allMatch(x -> Double.parseDouble(x) % 1 == 0);
        if (integral) {
            chart.getStyler().setXAxisDecimalPattern("#,##0");
        }
        for (Series s : series) {
            double[] x = s.x().stream().mapToDouble(Double::parseDouble).toArray();
            double[] y = s.y().stream().mapToDouble(Double::doubleValue).toArray();
            chart.addSeries(s.name(), x, y);
        }
        return chart;
    }

    private static CategoryChart category(String title, String xLabel, String yLabel, List<Series> series) {
        CategoryChart chart = new CategoryChartBuilder().width(900).height(560).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisDecimalPattern(pattern(series));
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        for (Series s : series) {
            chart.addSeries(s.name(), new ArrayList<Object>(s.x()), s.y());
        }
        return chart;
    }

    /** Whole numbers with thousands separators for large values (IOPS), three decimals for small ones. */
    private static String pattern(List<Series> series) {
        double max = series.stream().flatMap(s -> s.y().stream()).mapToDouble(Double::doubleValue).max().orElse(0);
        return max >= 100 ? "#,##0" : "#,##0.###";
    }

    private static void style(Styler styler) {
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setAntiAlias(true);
    }
}
