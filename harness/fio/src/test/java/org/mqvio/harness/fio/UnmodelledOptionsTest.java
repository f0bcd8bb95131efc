package org.mqvio.harness.fio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An option that changes the workload and is not modelled is refused, naming it and why; never dropped silently. */
class UnmodelledOptionsTest {
    @TempDir
    Path dir;

    private static JobPlan plan(String... tokens) {
        return JobPlanner.plan(List.of(tokens), Map.of());
    }

    /** The options issue 15 found listed as "not applicable" while the job ran as if they were absent. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            rate_iops=1000              | changes the workload (a rate limit or minimum) and is not modelled yet
            rate_process=poisson        | changes the workload (a rate limit or minimum) and is not modelled yet
            bssplit=4k/50:64k/50        | changes the workload (block sizes other than one bs per job) and is not modelled yet
            bsrange=4k-64k              | changes the workload (block sizes other than one bs per job) and is not modelled yet
            random_distribution=zipf:1.2 | changes the workload (where offsets fall or how random they are) and is not modelled yet
            latency_target=10ms         | changes the workload (fio's search for the depth that meets a latency target) and is not modelled yet
            verify=md5                  | reads back and checks written data, which is not modelled yet
            thinktime=100               | changes the workload (pauses or CPU work between I/Os) and is not modelled yet
            flow=1                      | paces jobs against each other (flow) and is not modelled yet
            zonemode=strided            | changes the workload (zoned access) and is not modelled yet
            """)
    void theOptionsIssue15FoundDroppedAreRefusedWithWhy(String option, String why) {
        assertThatThrownBy(() -> plan("--runtime=1ms", "--" + option)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command line: " + option + " " + why + "; --allow-unmodelled runs without it");
    }

    @Test
    void aJobFileSaysWhereAndEveryOtherUnmodelledOptionIsNamedOnTheSameLine() throws IOException {
        Path f = dir.resolve("r.fio");
        Files.writeString(f, "[global]\nruntime=1ms\n[limited]\nrate_iops=1000\nthinktime=5\n");
        assertThatThrownBy(() -> plan(f.toString(), "--loops=2")).hasMessage(f + ":4: rate_iops=1000 changes the"
                + " workload (a rate limit or minimum) and is not modelled yet; --allow-unmodelled runs without it"
                + " (also not modelled: thinktime=5 (" + f + ":5), loops=2 (command line))");
    }

    @Test
    void allowUnmodelledRunsWithoutThemAndListsThemApartFromTheIrrelevantOnes() {
        JobPlan p = plan("--allow-unmodelled", "--runtime=1ms", "--rate_iops=1000", "--ioengine=libaio", "--thinktime=5");
        assertThat(p.unmodelled()).extracting(IgnoredOption::toString)
                .containsExactly("rate_iops=1000 (command line)", "thinktime=5 (command line)");
        assertThat(p.unmodelled().get(0).why()).isEqualTo("changes the workload (a rate limit or minimum) and is not"
                + " modelled yet");
        assertThat(p.notApplicable()).extracting(IgnoredOption::text).containsExactly("ioengine=libaio");
        assertThat(p.jobs()).hasSize(1);
        assertThat(plan("--runtime=1ms", "--direct=1").unmodelled()).isEmpty();
    }

    @Test
    void mqvioRunsOwnOptionsAreNotAJobsOptions() throws IOException {
        Path f = dir.resolve("o.fio");
        Files.writeString(f, "[j]\noutput=x.json\n");
        assertThatThrownBy(() -> plan(f.toString())).hasMessage(f + ":2: output is an option of mqvio run itself,"
                + " with fio's meaning, not a job's option; allowed: --output on mqvio run's command line");
    }
}
