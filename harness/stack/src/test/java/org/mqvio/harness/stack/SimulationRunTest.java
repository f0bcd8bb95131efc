package org.mqvio.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.spi.ProviderException;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.stats.Statistics;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.RunStatistics;
import org.mqvio.harness.workload.SimulationRun;

class SimulationRunTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final long RUNTIME = 5_000_000;

    private static RunResult run(StackConfig config, int jobs, int depth) {
        return SimulationRun.run(REGISTRY, config, JobSpec.randread(jobs, depth, RUNTIME));
    }

    @Test
    void sameSeedSameDigestAndResults() {
        StackConfig c = StackConfig.defaults(2).withSeed(7);
        RunResult a = run(c, 2, 4);
        RunResult b = run(c, 2, 4);
        assertThat(a.ios()).isPositive();
        assertThat(b.digest()).isEqualTo(a.digest());
        assertThat(b.ios()).isEqualTo(a.ios());
        assertThat(b.latencyNs()).isEqualTo(a.latencyNs());
    }

    @Test
    void differentSeedDifferentDigest() {
        RunResult a = run(StackConfig.defaults(2).withSeed(7), 2, 4);
        RunResult b = run(StackConfig.defaults(2).withSeed(8), 2, 4);
        assertThat(b.digest()).isNotEqualTo(a.digest());
    }

    @Test
    void everyIssuedRequestCompletesOrIsStillInFlight() {
        RunResult r = run(StackConfig.defaults(4).withDataPlane("mq"), 4, 8);
        Statistics run = r.statistics().run();
        assertThat(run.get(RunStatistics.COMPLETED)).isPositive();
        assertThat(run.get(RunStatistics.IN_FLIGHT_AT_WINDOW_END)).isBetween(0L, 4L * 8);
        assertThat(run.get(RunStatistics.LOST_AFTER_DRAIN)).isZero();
        assertThat(r.errors()).isZero();
        assertThat(r.statistics().components().device().get(StorageDevice.COMMANDS))
                .isEqualTo(r.statistics().components().hostBlockLayer().get(BlockLayer.DISPATCHED));
    }

    @Test
    void mqWithOneVcpuBehavesLikeTheBaselineWithOneVcpu() {
        RunResult base = run(StackConfig.defaults(1), 1, 8);
        RunResult mq = run(StackConfig.defaults(1).withDataPlane("mq"), 1, 8);
        assertThat(mq.iops()).isCloseTo(base.iops(), within(base.iops() * 0.01));
    }

    @Test
    void costOverridesChangeTheOutcome() {
        RunResult normal = run(StackConfig.defaults(1), 1, 1);
        // At iodepth 1 every I/O pays the submit path once, in series.
        RunResult slowSubmit = run(StackConfig.defaults(1).withSetting("cost.guest_submit", "20000"), 1, 1);
        assertThat(slowSubmit.iops()).isLessThan(normal.iops());
    }

    @Test
    void badInputIsRejectedWithTheAllowedValues() {
        assertThatThrownBy(() -> run(StackConfig.defaults(1).withDataPlane("nope"), 1, 1))
                .isInstanceOf(ProviderException.class).hasMessageContaining("unknown data plane 'nope'")
                .hasMessageContaining("baseline").hasMessageContaining("mq");
        assertThatThrownBy(() -> run(StackConfig.defaults(1).withSetting("cost.kick_exit", "-5"), 1, 1))
                .hasMessageContaining("allowed: an integer from 0 to");
        assertThatThrownBy(() -> run(StackConfig.defaults(1).withSetting("cost.nope", "5"), 1, 1))
                .hasMessageContaining("known costs:").hasMessageContaining("kick_exit");
        assertThatThrownBy(() -> run(StackConfig.defaults(1).withSetting("virtio.queue_size", "100"), 1, 1))
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> run(StackConfig.defaults(1).withSetting("virtio.queue_size", "2")
                .withSetting("virtio.indirect", "false"), 1, 1)).hasMessageContaining("cannot hold one request");
        assertThatThrownBy(() -> run(StackConfig.defaults(1).withSetting("virtio.queue_size", "0"), 1, 1))
                .hasMessageContaining("allowed: an integer in [1, 32768]");
        assertThatThrownBy(() -> run(StackConfig.defaults(1).withSetting("virtio.nope", "1"), 1, 1))
                .hasMessageContaining("unknown parameter 'virtio.nope'").hasMessageContaining("virtio.queue_size");
        assertThatThrownBy(() -> StackConfig.defaults(1).withHostCpus(0)).hasMessageContaining("allowed: an integer from 1 to the limit 8192");
        assertThatThrownBy(() -> JobSpec.randread(0, 1, RUNTIME)).hasMessageContaining("numjobs=0");
        assertThatThrownBy(() -> JobSpec.randread(1, 0, RUNTIME)).hasMessageContaining("iodepth=0");
    }

    @Test
    void theCostFileCoversEveryCost() {
        assertThat(CostTableFile.defaults().asMap()).hasSize(org.mqvio.api.cost.Cost.values().length);
        assertThat(CostTableFile.defaults().get(org.mqvio.api.cost.Cost.KICK_EXIT)).isEqualTo(1500);
    }
}
