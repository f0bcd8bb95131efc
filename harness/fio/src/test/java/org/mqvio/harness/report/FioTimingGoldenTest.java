package org.mqvio.harness.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.fio.JobPlan;
import org.mqvio.harness.fio.JobPlanner;
import org.mqvio.harness.fio.PlanRunner;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.CloneFailure;
import org.mqvio.harness.workload.RunResult;

/**
 * fio's rate options against fio itself: the golden files are fio 3.33's output for jobs on its {@code null} engine
 * (no device, so fio's own pacing is all there is), made with
 * {@code fio --name=j --ioengine=null --rw=randread --size=1g --iodepth=16 --rate_iops=1000 --runtime=2 --time_based
 * --output-format=json} and {@code fio --name=j --ioengine=null --rw=randread --size=1g --thinktime=10ms
 * --rate_iops_min=200 --runtime=5 --time_based --output-format=json} (stderr kept beside it). mqvio runs the same
 * job options, read from fio's {@code "job options"}, on its default stack.
 */
class FioTimingGoldenTest {
    private static String resource(String name) throws IOException {
        try (InputStream in = FioTimingGoldenTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** fio's JSON document in {@code name} (fio prints a job's error line before it on stdout). */
    private static JsonNode fio(String name) throws IOException {
        String text = resource(name);
        return Json.parse(text.substring(text.indexOf('{')));
    }

    private record Ours(JsonNode json, List<RunResult> runs) {
    }

    private static Ours ours(JsonNode fioJob) {
        List<String> tokens = new ArrayList<>();
        fioJob.get("job options").fields().forEachRemaining(e -> tokens.add("--" + e.getKey() + "=" + e.getValue().asText()));
        JobPlan plan = JobPlanner.plan(tokens, Map.of());
        List<RunResult> runs = PlanRunner.run(ProviderRegistry.load(), plan, StackConfig.defaults(1), null);
        return new Ours(Json.parse(Json.write(FioJsonReport.of("0.1.0", plan, runs, Instant.EPOCH))), runs);
    }

    @Test
    void rateIopsRunsAtFiosAchievedRate() throws IOException {
        JsonNode fioJob = fio("fio-3.33-rate-iops-null.json").get("jobs").get(0);
        JsonNode ourJob = ours(fioJob).json().get("jobs").get(0);
        double fioIops = fioJob.get("read").get("iops").asDouble();
        assertThat(fioIops).isCloseTo(1000, within(10.0));
        assertThat(ourJob.get("read").get("iops").asDouble()).isCloseTo(fioIops, within(fioIops * 0.01));
        assertThat(ourJob.get("error").asInt()).isZero();
    }

    @Test
    void aMissedMinimumRateFailsWhenFiosDoesWithFiosErrorAndMessage() throws IOException {
        JsonNode fioJob = fio("fio-3.33-rate-iops-min-null.json").get("jobs").get(0);
        Ours ours = ours(fioJob);
        JsonNode ourJob = ours.json().get("jobs").get(0);
        assertThat(ourJob.get("error").asInt()).isEqualTo(fioJob.get("error").asInt()).isEqualTo(5);
        long fioRuntimeMs = fioJob.get("read").get("runtime").asLong();
        assertThat(ourJob.get("read").get("runtime").asDouble()).isCloseTo(fioRuntimeMs, within(fioRuntimeMs * 0.01));
        String fioLine = resource("fio-3.33-rate-iops-min-null.stderr").strip();
        CloneFailure f = ours.runs().get(0).jobs().get(0).clones().get(0).failure().orElseThrow();
        assertThat("j: " + f.message()).matches(fioLine.replaceAll("got \\d+ IOPS", "got \\\\d+ IOPS"));
    }
}
