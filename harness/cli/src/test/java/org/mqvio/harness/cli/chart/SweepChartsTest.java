package org.mqvio.harness.cli.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.sweep.PointRow;
import org.mqvio.harness.sweep.Progress;
import org.mqvio.harness.sweep.Sweep;
import org.mqvio.harness.sweep.SweepParameter;
import org.mqvio.harness.sweep.SweepSpec;

class SweepChartsTest {
    @TempDir
    Path dir;

    @Test
    void oneChartPerMetricAndOneLinePerDesign() throws IOException {
        List<SweepParameter> params = List.of(SweepParameter.parse("numjobs=1..2"),
                SweepParameter.parse("dataplane=baseline,mq"));
        SweepSpec spec = new SweepSpec(List.of("--rw=randread", "--iodepth=4", "--runtime=2ms"),
                StackConfig.defaults(1), null, params, "numjobs", List.of("iops", "clat_p99_us"));
        List<PointRow> rows = Sweep.run(ProviderRegistry.load(), spec, Map.of(), 0, 1, 2,
                new Progress(4, new PrintWriter(new StringWriter()), false));

        List<Path> charts = SweepCharts.write(dir, Sweep.header("0.1.0", spec, 0, 1), rows);

        assertThat(charts).extracting(p -> p.getFileName().toString()).containsExactly("iops-vs-numjobs.png",
                "iops-vs-numjobs.svg", "clat_p99_us-vs-numjobs.png", "clat_p99_us-vs-numjobs.svg");
        assertThat(SweepCharts.series(Sweep.header("0.1.0", spec, 0, 1), rows, "iops"))
                .extracting(LineChart.Series::name).containsExactly("baseline", "mq");
    }
}
