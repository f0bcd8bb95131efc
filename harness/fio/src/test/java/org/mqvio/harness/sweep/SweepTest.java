package org.mqvio.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;

class SweepTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();

    @TempDir
    Path dir;

    private static SweepSpec spec(String... vary) {
        List<SweepParameter> params = new ArrayList<>();
        for (String v : vary) {
            params.add(SweepParameter.parse(v));
        }
        return new SweepSpec(List.of("--rw=randread", "--iodepth=4", "--runtime=2ms"), StackConfig.defaults(1), null,
                params, params.get(0).name(), List.of("iops", "clat_p99_us"));
    }

    private static Progress silent(int n) {
        return new Progress(n, new PrintWriter(new StringWriter()), false);
    }

    @Test
    void pointsAreEveryCombinationTheFirstParameterSlowest() {
        SweepSpec s = spec("numjobs=1..3", "dataplane=baseline,mq");
        assertThat(s.points()).extracting(SweepPoint::label).containsExactly(
                "numjobs=1 dataplane=baseline", "numjobs=1 dataplane=mq", "numjobs=2 dataplane=baseline",
                "numjobs=2 dataplane=mq", "numjobs=3 dataplane=baseline", "numjobs=3 dataplane=mq");
        SweepPoint p = s.points().get(3);
        assertThat(s.fioOverrides(p)).containsExactly("numjobs=2");
        assertThat(s.stackFor(p).dataPlane()).isEqualTo("mq");
        SweepSpec settings = spec("cost.kick_exit=1000,2000", "host-cpus=2", "vcpus=3");
        SweepPoint q = settings.points().get(1);
        assertThat(settings.stackFor(q).settings()).containsEntry("cost.kick_exit", "2000");
        assertThat(settings.stackFor(q).hostCpus()).isEqualTo(2);
        assertThat(settings.vcpusFor(q)).isEqualTo(3);
        assertThat(SweepParameter.parse("iodepth=1..3,8").values()).containsExactly("1", "2", "3", "8");
    }

    @Test
    void badParametersSayWhatIsAllowed() {
        assertThatThrownBy(() -> SweepParameter.parse("numjob=1..4")).hasMessageContaining("unknown parameter")
                .hasMessageContaining("did you mean 'numjobs'?");
        assertThatThrownBy(() -> SweepParameter.parse("numjobs")).hasMessageContaining("allowed: NAME=V1,V2,...");
        assertThatThrownBy(() -> SweepParameter.parse("numjobs=4..1")).hasMessageContaining("is an empty range");
        assertThatThrownBy(() -> SweepParameter.parse("numjobs=1,1")).hasMessageContaining("a value repeats");
        assertThatThrownBy(() -> spec("numjobs=1", "numjobs=2")).hasMessageContaining("names a parameter twice");
        assertThatThrownBy(() -> new SweepSpec(List.of(), StackConfig.defaults(1), null,
                List.of(SweepParameter.parse("numjobs=1")), "iodepth", List.of("iops")))
                .hasMessageContaining("--x=iodepth is not a swept parameter");
        assertThatThrownBy(() -> new SweepSpec(List.of(), StackConfig.defaults(1), null,
                List.of(SweepParameter.parse("numjobs=1")), "numjobs", List.of("iopz")))
                .hasMessageContaining("--metric=iopz is unknown");
        assertThatThrownBy(() -> Sweep.run(REGISTRY, spec("host-cpus=0"), Map.of(), 0, 1, 1, silent(1)))
                .hasMessageContaining("allowed: an integer >= 1");
        assertThatThrownBy(() -> Sweep.run(REGISTRY, spec("virtio.queue_size=100"), Map.of(), 0, 1, 1, silent(1)))
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> Sweep.run(REGISTRY, spec("bs=1000"), Map.of(), 0, 1, 1, silent(1)))
                .hasMessageContaining("bs=1000 is invalid");
        assertThatThrownBy(() -> Sweep.run(REGISTRY, spec("numjobs=1"), Map.of(), 2, 2, 1, silent(1)))
                .hasMessageContaining("--shard=2/2 is invalid");
    }

    @Test
    void resultsAreTheSameWhateverTheParallelismAndShardsMergeIntoTheWhole() throws IOException {
        SweepSpec s = spec("numjobs=1..3", "dataplane=baseline,mq");
        List<PointRow> one = Sweep.run(REGISTRY, s, Map.of(), 0, 1, 1, silent(6));
        List<PointRow> two = Sweep.run(REGISTRY, s, Map.of(), 0, 1, 2, silent(6));
        assertThat(two).isEqualTo(one);
        SweepHeader whole = Sweep.header("0.1.0", s, 0, 1);
        SweepFiles.write(dir.resolve("whole"), SweepFiles.WHOLE, whole, one);
        for (int i = 0; i < 3; i++) {
            int shardIndex = i;
            List<PointRow> shard = Sweep.run(REGISTRY, s, Map.of(), i, 3, 2, silent(2));
            assertThat(shard).extracting(PointRow::index).allMatch(x -> x % 3 == shardIndex).hasSize(2);
            SweepFiles.write(dir.resolve("shards"), SweepFiles.shardName(i, 3), Sweep.header("0.1.0", s, i, 3), shard);
        }
        SweepFiles.Contents merged = SweepFiles.merge(List.of(dir.resolve("shards")));
        assertThat(merged.rows()).isEqualTo(SweepFiles.read(dir.resolve("whole/points.jsonl")).rows());
        SweepFiles.write(dir.resolve("merged"), SweepFiles.WHOLE, merged.header(), merged.rows());
        assertThat(Files.readString(dir.resolve("merged/points.csv")))
                .isEqualTo(Files.readString(dir.resolve("whole/points.csv")));
        assertThat(Files.readString(dir.resolve("merged/points.jsonl")))
                .isEqualTo(Files.readString(dir.resolve("whole/points.jsonl")));
        String csv = Files.readString(dir.resolve("whole/points.csv"));
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("point,numjobs,dataplane,iops,read_iops,");
        assertThat(csv.lines().count()).isEqualTo(7);
    }

    @Test
    void mergeRefusesMissingRepeatedAndForeignPoints() throws IOException {
        SweepSpec s = spec("numjobs=1..2");
        List<PointRow> rows = Sweep.run(REGISTRY, s, Map.of(), 0, 1, 2, silent(2));
        SweepFiles.write(dir.resolve("a"), SweepFiles.shardName(0, 2), Sweep.header("0.1.0", s, 0, 2), rows.subList(0, 1));
        assertThatThrownBy(() -> SweepFiles.merge(List.of(dir.resolve("a")))).hasMessageContaining("hold 1 of 2 points;"
                + " missing: [1]");
        SweepSpec other = spec("numjobs=1..3");
        SweepFiles.write(dir.resolve("a"), SweepFiles.shardName(1, 2), Sweep.header("0.1.0", other, 1, 2), rows.subList(1, 2));
        assertThatThrownBy(() -> SweepFiles.merge(List.of(dir.resolve("a")))).hasMessageContaining("allowed: shards of one sweep");
        PointRow changed = new PointRow(0, rows.get(0).parameters(), Map.of("iops", 1.0));
        SweepFiles.write(dir.resolve("a"), SweepFiles.shardName(1, 2), Sweep.header("0.1.0", s, 1, 2),
                List.of(changed, rows.get(1)));
        assertThatThrownBy(() -> SweepFiles.merge(List.of(dir.resolve("a")))).hasMessageContaining("point 0 appears twice");
        assertThatThrownBy(() -> SweepFiles.merge(List.of(dir.resolve("empty-dir-that-is-missing.jsonl"))))
                .hasMessageContaining("cannot be read");
        Files.writeString(dir.resolve("bad.jsonl"), "{\"x\":1}\n");
        assertThatThrownBy(() -> SweepFiles.merge(List.of(dir.resolve("bad.jsonl")))).hasMessageContaining("not a sweep header");
    }

    @Test
    void progressCountsPointsAndStaysSilentOffATerminal() {
        StringWriter sw = new StringWriter();
        long[] now = {0};
        Progress p = new Progress(2, new PrintWriter(sw), true, () -> now[0], null);
        now[0] = 1_500_000_000L;
        p.pointDone();
        now[0] = 3_000_000_000L;
        p.pointDone();
        assertThat(sw.toString()).contains("[1/2]  50%  elapsed 0:01  left ~0:02").contains("[2/2] 100%")
                .endsWith("\r");
        StringWriter quiet = new StringWriter();
        new Progress(1, new PrintWriter(quiet), false).pointDone();
        assertThat(quiet.toString()).isEmpty();
    }

    @Test
    void progressOnlyOnATerminalAndOnlyForWorkLongerThanTwoSeconds() {
        assertThat(Progress.isTerminal("/dev/pts/3")).isTrue();
        assertThat(Progress.isTerminal("/dev/tty1")).isTrue();
        assertThat(Progress.isTerminal("/tmp/sweep.log")).as("redirected to a file").isFalse();
        assertThat(Progress.isTerminal("pipe:[123456]")).as("a pipe").isFalse();
        assertThat(Progress.isTerminal("/dev/null")).isFalse();
        // This test's standard error is Surefire's pipe or file, never a terminal: no frames.
        assertThat(Progress.onTerminal()).isFalse();
        assertThat(Progress.worthDrawing(1_200_000_000L, 0.8)).as("1.5 s expected").isFalse();
        assertThat(Progress.worthDrawing(1_200_000_000L, 0.2)).as("6 s expected").isTrue();
        assertThat(Progress.worthDrawing(500_000_000L, 0.01)).as("50 s expected, but within the first second")
                .isFalse();
        assertThat(Progress.worthDrawing(1_000_000_000L, -1)).as("unknown share, 1 s so far").isFalse();
        assertThat(Progress.worthDrawing(2_500_000_000L, -1)).as("unknown share, 2.5 s so far").isTrue();
        StringWriter fast = new StringWriter();
        long[] now = {0};
        Progress p = new Progress(3, new PrintWriter(fast), true, () -> now[0], null);
        for (int i = 0; i < 3; i++) {
            now[0] += 100_000_000L;
            p.pointDone();
        }
        assertThat(fast.toString()).as("0.3 s of points").isEmpty();
    }
}
