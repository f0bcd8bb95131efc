package org.mqvio.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.fio.JobPlan;
import org.mqvio.harness.fio.JobPlanner;
import org.mqvio.harness.fio.PlanRunner;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.FioLatencyBins;
import org.mqvio.harness.workload.RunResult;

/**
 * json+ and terse version 3 against fio 3.33's own
 * (harness/fio/src/test/resources/org/mqvio/harness/report/fio-3.33-golden.md): structure, never values.
 */
class FioOutputsTest {
    private static JobPlan plan;
    private static List<RunResult> runs;

    @BeforeAll
    static void run() {
        plan = JobPlanner.plan(List.of("--name=j", "--rw=randrw", "--bs=4k", "--iodepth=4", "--runtime=2ms",
                "--description=my desc"), Map.of());
        runs = PlanRunner.run(ProviderRegistry.load(), plan, StackConfig.defaults(1), null);
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = FioOutputsTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode jsonPlus() {
        return Json.parse(Json.write(FioJsonReport.of("0.1.0", plan, runs, Instant.EPOCH, true)));
    }

    @Test
    void jsonPlusBinsSumToTotalIosAndAreKeyedByFiosBucketValues() {
        JsonNode job = jsonPlus().get("jobs").get(0);
        for (String dir : List.of("read", "write")) {
            JsonNode d = job.get(dir);
            assertThat(d.get("total_ios").asLong()).as(dir).isPositive();
            JsonNode bins = d.get("clat_ns").get("bins");
            long sum = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = bins.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> bin = it.next();
                long key = Long.parseLong(bin.getKey());
                assertThat(FioLatencyBins.value(FioLatencyBins.index(key))).as(dir + " bin " + key).isEqualTo(key);
                sum += bin.getValue().asLong();
            }
            assertThat(sum).as(dir + ": the bins hold every I/O").isEqualTo(d.get("total_ios").asLong());
        }
        JsonNode plain = Json.parse(Json.write(FioJsonReport.of("0.1.0", plan, runs, Instant.EPOCH)));
        assertThat(plain.get("jobs").get(0).get("read").get("clat_ns").has("bins")).as("json has no bins").isFalse();
    }

    @Test
    void fiosOwnBinKeysAreTheValuesOfItsBuckets() throws IOException {
        JsonNode read = Json.parse(golden("fio-3.33-randrw.jsonplus.json")).get("jobs").get(0).get("read");
        List<String> keys = new ArrayList<>();
        read.get("clat_ns").get("bins").fieldNames().forEachRemaining(keys::add);
        assertThat(keys).as("the golden file has bins past the exact range").anyMatch(k -> Long.parseLong(k) >= 128);
        for (String k : keys) {
            long v = Long.parseLong(k);
            assertThat(FioLatencyBins.value(FioLatencyBins.index(v))).as("fio's key " + k).isEqualTo(v);
        }
    }

    @Test
    void jsonPlusHasBinsWhereFio333HasThem() throws IOException {
        JsonNode fio = Json.parse(golden("fio-3.33-randrw.jsonplus.json")).get("jobs").get(0);
        JsonNode ours = jsonPlus().get("jobs").get(0);
        for (String dir : List.of("read", "write")) {
            for (String lat : List.of("slat_ns", "clat_ns", "lat_ns")) {
                assertThat(ours.get(dir).get(lat).has("bins")).as(dir + "." + lat)
                        .isEqualTo(fio.get(dir).get(lat).has("bins"));
            }
        }
    }

    @Test
    void terseVersion3HasFiosFieldsInFiosOrder() throws IOException {
        StringWriter sw = new StringWriter();
        TerseReport.write(new PrintWriter(sw), "0.1.0", plan, runs);
        List<String> lines = sw.toString().lines().toList();
        assertThat(lines).hasSize(1);
        List<String> ours = List.of(lines.get(0).split(";", -1));
        List<String> fio = List.of(golden("fio-3.33-read-description.minimal.txt").strip().split(";", -1));
        List<String> fioNoDescription = List.of(golden("fio-3.33-randrw.terse3.txt").strip().split(";", -1));
        assertThat(fioNoDescription).as("fio's terse v3").hasSize(121);
        assertThat(ours).as("with a description, as fio's").hasSize(fio.size()).hasSize(122);
        assertThat(ours.get(0)).isEqualTo("3");
        assertThat(ours.get(121)).isEqualTo("my desc");
        assertThat(ours.stream().map(FioOutputsTest::shape).toList()).isEqualTo(fio.stream().map(FioOutputsTest::shape).toList());
        assertThat(ours.subList(0, 121).stream().map(FioOutputsTest::shape).toList())
                .isEqualTo(fioNoDescription.stream().map(FioOutputsTest::shape).toList());
    }

    @Test
    void terseVersions2To5HaveFiosFieldsInFiosOrder() throws IOException {
        Map<Integer, Integer> fields = Map.of(2, 161, 4, 162, 5, 180);
        for (int v : List.of(2, 4, 5)) {
            StringWriter sw = new StringWriter();
            TerseReport.write(new PrintWriter(sw), "0.1.0", plan, runs, v);
            String fio = golden("fio-3.33-read-description.terse" + v + ".txt");
            List<String> ourLines = sw.toString().lines().toList();
            List<String> fioLines = fio.lines().toList();
            assertThat(ourLines).as("version %d: the description on a line of its own in version 2 only", v)
                    .hasSize(fioLines.size()).hasSize(v == 2 ? 2 : 1);
            for (int i = 0; i < fioLines.size(); i++) {
                List<String> ours = List.of(ourLines.get(i).split(";", -1));
                List<String> theirs = List.of(fioLines.get(i).split(";", -1));
                assertThat(ours.stream().map(FioOutputsTest::shape).toList()).as("version %d line %d", v, i + 1)
                        .isEqualTo(theirs.stream().map(FioOutputsTest::shape).toList());
            }
            assertThat(fioLines.get(0).split(";", -1)).as("fio's version %d without the description", v)
                    .hasSize(fields.get(v) + (v == 2 ? 0 : 1));
            assertThat(ourLines.get(0)).startsWith(v == 2 ? "2;j;0;0;" : v + ";mqvio-0.1.0;j;0;0;");
            assertThat(ourLines.get(ourLines.size() - 1)).endsWith(";my desc");
        }
        assertThatThrownBy(() -> TerseReport.write(new PrintWriter(new StringWriter()), "0.1.0", plan, runs, 6))
                .hasMessage("--terse-version=6 is invalid; allowed: 2, 3, 4, 5");
    }

    /** What kind of field a terse field is, by fio's printf formats. */
    private static String shape(String field) {
        if (field.matches("\\d+")) {
            return "int";
        }
        if (field.matches("\\d+\\.\\d{6}")) {
            return "%f";
        }
        if (field.matches("\\d+\\.\\d{6}%")) {
            return "%f%%";
        }
        if (field.matches("\\d+\\.\\d%")) {
            return "%3.1f%%";
        }
        if (field.matches("\\d+\\.\\d{2}%")) {
            return "%3.2f%%";
        }
        if (field.matches("(\\d+\\.\\d{6}|0)%=\\d+")) {
            return "percentile";
        }
        return "text";
    }
}
