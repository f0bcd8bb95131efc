package org.mqvio.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

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
 * How fio reports verification, against fio 3.33 itself. {@code fio-3.33-verify-crc32c.json} is {@code fio --name=w
 * --filename=F --size=64k --bs=4k --rw=write --ioengine=libaio --iodepth=4 --verify=crc32c --output-format=json};
 * {@code fio-3.33-verify-crc32c-corrupt.json} (and its stderr) is the same 16 KiB job run with {@code --verify_only=1}
 * on a file it had written with {@code --do_verify=0} and whose byte 8292 was then overwritten with 0xff. mqvio runs
 * the first job's options on a memory-backed device, and the second's (without verify_only, which it refuses) on one
 * whose reads are corrupted ({@code nvme.corrupt_read_probability=1}).
 */
class FioVerifyGoldenTest {
    private static final StackConfig STORED = StackConfig.defaults(1).withSetting("nvme.memory_backed", "true");

    private static String resource(String name) throws IOException {
        try (InputStream in = FioVerifyGoldenTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonNode fioJob(String name) throws IOException {
        return Json.parse(resource(name)).get("jobs").get(0);
    }

    private record Ours(JsonNode job, List<RunResult> runs) {
    }

    private static Ours ours(JsonNode fioJob, StackConfig stack) {
        List<String> tokens = new ArrayList<>();
        fioJob.get("job options").properties().forEach(e -> {
            if (!e.getKey().equals("verify_only")) {
                tokens.add("--" + e.getKey() + "=" + e.getValue().asText());
            }
        });
        JobPlan plan = JobPlanner.plan(tokens, Map.of());
        List<RunResult> runs = PlanRunner.run(ProviderRegistry.load(), plan, stack, null);
        JsonNode json = Json.parse(Json.write(FioJsonReport.of("0.1.0", plan, runs, Instant.EPOCH)));
        return new Ours(json.get("jobs").get(0), runs);
    }

    @Test
    void verifyReadsCountAsReadsOnePerBlockWrittenAsInFio() throws IOException {
        JsonNode fio = fioJob("fio-3.33-verify-crc32c.json");
        assertThat(fio.get("read").get("total_ios").asLong()).isEqualTo(fio.get("write").get("total_ios").asLong())
                .isEqualTo(16);
        JsonNode ours = ours(fio, STORED).job();
        for (String dir : List.of("read", "write")) {
            for (String key : List.of("total_ios", "io_bytes")) {
                assertThat(ours.get(dir).get(key).asLong()).as(dir + "." + key)
                        .isEqualTo(fio.get(dir).get(key).asLong());
            }
        }
        assertThat(ours.get("error").asInt()).isEqualTo(fio.get("error").asInt()).isZero();
    }

    @Test
    void aBadChecksumEndsTheJobWithFiosErrorAndFiosLines() throws IOException {
        JsonNode fio = fioJob("fio-3.33-verify-crc32c-corrupt.json");
        Ours ours = ours(fio, STORED.withSetting("nvme.corrupt_read_probability", "1"));
        assertThat(ours.job().get("error").asInt()).isEqualTo(fio.get("error").asInt()).isEqualTo(84);
        List<String> fioLines = resource("fio-3.33-verify-crc32c-corrupt.stderr").lines().toList();
        CloneFailure f = ours.runs().get(0).jobs().get(0).clones().get(0).failure().orElseThrow();
        List<String> lines = f.message().lines().toList();
        assertThat(lines).hasSameSizeAs(fioLines);
        String first = fioLines.get(0).replaceAll("at file \\S+", "at file device").replace(", flags=88)", ")")
                .replaceAll("\\d+", "\\\\d+").replace("(", "\\(").replace(")", "\\)");
        assertThat(lines.get(0)).matches(first);
        for (int i = 1; i < lines.size(); i++) {
            assertThat(lines.get(i)).matches(fioLines.get(i).replaceAll("[0-9a-f]{8}$", "[0-9a-f]{8}"));
        }
    }
}
