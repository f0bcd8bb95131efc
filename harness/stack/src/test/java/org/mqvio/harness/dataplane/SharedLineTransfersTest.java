package org.mqvio.harness.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.stats.Statistics;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.LockStatistics;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.SimulationRun;

/**
 * The virtqueue's shared cache lines in a whole stack: vCPUs taking turns on one queue (the baseline) move its
 * lines between them inside the queue's lock, so the transfers lengthen its hold more than where each vCPU has a
 * queue of its own (mq), whose lines move only to and from its IoThread. The line-by-line rule is tested with
 * the ring ({@code SharedLinesTest}).
 */
class SharedLineTransfersTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();

    /** Mean hold of virtqueue 0's lock, 4 KB random reads by 4 jobs on {@code dataPlane}, 8 host CPUs. */
    private static double meanHoldNs(String dataPlane, long transferNs) {
        RunResult r = SimulationRun.run(REGISTRY, StackConfig.defaults(4).withDataPlane(dataPlane).withHostCpus(8)
                .withSetting("nvme.completion", "none").withSetting("cost.cacheline_transfer", String.valueOf(transferNs)),
                JobSpec.randread(4, 16, 2_000_000));
        Statistics vq0 = r.statistics().locks().stream().filter(l -> l.name().equals("vq0")).findFirst()
                .map(LockStatistics::statistics).orElseThrow();
        return (double) vq0.get(PlatformLock.HOLD_NS) / vq0.get(PlatformLock.ACQUISITIONS);
    }

    @Test
    void vcpusSharingOneQueueHoldItsLockLongerByTheLinesTheyMoveBetweenThem() {
        double baseline = meanHoldNs("baseline", 70) - meanHoldNs("baseline", 0);
        double mq = meanHoldNs("mq", 70) - meanHoldNs("mq", 0);
        assertThat(baseline).as("hold added by transfers: baseline %.0f ns, mq %.0f ns", baseline, mq)
                .isGreaterThan(2 * mq);
    }
}
