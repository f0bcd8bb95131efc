package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;

/** fio's timing options on simulated runs: rate, minimum rate, think time, batching, start delay and loops. */
class JobPacingTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final long US = 1_000L;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private static JobSpec timed(int iodepth, long runtimeNs, JobPacing pacing) {
        return new JobSpec("paced", ReadWrite.RANDREAD, 4096, iodepth, 1, runtimeNs, 0, 0, 50, 0, 0, 0,
                OptionalLong.empty(), List.of(), 0).withPacing(pacing);
    }

    private static CloneResult runOne(JobSpec job) {
        RunResult r = SimulationRun.run(REGISTRY, StackConfig.defaults(1).withDataPlane("mq"), job);
        assertThat(r.statistics().run().get(RunStatistics.LOST_AFTER_DRAIN)).isZero();
        return r.jobs().get(0).clones().get(0);
    }

    private static RateLimit iops(long read, RateLimit.Process process) {
        return new RateLimit(PerDirection.ZERO, new PerDirection(read, 0), PerDirection.ZERO, PerDirection.ZERO,
                process, RateLimit.DEFAULT_CYCLE_NS, false);
    }

    /** Issue 15: a job limited to 1,000 IOPS runs at 1,000 IOPS (it reported 176K when rate_iops was dropped). */
    @Test
    void rateIopsHoldsTheJobAtItsRate() {
        CloneResult c = runOne(timed(16, 1 * S, JobPacing.NONE.withRate(iops(1000, RateLimit.Process.LINEAR))));
        assertThat(c.read().iops()).isCloseTo(1000, within(10.0));
    }

    /** rate in bytes per second, per direction: a mixed job's reads and writes each keep their own cap. */
    @Test
    void ratePerDirectionCapsEachDirection() {
        RateLimit rate = new RateLimit(new PerDirection(4096 * 2000, 4096 * 500), PerDirection.ZERO, PerDirection.ZERO,
                PerDirection.ZERO, RateLimit.Process.LINEAR, RateLimit.DEFAULT_CYCLE_NS, false);
        JobSpec job = new JobSpec("mixed", ReadWrite.RANDRW, 4096, 8, 1, S / 2, 0, 0, 50, 0, 0, 0,
                OptionalLong.empty(), List.of(), 0).withPacing(JobPacing.NONE.withRate(rate));
        CloneResult c = runOne(job);
        assertThat(c.read().bytesPerSecond()).isCloseTo(4096 * 2000, within(4096 * 2000 * 0.01));
        assertThat(c.write().bytesPerSecond()).isCloseTo(4096 * 500, within(4096 * 500 * 0.01));
    }

    /**
     * rate_iops per direction is converted with that direction's own smallest size (fio's __setup_rate(): rate_bps =
     * rate_iops x min_bs[ddir]): reads of 4 KiB at 2,000 IOPS and writes of 64 KiB at 500 IOPS each hold their own
     * count, where converting the writes' I/Os with the reads' size gave them 16 times too few.
     */
    @Test
    void rateIopsPerDirectionUsesEachDirectionsSize() {
        RateLimit rate = new RateLimit(PerDirection.ZERO, new PerDirection(2000, 500), PerDirection.ZERO,
                PerDirection.ZERO, RateLimit.Process.LINEAR, RateLimit.DEFAULT_CYCLE_NS, false);
        JobSpec job = new JobSpec("mixed", ReadWrite.RANDRW, 4096, 8, 1, S / 2, 0, 0, 50, 0, 0, 0,
                OptionalLong.empty(), List.of(), 0).withPacing(JobPacing.NONE.withRate(rate))
                .withAccess(AccessPattern.DEFAULT.withSizes(BlockSizes.fixed(4096), BlockSizes.fixed(65536)));
        CloneResult c = runOne(job);
        assertThat(c.read().iops()).isCloseTo(2000, within(20.0));
        assertThat(c.write().iops()).isCloseTo(500, within(5.0));
    }

    /**
     * rate_process=poisson: over 2 s at 2,000 IOPS (4,000 I/Os, a count whose Poisson spread is 1.6%) the mean rate
     * is within 5% (three spreads).
     */
    @Test
    void poissonKeepsTheMeanRate() {
        CloneResult c = runOne(timed(16, 2 * S, JobPacing.NONE.withRate(iops(2000, RateLimit.Process.POISSON))));
        assertThat(c.read().iops()).isCloseTo(2000, within(100.0));
    }

    /** Poisson gaps are exponential (coefficient of variation 1); linear ones are all equal (0). */
    @Test
    void poissonGapsVaryAsAnExponentialsDoAndLinearOnesDoNot() {
        assertThat(gapVariation(RateLimit.Process.POISSON)).isCloseTo(1.0, within(0.05));
        assertThat(gapVariation(RateLimit.Process.LINEAR)).isCloseTo(0.0, within(1e-9));
    }

    private static double gapVariation(RateLimit.Process process) {
        RatePacer pacer = new RatePacer(iops(1000, process), 4096, 4096, 0, new SplittableRandom(7),
                new SplittableRandom(8));
        int n = 20_000;
        double sum = 0;
        double sumSq = 0;
        long previous = pacer.dueNs(0);
        for (int i = 0; i < n; i++) {
            pacer.queued(0, 4096);
            double gap = pacer.dueNs(0) - previous;
            previous = pacer.dueNs(0);
            sum += gap;
            sumSq += gap * gap;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sumSq / n - mean * mean)) / mean;
    }

    /**
     * thinktime at depth 1: each I/O is followed by the pause, so the period is the I/O's own plus the think time
     * (and one wake-up of the vCPU, asleep on the pause's timer, 5 us of the cost table: within the 3% allowed).
     */
    @Test
    void thinktimeAddsItsPauseToEachIo() {
        CloneResult plain = runOne(timed(1, 50 * MS, JobPacing.NONE));
        CloneResult paused = runOne(timed(1, 50 * MS, JobPacing.NONE.withThink(new ThinkTime(200 * US, 0, 1, false))));
        double expected = 1e9 / (1e9 / plain.read().iops() + 200 * US);
        assertThat(paused.read().iops()).isCloseTo(expected, within(expected * 0.03));
    }

    /** thinktime_blocks: a pause after every 4 I/Os costs a quarter of the think time per I/O. */
    @Test
    void thinktimeBlocksSpreadsThePause() {
        CloneResult plain = runOne(timed(1, 50 * MS, JobPacing.NONE));
        CloneResult paused = runOne(timed(1, 50 * MS, JobPacing.NONE.withThink(new ThinkTime(400 * US, 0, 4, false))));
        double expected = 1e9 / (1e9 / plain.read().iops() + 100 * US);
        assertThat(paused.read().iops()).isCloseTo(expected, within(expected * 0.03));
    }

    /**
     * thinktime_iotime without thinktime_blocks: a pause of 1 ms whenever 6 ms (iotime plus thinktime) have passed
     * since the last one began, from the clone's start: over 60 ms, pauses at 6, 12, ..., 54 ms, so 51 ms of I/O.
     * (Without the time, fio's default thinktime_blocks=1 would pause after every I/O.)
     */
    @Test
    void thinktimeIotimePausesByTime() {
        CloneResult plain = runOne(timed(1, 60 * MS, JobPacing.NONE));
        CloneResult paused = runOne(timed(1, 60 * MS,
                JobPacing.NONE.withThink(new ThinkTime(1 * MS, 0, 1, false, 5 * MS, false))));
        double expected = plain.read().iops() * 51 / 60;
        assertThat(paused.read().iops()).isCloseTo(expected, within(expected * 0.02));
    }

    /** thinktime_spin keeps the clone's vCPU busy for the spun part; a sleeping pause leaves it idle. */
    @Test
    void thinktimeSpinBurnsTheVcpu() {
        CloneResult sleeping = runOne(timed(1, 50 * MS, JobPacing.NONE.withThink(new ThinkTime(200 * US, 0, 1, false))));
        CloneResult spinning = runOne(timed(1, 50 * MS,
                JobPacing.NONE.withThink(new ThinkTime(200 * US, 200 * US, 1, false))));
        double spunShare = 100.0 * spinning.read().iops() * 200 * US / 1e9;
        assertThat(spinning.cpuPercent() - sleeping.cpuPercent()).isCloseTo(spunShare, within(spunShare * 0.1));
    }

    /**
     * iodepth_batch_submit=4, iodepth_batch_complete_min=max=4 and iodepth_low=8 at iodepth 16: every submission
     * carries 4 I/Os and every reap takes 4 (fio's default is one each).
     */
    @Test
    void batchOptionsSetTheIosPerSubmissionAndPerReap() {
        CloneResult c = runOne(timed(16, 5 * MS, JobPacing.NONE.withBatch(new BatchPolicy(4, 4, 4, 8))));
        long[] submits = c.batches().submitCalls();
        long[] reaps = c.batches().reapCalls();
        assertThat(submits[4]).isPositive();
        assertThat(reaps[4]).isPositive();
        assertThat(java.util.Arrays.stream(submits).sum()).as("submissions of 4: %s", c.batches()).isEqualTo(submits[4]);
        assertThat(java.util.Arrays.stream(reaps).sum()).as("reaps of 4: %s", c.batches()).isEqualTo(reaps[4]);
        assertThat(c.read().lat().mean()).isCloseTo(c.read().slat().mean() + c.read().clat().mean(), within(1e-6));
    }

    /** fio's defaults submit each I/O on its own and reap one completion per call. */
    @Test
    void fiosDefaultsSubmitAndReapOneAtATime() {
        CloneResult c = runOne(timed(16, 5 * MS, JobPacing.NONE));
        long[] submits = c.batches().submitCalls();
        long[] reaps = c.batches().reapCalls();
        assertThat(submits[1]).isPositive().isEqualTo(java.util.Arrays.stream(submits).sum());
        assertThat(reaps[1]).isPositive().isEqualTo(java.util.Arrays.stream(reaps).sum());
    }

    /** startdelay shifts the clone's start, and its ramp and runtime with it; the range form draws per clone. */
    @Test
    void startdelayShiftsTheWindow() {
        CloneResult c = runOne(new JobSpec("late", ReadWrite.RANDREAD, 4096, 4, 1, 10 * MS, 2 * MS, 0, 50, 0, 0, 0,
                OptionalLong.empty(), List.of(), 0).withPacing(JobPacing.NONE.withStartDelay(30 * MS, 0)));
        assertThat(c.windowStartNs()).isEqualTo(32 * MS);
        assertThat(c.windowEndNs()).isEqualTo(42 * MS);
        assertThat(c.read().ios()).isPositive();

        JobSpec ranged = new JobSpec("ranged", ReadWrite.RANDREAD, 4096, 1, 4, 5 * MS, 0, 0, 50, 0, 0, 0,
                OptionalLong.empty(), List.of(), 0).withPacing(JobPacing.NONE.withStartDelay(10 * MS, 20 * MS));
        RunResult r = SimulationRun.run(REGISTRY, StackConfig.defaults(4).withDataPlane("mq"), ranged);
        List<Long> starts = r.jobs().get(0).clones().stream().map(CloneResult::windowStartNs).toList();
        assertThat(starts).allSatisfy(t -> assertThat(t).isBetween(10 * MS, 20 * MS));
        assertThat(starts.stream().distinct().count()).as("clones draw their own delays: %s", starts).isGreaterThan(1);
    }

    /** loops repeats a size-based job: three passes over 100 blocks issue 300 I/Os. */
    @Test
    void loopsRepeatTheAmount() {
        JobSpec job = new JobSpec("loops", ReadWrite.READ, 4096, 4, 1, 0, 0, 100 * 4096, 50, 0, 100 * 4096, 0,
                OptionalLong.empty(), List.of(), 0).withPacing(JobPacing.NONE.withLoops(3));
        CloneResult c = runOne(job);
        assertThat(c.read().ios()).isEqualTo(300);
        assertThat(c.read().bytes()).isEqualTo(300 * 4096);
    }

    /**
     * rate_iops_min: a job held to about 100 IOPS by its think time misses a 200 IOPS minimum at fio's first full
     * check (after 2 s, then one rate_cycle) and ends there with fio's message.
     */
    @Test
    void aMissedMinimumRateEndsTheJobWithFiosMessage() {
        RateLimit min = new RateLimit(PerDirection.ZERO, PerDirection.ZERO, PerDirection.ZERO, new PerDirection(200, 0),
                RateLimit.Process.LINEAR, RateLimit.DEFAULT_CYCLE_NS, false);
        CloneResult c = runOne(timed(1, 6 * S,
                JobPacing.NONE.withRate(min).withThink(new ThinkTime(10 * MS, 0, 1, false))));
        assertThat(c.failure()).get().extracting(CloneFailure::errno, CloneFailure::function)
                .containsExactly(5, "check_min_rate");
        assertThat(c.failure().get().message()).matches("rate_iops_min=200 not met, got 9\\d IOPS");
        assertThat(c.windowEndNs()).as("the first check records at 2 s, the next one a rate_cycle later fails")
                .isBetween(3 * S - 20 * MS, 3 * S + 20 * MS);

        CloneResult met = runOne(timed(1, 4 * S, JobPacing.NONE.withRate(new RateLimit(PerDirection.ZERO,
                PerDirection.ZERO, PerDirection.ZERO, new PerDirection(50, 0), RateLimit.Process.LINEAR,
                RateLimit.DEFAULT_CYCLE_NS, false)).withThink(new ThinkTime(10 * MS, 0, 1, false))));
        assertThat(met.failure()).isEmpty();
        assertThat(met.windowEndNs()).isEqualTo(4 * S);
    }

    /**
     * latency_target: at iodepth 64 one vCPU's clone has a latency of about 64 / 176K IOPS = 360 us; searching for
     * a 50 us target at the 99th percentile settles at a depth in between, and the final window it reports (at that
     * depth) meets the target; the job ends after that window, as fio's does.
     */
    @Test
    void latencyTargetFindsADepthThatMeetsIt() {
        LatencyTarget target = new LatencyTarget(50 * US, 5 * MS, 99, false);
        CloneResult c = runOne(timed(64, 500 * MS, JobPacing.NONE.withLatencyTarget(target)));
        assertThat(c.read().lat().percentile(99)).isLessThanOrEqualTo(50 * US);
        assertThat(c.meanDepth()).isBetween(2.0, 32.0);
        assertThat(c.windowEndNs() - c.windowStartNs()).as("one final window, then the job ends")
                .isBetween(5 * MS, 6 * MS);
        assertThat(c.windowEndNs()).isLessThan(500 * MS);
    }
}
