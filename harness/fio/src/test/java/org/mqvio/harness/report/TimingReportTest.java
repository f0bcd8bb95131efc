package org.mqvio.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.fio.JobPlan;
import org.mqvio.harness.fio.JobPlanner;
import org.mqvio.harness.fio.PlanRunner;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.RunResult;

/** fio's submit and complete distributions report how the job batched its I/O, as fio's do. */
class TimingReportTest {
    @Test
    void submitAndCompleteDistributionsFollowTheBatchOptions() {
        JobPlan plan = JobPlanner.plan(List.of("--rw=randread", "--iodepth=32", "--runtime=5ms",
                "--iodepth_batch_submit=8", "--iodepth_batch_complete_min=8", "--iodepth_batch_complete_max=8",
                "--iodepth_low=16"), Map.of());
        List<RunResult> runs = PlanRunner.run(ProviderRegistry.load(), plan, StackConfig.defaults(1), null);
        JsonNode job = Json.parse(Json.write(FioJsonReport.of("0.1.0", plan, runs, Instant.EPOCH))).get("jobs").get(0);
        assertThat(job.get("iodepth_submit").get("8").asDouble()).isEqualTo(100.0);
        assertThat(job.get("iodepth_complete").get("8").asDouble()).isEqualTo(100.0);
        assertThat(job.get("iodepth_submit").get("4").asDouble()).as("fio's default bucket, one I/O a call").isZero();
        StringWriter text = new StringWriter();
        NormalReport.write(new PrintWriter(text), "0.1.0", plan, runs);
        assertThat(text.toString()).contains("     submit    : 0=0.0%, 4=0.0%, 8=100.0%, 16=0.0%")
                .contains("     complete  : 0=0.0%, 4=0.0%, 8=100.0%, 16=0.0%");
    }
}
