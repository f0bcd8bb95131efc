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
            verify_only=1               | checks data an earlier run wrote; every mqvio run, and every stonewalled group, starts on a freshly built device
            verify_state_load=1         | checks data an earlier run wrote; every mqvio run, and every stonewalled group, starts on a freshly built device
            verify_async=2              | checks data on separate verification threads, which the model does not have (it checks on the job's vCPU)
            verify_dump=1               | writes the bad block's received and expected data to files on the real machine
            experimental_verify=1       | verifies by replaying the write phase's offsets instead of its log, or recreates the pattern per interval, which is not modelled yet
            thinkcycles=100             | changes the workload (CPU work between I/Os) and is not modelled yet
            flow=1                      | paces jobs against each other (flow) and is not modelled yet
            bs_unaligned=1              | asks for I/O sizes that are not whole 512-byte sectors, which the modelled requests cannot carry
            random_sequence_stride=1    | strides fio's random_distribution=sequence, a fixed list of blocks, which is not modelled
            """)
    void theOptionsIssue15FoundDroppedAreRefusedWithWhy(String option, String why) {
        assertThatThrownBy(() -> plan("--runtime=1ms", "--" + option)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("command line: " + option + " " + why + "; --allow-unmodelled runs without it");
    }

    @Test
    void aJobFileSaysWhereAndEveryOtherUnmodelledOptionIsNamedOnTheSameLine() throws IOException {
        Path f = dir.resolve("r.fio");
        Files.writeString(f, "[global]\nruntime=1ms\n[limited]\nmax_latency=10ms\nthinkcycles=5\n");
        assertThatThrownBy(() -> plan(f.toString(), "--wait_for=x")).hasMessage(f + ":4: max_latency=10ms ends the"
                + " job early on a latency limit, a steady state or another job's end, and is not modelled yet;"
                + " --allow-unmodelled runs without it (also not modelled: thinkcycles=5 (" + f + ":5), wait_for=x"
                + " (command line))");
    }

    @Test
    void allowUnmodelledRunsWithoutThemAndListsThemApartFromTheIrrelevantOnes() {
        JobPlan p = plan("--allow-unmodelled", "--runtime=1ms", "--thinkcycles=1000", "--ioengine=libaio",
                "--wait_for=x");
        assertThat(p.unmodelled()).extracting(IgnoredOption::toString)
                .containsExactly("thinkcycles=1000 (command line)", "wait_for=x (command line)");
        assertThat(p.unmodelled().get(0).why()).isEqualTo("changes the workload (CPU work between I/Os) and is not"
                + " modelled yet");
        assertThat(p.notApplicable()).extracting(IgnoredOption::text).containsExactly("ioengine=libaio");
        assertThat(p.jobs()).hasSize(1);
        assertThat(plan("--runtime=1ms", "--direct=1").unmodelled()).isEmpty();
        assertThat(plan("--runtime=1ms", "--offset_align=4k").notApplicable()).extracting(IgnoredOption::text)
                .as("offset_align acts only on an offset in percent, which is refused").containsExactly("offset_align=4k");
    }

    @Test
    void mqvioRunsOwnOptionsAreNotAJobsOptions() throws IOException {
        Path f = dir.resolve("o.fio");
        Files.writeString(f, "[j]\noutput=x.json\n");
        assertThatThrownBy(() -> plan(f.toString())).hasMessage(f + ":2: output is an option of mqvio run itself,"
                + " with fio's meaning, not a job's option; allowed: --output on mqvio run's command line");
    }
}
