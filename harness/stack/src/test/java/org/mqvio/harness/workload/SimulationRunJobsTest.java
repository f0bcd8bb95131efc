package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;

class SimulationRunJobsTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final long MS = 1_000_000L;

    private static JobSpec job(String name, ReadWrite rw, int iodepth, int numjobs, long runtimeNs, long rampNs,
                               long ioLimit, long numberIos, List<Integer> cpus) {
        return new JobSpec(name, rw, 4096, iodepth, numjobs, runtimeNs, rampNs, 0, 70, 0, ioLimit, numberIos,
                OptionalLong.empty(), cpus, 0);
    }

    @Test
    void anAmountLimitedCloneDoesExactlyItsAmountAndItsWindowEndsAtItsLastReap() {
        JobSpec j = job("amount", ReadWrite.RANDREAD, 4, 2, 0, 0, 100 * 4096, 0, List.of());
        RunResult r = SimulationRun.run(REGISTRY, StackConfig.defaults(2), j);
        for (CloneResult c : r.jobs().get(0).clones()) {
            assertThat(c.read().ios()).isEqualTo(100);
            assertThat(c.read().bytes()).isEqualTo(100 * 4096);
            assertThat(c.windowEndNs()).isGreaterThan(0).isLessThan(100 * MS);
            assertThat(c.read().runtimeNs()).isEqualTo(c.windowEndNs());
            assertThat(c.read().iops()).isCloseTo(100 * 1e9 / c.windowEndNs(), within(1e-6));
        }
        assertThat(r.statistics().run().get(RunStatistics.LOST_AFTER_DRAIN)).isZero();
        assertThat(r.windowEndNs()).as("the run's window ends when the last clone has reaped its last I/O")
                .isGreaterThanOrEqualTo(r.jobs().get(0).clones().stream().mapToLong(CloneResult::windowEndNs).max()
                        .orElseThrow());
    }

    @Test
    void numberIosStopsEachClone() {
        RunResult r = SimulationRun.run(REGISTRY, StackConfig.defaults(1),
                job("n", ReadWrite.READ, 8, 1, 50 * MS, 0, 0, 37, List.of()));
        assertThat(r.jobs().get(0).clones().get(0).read().ios()).isEqualTo(37);
        assertThat(r.statistics().run().get(RunStatistics.ISSUED)).isEqualTo(37);
    }

    @Test
    void latencyIsSubmissionPlusCompletionAndTheRampIsNotMeasured() {
        JobSpec j = job("lat", ReadWrite.RANDRW, 4, 2, 4 * MS, 1 * MS, 0, 0, List.of());
        RunResult r = SimulationRun.run(REGISTRY, StackConfig.defaults(2).withDataPlane("mq"), j);
        for (CloneResult c : r.jobs().get(0).clones()) {
            assertThat(c.windowStartNs()).isEqualTo(1 * MS);
            assertThat(c.windowEndNs()).isEqualTo(5 * MS);
            for (DirectionStats d : List.of(c.read(), c.write())) {
                assertThat(d.ios()).isPositive();
                assertThat(d.slat().count()).isEqualTo(d.ios());
                assertThat(d.lat().mean()).isCloseTo(d.slat().mean() + d.clat().mean(), within(1e-6));
                assertThat(d.slat().min()).as("slat covers the guest submit path").isGreaterThanOrEqualTo(1000);
                assertThat(d.runtimeNs()).isEqualTo(4 * MS);
            }
            double share = (double) c.read().ios() / c.ios();
            assertThat(share).as("rwmixread=70").isBetween(0.6, 0.8);
        }
    }

    @Test
    void jobsOfOneRunShareTheStackAndCpusAllowedPlacesTheirClones() {
        JobSpec a = job("a", ReadWrite.RANDREAD, 2, 2, 2 * MS, 0, 0, 0, List.of(3));
        JobSpec b = job("b", ReadWrite.RANDWRITE, 2, 2, 3 * MS, 0, 0, 0, List.of());
        RunResult r = SimulationRun.run(REGISTRY, StackConfig.defaults(4).withDataPlane("mq"), List.of(a, b));
        assertThat(r.jobs()).hasSize(2);
        assertThat(r.jobs().get(0).clones()).extracting(CloneResult::cpu).containsExactly("vcpu3", "vcpu3");
        assertThat(r.jobs().get(1).clones()).extracting(CloneResult::cpu).containsExactly("vcpu0", "vcpu1");
        assertThat(r.jobs().get(0).clones().get(0).windowEndNs()).isEqualTo(2 * MS);
        assertThat(r.jobs().get(1).clones().get(0).windowEndNs()).isEqualTo(3 * MS);
        assertThat(r.jobs().get(1).clones().get(0).write().ios()).isPositive();
        assertThat(r.windowEndNs()).isEqualTo(3 * MS);
        assertThatThrownBy(() -> SimulationRun.run(REGISTRY, StackConfig.defaults(2), a))
                .hasMessageContaining("cpus_allowed names CPU 3 but the stack has 2 CPUs; allowed: 0-1");
    }

    @Test
    void aSaturatedCloneSubmitsAtItsFullDepthAsFioCountsIt() {
        RunResult r = SimulationRun.run(REGISTRY, StackConfig.defaults(1),
                job("d", ReadWrite.RANDREAD, 16, 1, 5 * MS, 1 * MS, 0, 0, List.of()));
        long[] d = r.jobs().get(0).clones().get(0).depthLevels();
        long total = 0;
        for (long x : d) {
            total += x;
        }
        assertThat(d[4]).as("16-31 in flight at submission").isGreaterThan(total * 9 / 10);
    }

    @Test
    void samplesCoverTheWindowAndAverageToTheRate() {
        RunResult r = SimulationRun.run(REGISTRY, StackConfig.defaults(1),
                job("s", ReadWrite.RANDREAD, 4, 1, 10 * MS, 0, 0, 0, List.of()));
        DirectionStats d = r.jobs().get(0).clones().get(0).read();
        assertThat(d.samples().intervalNs()).isEqualTo(1 * MS);
        double[] iops = d.samples().iops();
        assertThat(iops).hasSize(10);
        assertThat(IntervalSamples.summary(iops)[2]).isCloseTo(d.iops(), within(d.iops() * 0.02));
    }

    @Test
    void theSameRunTwiceGivesTheSameNumbersAndRandseedPinsTheOffsets() {
        JobSpec j = new JobSpec("r", ReadWrite.RANDREAD, 4096, 2, 1, 2 * MS, 0, 0, 50, 0, 0, 0, OptionalLong.of(42),
                List.of(), 0);
        RunResult a = SimulationRun.run(REGISTRY, StackConfig.defaults(1).withSeed(1), j);
        RunResult b = SimulationRun.run(REGISTRY, StackConfig.defaults(1).withSeed(1), j);
        assertThat(b.digest()).isEqualTo(a.digest());
        assertThat(b.latencyNs()).isEqualTo(a.latencyNs());
        RunResult other = SimulationRun.run(REGISTRY, StackConfig.defaults(1).withSeed(2), j);
        assertThat(other.digest()).as("randseed fixes the offsets whatever --seed is").isEqualTo(a.digest());
    }

    @Test
    void aJobThatNeverEndsIsRejected() {
        assertThatThrownBy(() -> job("x", ReadWrite.READ, 1, 1, 0, 0, 0, 0, List.of()))
                .hasMessageContaining("never ends");
        assertThatThrownBy(() -> new JobSpec("x", ReadWrite.READ, 4096, 1, 1, 0, 0, 0, 50))
                .hasMessageContaining("runtime=0ns is invalid");
        assertThatThrownBy(() -> SimulationRun.run(REGISTRY, StackConfig.defaults(1), List.of()))
                .hasMessageContaining("no job to run");
    }
}
