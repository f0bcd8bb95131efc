package org.mqvio.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.fio.JobPlan;
import org.mqvio.harness.fio.JobPlanner;
import org.mqvio.harness.fio.PlanRunner;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.RunResult;

/** fio's JSON and mqvio's, read by the same code: a script written for fio reads mqvio unchanged. */
class FioJsonTest {
    private static String fio;
    private static String ours;

    @BeforeAll
    static void produce() throws IOException {
        try (InputStream in = FioJsonTest.class.getResourceAsStream("fio-3.28-randread.json")) {
            fio = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        JobPlan plan = JobPlanner.plan(List.of("--rw=randread", "--bs=4k", "--iodepth=16", "--runtime=5ms",
                "--ramp_time=1ms", "--group_reporting", "--ioengine=libaio", "--name=vq-randread", "--numjobs=4"), Map.of());
        List<RunResult> runs = PlanRunner.run(ProviderRegistry.load(), plan, StackConfig.defaults(1), null);
        ours = Json.write(FioJsonReport.of("0.1.0", plan, runs, Instant.EPOCH));
    }

    @Test
    void bothReadTheSameWay() {
        for (String text : List.of(fio, ours)) {
            FioJsonSummary s = FioJsonSummary.read(text);
            assertThat(s.jobs()).hasSize(1);
            FioJsonSummary.Job j = s.jobs().get(0);
            assertThat(j.jobname()).isEqualTo("vq-randread");
            assertThat(j.groupid()).isZero();
            FioJsonSummary.Direction r = j.read();
            assertThat(r.totalIos()).isPositive();
            assertThat(r.ioBytes()).isEqualTo(r.totalIos() * 4096);
            assertThat(r.iops()).isCloseTo(r.totalIos() * 1000.0 / r.runtimeMs(), within(r.iops() * 0.01));
            assertThat(r.bw()).isEqualTo(r.bwBytes() / 1024);
            assertThat(r.clatPercentiles()).containsKeys("1.000000", "50.000000", "99.000000", "99.990000");
            assertThat(r.clatPercentiles().get("99.000000")).isGreaterThanOrEqualTo(r.clatPercentiles().get("50.000000"));
            assertThat(r.clat().n()).isEqualTo(r.totalIos());
            assertThat(r.lat().mean()).isCloseTo(r.slat().mean() + r.clat().mean(), within(r.lat().mean() * 0.01));
            assertThat(r.iopsMean()).isCloseTo(r.iops(), within(r.iops() * 0.05));
            assertThat(j.write().totalIos()).isZero();
            assertThat(j.write().clatPercentiles()).as("fio leaves out the percentiles of an idle direction").isEmpty();
            assertThat(j.trim().totalIos()).isZero();
            assertThat(j.iodepthLevel().get("16")).isGreaterThan(90);
            assertThat(j.sysCpu()).isPositive();
        }
        assertThat(FioJsonSummary.read(fio).version()).isEqualTo("fio-3.28");
        assertThat(FioJsonSummary.read(ours).version()).isEqualTo("mqvio-0.1.0");
    }

    @Test
    void oursHasEveryKeyPathOfFiosJobEntry() {
        JsonNode f = Json.parse(fio);
        JsonNode o = Json.parse(ours);
        assertThat(fieldNames(o)).containsAll(List.of("fio version", "timestamp", "timestamp_ms", "time",
                "global options", "jobs", "disk_util"));
        TreeSet<String> fioPaths = new TreeSet<>();
        TreeSet<String> ourPaths = new TreeSet<>();
        paths("", f.get("jobs").get(0), fioPaths);
        paths("", o.get("jobs").get(0), ourPaths);
        TreeSet<String> missing = new TreeSet<>(fioPaths);
        missing.removeAll(ourPaths);
        assertThat(missing).isEmpty();
        assertThat(o.has("mqvio")).isTrue();
        JsonNode m = o.get("mqvio");
        JsonNode run = m.get("runs").get(0);
        assertThat(fieldNames(run)).contains("stack", "cost_table_ns", "statistics", "digest");
        assertThat(run.get("cost_table_ns").get("kick_exit").isIntegralNumber()).isTrue();
        assertThat(run.get("cost_table_ns").get("kick_exit").longValue()).isEqualTo(1500L);
        assertThat(fieldNames(run.get("statistics"))).contains("cpu", "per_io", "batches", "locks", "queue_depth",
                "components");
        assertThat(m.get("not_applicable")).hasSize(1);
    }

    @Test
    void missingKeysAreNamedByPath() {
        String broken = ours.replaceFirst("\"iops_mean\"", "\"iops_mean_x\"");
        assertThatThrownBy(() -> FioJsonSummary.read(broken)).hasMessage("$.jobs[0].read.iops_mean: missing");
        assertThatThrownBy(() -> FioJsonSummary.read("{\"jobs\":[]}")).hasMessage("$.fio version: missing");
        assertThatThrownBy(() -> FioJsonSummary.read("{")).hasMessageContaining("JSON syntax error at line 1, column 2");
    }

    private static void paths(String prefix, JsonNode v, TreeSet<String> out) {
        if (v.isObject()) {
            v.properties().forEach(e -> {
                String p = prefix + "/" + e.getKey();
                out.add(p);
                if (!prefix.endsWith("job options") && !e.getKey().equals("job options")) {
                    paths(p, e.getValue(), out);
                }
            });
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
