package org.mqvio.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.fio.JobPlan;
import org.mqvio.harness.fio.JobPlanner;
import org.mqvio.harness.fio.PlanRunner;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.CloneResult;
import org.mqvio.harness.workload.CompletedIos;
import org.mqvio.harness.workload.FioLatencyBins;
import org.mqvio.harness.workload.RunResult;

/**
 * fio's log files against fio 3.33's own
 * (harness/fio/src/test/resources/org/mqvio/harness/report/fio-3.33-golden.md): names and line format, never values.
 */
class FioLogFilesTest {
    @TempDir
    Path dir;

    private List<Path> run(String... options) {
        List<String> args = new ArrayList<>(List.of("--name=j", "--rw=randrw", "--bs=4k", "--iodepth=2", "--runtime=6ms"));
        args.addAll(List.of(options));
        JobPlan plan = JobPlanner.plan(args, Map.of());
        List<RunResult> runs = PlanRunner.run(ProviderRegistry.load(), plan, StackConfig.defaults(2), null);
        return FioLogFiles.write(dir, plan, runs);
    }

    private static List<String> golden(String name) throws IOException {
        try (InputStream in = FioLogFilesTest.class.getResourceAsStream("fio-3.33-logs/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static List<String> lines(Path f) throws IOException {
        return Files.readAllLines(f);
    }

    /** Fields of a log line: integers separated by ", ", as fio's flush_samples prints them. */
    private static long[] fields(String line) {
        String[] f = line.split(", ", -1);
        assertThat(f.length).as(line).isGreaterThan(1);
        long[] v = new long[f.length];
        for (int i = 0; i < f.length; i++) {
            if (!f[i].matches("\\d+")) {
                assertThat(line).as("integers separated by \", \"").matches("\\d+(, \\d+)+");
            }
            v[i] = Long.parseLong(f[i]);
        }
        return v;
    }

    @Test
    void fileNamesAreFiosPerCloneNames() throws IOException {
        List<Path> written = run("--numjobs=2", "--write_lat_log=g", "--write_bw_log=g", "--write_iops_log=g");
        TreeSet<String> ours = new TreeSet<>();
        try (var files = Files.list(dir)) {
            files.forEach(f -> ours.add(f.getFileName().toString()));
        }
        assertThat(ours).isEqualTo(new TreeSet<>(golden("files-numjobs2.txt")));
        assertThat(written).hasSize(10);
        run("--write_lat_log");
        assertThat(dir.resolve("j_lat.1.log")).as("a bare write_lat_log takes the job's name").exists();
    }

    @Test
    void perIoLinesHaveFiosFormat() throws IOException {
        run("--write_lat_log=g", "--write_bw_log=g", "--write_iops_log=g");
        for (String type : List.of("lat", "clat", "slat", "bw", "iops")) {
            String fioFile = "g_" + type + (type.equals("iops") ? ".2.log" : ".1.log");
            long[] fio = fields(golden(fioFile).get(0));
            List<String> ours = lines(dir.resolve("g_" + type + ".1.log"));
            assertThat(ours).as(type).isNotEmpty();
            long before = 0;
            for (String line : ours) {
                long[] f = fields(line);
                assertThat(f.length).as(type + ": " + line).isEqualTo(fio.length).isEqualTo(5);
                assertThat(f[2]).as("direction").isBetween(0L, 1L);
                assertThat(f[3]).as("block size, as fio's").isEqualTo(fio[3]).isEqualTo(4096);
                assertThat(f[4]).as("priority, as fio's").isEqualTo(fio[4]);
                assertThat(f[0]).as(type + ": times never go back").isGreaterThanOrEqualTo(before);
                before = f[0];
                if (type.equals("iops")) {
                    assertThat(f[1]).isEqualTo(fio[1]).isEqualTo(1);
                }
            }
        }
        List<String> lat = lines(dir.resolve("g_lat.1.log"));
        List<String> clat = lines(dir.resolve("g_clat.1.log"));
        assertThat(lat).hasSameSizeAs(clat);
        for (int i = 0; i < lat.size(); i++) {
            assertThat(fields(lat.get(i))[1]).as("lat >= clat").isGreaterThanOrEqualTo(fields(clat.get(i))[1]);
        }
    }

    @Test
    void oneLinePerIoOfTheWindow() throws IOException {
        List<String> args = List.of("--name=j", "--rw=randrw", "--bs=4k", "--runtime=3ms", "--write_iops_log=n");
        JobPlan plan = JobPlanner.plan(args, Map.of());
        List<RunResult> runs = PlanRunner.run(ProviderRegistry.load(), plan, StackConfig.defaults(1), null);
        FioLogFiles.write(dir, plan, runs);
        CloneResult c = runs.get(0).jobs().get(0).clones().get(0);
        assertThat(lines(dir.resolve("n_iops.1.log"))).hasSize((int) c.ios());
    }

    @Test
    void logOffsetAddsTheOffsetAsFioDoes() throws IOException {
        run("--write_lat_log=o", "--write_bw_log=o", "--write_iops_log=o", "--log_offset=1");
        for (String type : List.of("lat", "clat", "bw", "iops")) {
            long[] fio = fields(golden("o_" + type + ".1.log").get(0));
            for (String line : lines(dir.resolve("o_" + type + ".1.log"))) {
                long[] f = fields(line);
                assertThat(f.length).as(type).isEqualTo(fio.length).isEqualTo(6);
                assertThat(f[4] % 4096).as("a 4k-aligned offset, as fio's " + fio[4]).isZero().isEqualTo(fio[4] % 4096);
            }
        }
    }

    @Test
    void averagedLatencyLinesHaveFiosFormat() throws IOException {
        run("--write_lat_log=v", "--log_avg_msec=2");
        for (String type : List.of("lat", "clat")) {
            List<long[]> fio = golden("v_" + type + ".1.log").stream().map(FioLogFilesTest::fields).toList();
            List<String> ours = lines(dir.resolve("v_" + type + ".1.log"));
            assertThat(ours.size()).as(type + ": one per direction and window and one at the end, not one per I/O").isBetween(4, 12);
            for (String line : ours) {
                long[] f = fields(line);
                assertThat(f.length).isEqualTo(fio.get(0).length).isEqualTo(5);
                assertThat(f[3]).as("fio writes block size 0 for an averaged line").isEqualTo(fio.get(0)[3]).isZero();
            }
        }
    }

    @Test
    void histogramLinesHaveFiosFormatAndHoldTheirWindowsIos() throws IOException {
        List<String> args = List.of("--name=j", "--rw=randrw", "--bs=4k", "--runtime=6ms", "--write_hist_log=h",
                "--log_hist_msec=1");
        JobPlan plan = JobPlanner.plan(args, Map.of());
        List<RunResult> runs = PlanRunner.run(ProviderRegistry.load(), plan, StackConfig.defaults(1), null);
        FioLogFiles.write(dir, plan, runs);
        long[] fio = fields(golden("h_clat_hist.1.log").get(0));
        assertThat(fio).as("time, direction, block size and fio's 1856 bins").hasSize(3 + FioLatencyBins.COUNT);
        CloneResult clone = runs.get(0).jobs().get(0).clones().get(0);
        List<String> ours = lines(dir.resolve("h_clat_hist.1.log"));
        assertThat(ours).as("about one line per ms and direction").hasSizeBetween(6, 12);
        long[][] binsSeen = new long[2][FioLatencyBins.COUNT];
        long[] lastMs = new long[2];
        for (String line : ours) {
            long[] f = fields(line);
            assertThat(f).hasSize(fio.length);
            int d = (int) f[1];
            assertThat(f[2]).as("the block size, as fio's").isEqualTo(fio[2]).isEqualTo(4096);
            assertThat(f[0]).as("a direction's entries at least 1 ms apart").isGreaterThanOrEqualTo(lastMs[d] + 1);
            lastMs[d] = f[0];
            for (int b = 0; b < FioLatencyBins.COUNT; b++) {
                binsSeen[d][b] += f[3 + b];
            }
        }
        for (int d = 0; d < 2; d++) {
            CompletedIos ios = (d == 0 ? clone.read() : clone.write()).completedIos().orElseThrow();
            long[] upToLast = new long[FioLatencyBins.COUNT];
            long before = 0;
            long through = 0;
            for (int i = 0; i < ios.size(); i++) {
                long ms = ios.reapNs(i) / 1_000_000;
                before += ms < lastMs[d] ? 1 : 0;
                through += ms <= lastMs[d] ? 1 : 0;
                if (ms <= lastMs[d]) {
                    upToLast[FioLatencyBins.index(ios.clatNs(i))]++;
                }
            }
            long total = java.util.Arrays.stream(binsSeen[d]).sum();
            assertThat(total).as("direction %d: every I/O until the last entry, once", d).isBetween(before + 1, through);
            for (int b = 0; b < FioLatencyBins.COUNT; b++) {
                assertThat(binsSeen[d][b]).as("bin %d holds only I/Os of that latency", b).isLessThanOrEqualTo(upToLast[b]);
            }
        }
    }

    @Test
    void histogramCoarsenessAndNoIntervalAsFio() throws IOException {
        run("--write_hist_log=c", "--log_hist_msec=1", "--log_hist_coarseness=4");
        long[] fio = fields(golden("c_clat_hist.1.log").get(0));
        assertThat(fio).as("1856 / 2^4 bins").hasSize(3 + 116);
        List<String> ours = lines(dir.resolve("c_clat_hist.1.log"));
        assertThat(ours).isNotEmpty().allSatisfy(l -> assertThat(fields(l)).hasSize(fio.length));
        run("--write_hist_log=z");
        assertThat(lines(dir.resolve("z_clat_hist.1.log"))).as("empty without log_hist_msec, as fio's")
                .isEqualTo(golden("z_clat_hist.1.log")).isEmpty();
        assertThatThrownBy(() -> run("--write_hist_log=c", "--log_hist_coarseness=7"))
                .hasMessageContaining("log_hist_coarseness=7").hasMessageContaining("an integer in [0, 6]");
    }
}
