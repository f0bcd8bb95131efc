package org.mqvio.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;

/** sweep-merge checks every point's values against the sweep's definition (issue 16: a relabelled point passed). */
class SweepMergeCheckTest {
    @TempDir
    Path dir;

    @Test
    void aPointRelabelledWithOtherValuesIsRefusedNamingThePointAndTheExpectedValues() throws IOException {
        SweepSpec s = new SweepSpec(List.of("--rw=randread", "--iodepth=4", "--runtime=1ms"), StackConfig.defaults(1),
                null, List.of(SweepParameter.parse("numjobs=1..2"), SweepParameter.parse("dataplane=baseline,mq")),
                "numjobs", List.of("iops"));
        List<PointRow> rows = Sweep.run(ProviderRegistry.load(), s, Map.of(), 0, 1, 2,
                new Progress(4, new PrintWriter(new StringWriter()), false));
        for (int shard = 0; shard < 2; shard++) {
            int i = shard;
            SweepFiles.write(dir, SweepFiles.shardName(i, 2), Sweep.header("0.1.0", s, i, 2),
                    rows.stream().filter(r -> r.index() % 2 == i).toList());
        }
        assertThat(SweepFiles.merge(List.of(dir)).rows()).isEqualTo(rows);

        // Point 3 is numjobs=2 dataplane=mq; its line is edited to claim the values of point 2.
        Path shard1 = dir.resolve(SweepFiles.shardName(1, 2) + ".jsonl");
        String text = Files.readString(shard1);
        String relabelled = text.replace("{\"point\":3,\"parameters\":{\"numjobs\":\"2\",\"dataplane\":\"mq\"}",
                "{\"point\":3,\"parameters\":{\"numjobs\":\"2\",\"dataplane\":\"baseline\"}");
        assertThat(relabelled).isNotEqualTo(text);
        Files.writeString(shard1, relabelled);
        assertThatThrownBy(() -> SweepFiles.merge(List.of(dir))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(shard1 + ": point 3 has numjobs=2 dataplane=baseline but point 3 of sweep "
                        + s.id("0.1.0") + " is numjobs=2 dataplane=mq; allowed: the points as the sweep wrote them");

        // A value the sweep never had, and an index past its end.
        Files.writeString(shard1, text.replace("\"numjobs\":\"2\",\"dataplane\":\"mq\"", "\"numjobs\":\"7\",\"dataplane\":\"mq\""));
        assertThatThrownBy(() -> SweepFiles.merge(List.of(dir))).hasMessageContaining("point 3 has numjobs=7 dataplane=mq");
        Files.writeString(shard1, text + text.lines().reduce((a, b) -> b).orElseThrow().replace("\"point\":3", "\"point\":5")
                + "\n");
        assertThatThrownBy(() -> SweepFiles.merge(List.of(dir))).hasMessageContaining("point 5 is not a point of sweep");
    }
}
