package org.mqvio.harness.fio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mqvio.harness.workload.BatchPolicy;
import org.mqvio.harness.workload.JobPacing;
import org.mqvio.harness.workload.LatencyTarget;
import org.mqvio.harness.workload.PerDirection;
import org.mqvio.harness.workload.RateLimit;
import org.mqvio.harness.workload.ThinkTime;

/** fio's timing options with fio's syntax and units, planned into the job's {@link JobPacing}. */
class TimingOptionsTest {
    private static JobPacing pacing(String... options) {
        List<String> tokens = new java.util.ArrayList<>(List.of("--runtime=1ms"));
        tokens.addAll(List.of(options));
        return JobPlanner.plan(tokens, Map.of()).jobs().get(0).spec().pacing();
    }

    @Test
    void ratesTakeFiosPerDirectionFormAndSizeSuffixes() {
        assertThat(pacing("--rate_iops=1000").rate().iops()).isEqualTo(PerDirection.both(1000));
        assertThat(pacing("--rate=1m,500k").rate().bytesPerSec()).isEqualTo(new PerDirection(1 << 20, 500 << 10));
        assertThat(pacing("--rate=,500k").rate().bytesPerSec()).isEqualTo(new PerDirection(0, 500 << 10));
        assertThat(pacing("--rate=500k,").rate().bytesPerSec()).isEqualTo(new PerDirection(500 << 10, 0));
        assertThat(pacing("--kb_base=1000", "--rate=2m").rate().bytesPerSec()).isEqualTo(PerDirection.both(2_000_000));
        assertThat(pacing("--ratemin=1k", "--rate_cycle=500").rate())
                .extracting(RateLimit::minBytesPerSec, RateLimit::cycleNs)
                .containsExactly(PerDirection.both(1024), 500_000_000L);
        assertThat(pacing("--rate_iops=10", "--rate_process=poisson").rate().process())
                .isEqualTo(RateLimit.Process.POISSON);
        assertThat(pacing().rate()).isEqualTo(RateLimit.NONE);
    }

    @Test
    void thinktimeIsInMicrosecondsUnlessItSaysOtherwise() {
        assertThat(pacing("--thinktime=100").think()).isEqualTo(new ThinkTime(100_000, 0, 1, false));
        assertThat(pacing("--thinktime=1ms", "--thinktime_spin=2ms", "--thinktime_blocks=4",
                "--thinktime_blocks_type=issue").think()).as("spin is clamped to the think time, as fio does")
                .isEqualTo(new ThinkTime(1_000_000, 1_000_000, 4, true));
        assertThat(pacing("--thinktime=1s", "--thinktime_iotime=9").think()).as("a bare thinktime_iotime is seconds")
                .isEqualTo(new ThinkTime(1_000_000_000, 0, 1, false, 9_000_000_000L, false));
        assertThat(pacing("--thinktime=1s", "--thinktime_iotime=9s", "--thinktime_blocks=100").think().blocksGiven())
                .isTrue();
    }

    @Test
    void batchingStartdelayAndLoops() {
        assertThat(pacing("--iodepth=16", "--iodepth_batch_submit=4", "--iodepth_batch_complete=2",
                "--iodepth_batch_complete_max=8", "--iodepth_low=8").batch()).isEqualTo(new BatchPolicy(4, 2, 8, 8));
        assertThat(pacing("--startdelay=2")).extracting(JobPacing::startDelayNs).isEqualTo(2_000_000_000L);
        assertThat(pacing("--startdelay=5ms-10ms")).extracting(JobPacing::startDelayNs, JobPacing::startDelayHighNs)
                .containsExactly(5_000_000L, 10_000_000L);
        assertThat(pacing("--loops=3").loops()).isEqualTo(3);
    }

    @Test
    void latencyTargetInMicrosecondsWithAPercentile() {
        assertThat(pacing("--iodepth=32", "--latency_target=50", "--latency_window=5ms", "--latency_percentile=99.9",
                "--latency_run=1").latency()).isEqualTo(new LatencyTarget(50_000, 5_000_000, 99.9, true));
        assertThat(pacing().latency()).isEqualTo(LatencyTarget.NONE);
        assertThatThrownBy(() -> pacing("--latency_percentile=101")).hasMessage("command line: latency_percentile=101"
                + " is invalid; allowed: a number in [0, 100], e.g. 99.9");
    }

    @Test
    void badTimingValuesSayWhatIsAllowed() {
        assertThatThrownBy(() -> pacing("--rate_process=poison")).hasMessage("command line: rate_process=poison is"
                + " invalid; allowed: linear, poisson; did you mean 'poisson'?");
        assertThatThrownBy(() -> pacing("--rate=1m,2m,3m,4m")).hasMessageStartingWith("command line: rate=1m,2m,3m,4m"
                + " is invalid; allowed: READ[,WRITE[,TRIM]]");
        assertThatThrownBy(() -> pacing("--rate=1m", "--rate_iops=10")).hasMessageContaining("rate and rate_iops")
                .hasMessageContaining("allowed: one of them");
        assertThatThrownBy(() -> pacing("--rate_iops=10", "--rate_iops_min=20"))
                .hasMessageContaining("minimum rate exceeds its rate");
        assertThatThrownBy(() -> pacing("--startdelay=10-5")).hasMessageContaining("LOW <= HIGH");
        assertThatThrownBy(() -> pacing("--loops=0")).hasMessage("command line: loops=0 is invalid; allowed: an"
                + " integer in [1, 65535]");
    }
}
