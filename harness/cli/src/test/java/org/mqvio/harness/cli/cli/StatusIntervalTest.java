package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mqvio.harness.cli.InProcessCli.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.harness.cli.InProcessCli.Outcome;
import org.mqvio.harness.report.Json;

/**
 * fio's {@code --status-interval}: the full report so far every interval of simulated time, in each format asked
 * for, then the final one; as many reports as fio 3.33 printed for the same job with the same ratio of runtime
 * to interval (goldens in {@code fio-3.33-status/}: 2 s and 1 s there, a twentieth of each here, to run fast).
 */
class StatusIntervalTest {
    private static final String[] JOB = {"run", "--name=x", "--rw=randread", "--time_based", "--runtime=100ms",
            "--status-interval=50ms"};

    private static String golden(String name) throws IOException {
        try (var in = StatusIntervalTest.class.getResourceAsStream("fio-3.33-status/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String mqvio(String... more) {
        List<String> args = new ArrayList<>(List.of(JOB));
        args.addAll(List.of(more));
        Outcome o = run(args.toArray(String[]::new));
        assertThat(o.code()).as(o.err()).isZero();
        return o.out();
    }

    /** The JSON documents of {@code text}, one after another, as fio prints one per report. */
    private static List<JsonNode> documents(String text) {
        List<JsonNode> docs = new ArrayList<>();
        int start = 0;
        for (int end = text.indexOf("\n}\n"); end >= 0; end = text.indexOf("\n}\n", start)) {
            docs.add(Json.parse(text.substring(start, end + 2)));
            start = end + 3;
        }
        assertThat(text.substring(start)).as("nothing after the last document").isBlank();
        return docs;
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static long count(String text, String line) {
        return text.lines().filter(l -> l.startsWith(line)).count();
    }

    @Test
    void asManyJsonDocumentsAsFioPrintsEachTheReportSoFar() throws IOException {
        List<JsonNode> fio = documents(golden("json.txt"));
        List<JsonNode> ours = documents(mqvio("--output-format=json"));
        assertThat(fio).as("floor(runtime / interval) interim reports and the final one").hasSize(3);
        assertThat(ours).hasSize(fio.size());
        long before = 0;
        for (int k = 0; k < ours.size(); k++) {
            JsonNode read = ours.get(k).get("jobs").get(0).get("read");
            assertThat(read.get("total_ios").asLong()).as("report %d grows", k).isGreaterThan(k < 2 ? before : before - 1);
            before = read.get("total_ios").asLong();
            assertThat(read.get("runtime").asLong()).isEqualTo(Math.min(k + 1, 2) * 50L);
            assertThat(keys(read)).as("fio's keys").containsAll(keys(fio.get(k).get("jobs").get(0).get("read")));
        }
        JsonNode last = ours.get(1).get("jobs").get(0).get("read");
        JsonNode end = ours.get(2).get("jobs").get(0).get("read");
        assertThat(last.get("total_ios")).as("the report at the window's end is the final one").isEqualTo(end.get("total_ios"));
        assertThat(last.get("iops")).isEqualTo(end.get("iops"));
        assertThat(last.get("clat_ns").get("mean")).isEqualTo(end.get("clat_ns").get("mean"));
    }

    @Test
    void asManyTerseLinesAndNormalReportsAsFio() throws IOException {
        String terse = mqvio("--output-format=terse");
        assertThat(terse.lines()).hasSize((int) golden("terse.txt").lines().count());
        assertThat(terse.lines().map(l -> l.split(";", -1).length).distinct()).containsExactly(121);
        String fio = golden("normal.txt");
        String normal = mqvio();
        assertThat(count(normal, "Run status group 0")).isEqualTo(count(fio, "Run status group 0")).isEqualTo(3);
        assertThat(count(normal, "x: (groupid=0, jobs=1)")).isEqualTo(count(fio, "x: (groupid=0, jobs=1)"));
        assertThat(count(normal, "x: (g=0)")).as("the heading once, as fio prints it").isEqualTo(count(fio, "x: (g=0)"))
                .isEqualTo(1);
        assertThat(normal.indexOf("x: (g=0)")).as("before the first report, as fio's")
                .isLessThan(normal.indexOf("x: (groupid=0")).isNotNegative();
        assertThat(fio.indexOf("x: (g=0)")).isLessThan(fio.indexOf("x: (groupid=0")).isNotNegative();
        assertThat(normal).contains("(7104KiB/50msec)");
    }

    @Test
    void aListPrintsEveryFormatInEachReport() {
        String both = mqvio("--output-format=terse,json", "--runtime=50ms");
        assertThat(count(both, "3;mqvio-")).isEqualTo(2);
        assertThat(count(both, "{")).isEqualTo(2);
    }

    @Test
    void aBadIntervalIsOneLineAndExitTwo() {
        for (String bad : new String[] {"0.5", "500us", "abc", "0"}) {
            Outcome o = run("run", "--name=x", "--rw=randread", "--runtime=10ms", "--status-interval=" + bad);
            assertThat(o.code()).as(bad).isEqualTo(2);
            assertThat(o.err()).isEqualTo("mqvio: --status-interval=" + bad + " is invalid; allowed: a time of at"
                    + " least 1ms, with an optional unit ns, us, ms, s, m, h (default s)" + System.lineSeparator());
        }
    }
}
