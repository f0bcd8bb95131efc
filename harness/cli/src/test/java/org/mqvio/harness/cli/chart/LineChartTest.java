package org.mqvio.harness.cli.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {
    @TempDir
    Path dir;

    @Test
    void writesAPngAndAnSvgWithOneLinePerDesign() throws IOException {
        List<Path> files = LineChart.write(dir.resolve("iops"), "IOPS against numjobs", "numjobs", "IOPS", List.of(
                new LineChart.Series("baseline", List.of("1", "2", "4"), List.of(190_000.0, 390_000.0, 320_000.0)),
                new LineChart.Series("mq", List.of("1", "2", "4"), List.of(190_000.0, 390_000.0, 770_000.0))));
        assertThat(files).containsExactly(dir.resolve("iops.png"), dir.resolve("iops.svg"));
        BufferedImage png = ImageIO.read(files.get(0).toFile());
        assertThat(png.getWidth()).isEqualTo(900);
        assertThat(png.getHeight()).isEqualTo(560);
        String svg = Files.readString(files.get(1));
        assertThat(svg).startsWith("<?xml").contains("<svg").endsWith("</svg>\n");
        assertThat(svg.split("<path", -1).length).as("XChart draws text and lines as paths").isGreaterThan(20);
    }

    @Test
    void nonNumericParametersAreCategories() throws IOException {
        List<Path> files = LineChart.write(dir.resolve("lock"), "IOPS against lock", "virtio.lock", "IOPS", List.of(
                new LineChart.Series("baseline", List.of("ticket", "mcs"), List.of(1.0, 2.0))));
        assertThat(ImageIO.read(files.get(0).toFile())).isNotNull();
        assertThat(Files.readString(files.get(1))).contains("<svg");
    }

    @Test
    void aFiguresPngAndSvgAreTheSameBytesWrittenAtOnceAsOneAfterTheOther() throws Exception {
        List<LineChart.Series> series = List.of(
                new LineChart.Series("baseline", List.of("1", "2", "4"), List.of(190_000.0, 390_000.0, 320_000.0)),
                new LineChart.Series("mq", List.of("1", "2", "4"), List.of(190_000.0, 390_000.0, 770_000.0)));
        LineChart.Figure alone = new LineChart.Figure(dir.resolve("alone/iops"), "IOPS", "numjobs", "IOPS", series);
        List<Path> sequential = List.of(alone.png(), alone.svg());
        LineChart.Figure together = new LineChart.Figure(dir.resolve("together/iops"), "IOPS", "numjobs", "IOPS", series);
        List<Path> parallel;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Path>> files = List.of(pool.submit(together::png), pool.submit(together::svg),
                    pool.submit(together::png), pool.submit(together::svg));
            parallel = new ArrayList<>();
            for (Future<Path> f : files) {
                parallel.add(f.get());
            }
        }
        assertThat(parallel.subList(0, 2)).containsExactly(dir.resolve("together/iops.png"),
                dir.resolve("together/iops.svg"));
        for (int i = 0; i < 2; i++) {
            assertThat(Files.readAllBytes(parallel.get(i))).isEqualTo(Files.readAllBytes(sequential.get(i)));
        }
    }

    @Test
    void badSeriesAreRejected() {
        assertThatThrownBy(() -> new LineChart.Series("x", List.of("1"), List.of())).hasMessageContaining("as many of each");
        assertThatThrownBy(() -> LineChart.write(dir.resolve("e"), "t", "x", "y", List.of()))
                .hasMessageContaining("no series");
    }
}
