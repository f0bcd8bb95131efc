package org.mqvio.harness.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.RunStatistics;
import org.mqvio.harness.workload.SimulationRun;

/**
 * Regression: a guest block layer that dispatches from the completion path (single-queue runs its queue
 * when a request completes) re-entered the virtio front-end while its completion handler held the
 * virtqueue lock, and the run threw "lock vq0 is not reentrant". The front-end now adds such chains under
 * the lock the handler already holds, and kicks when the handler releases it.
 */
class CompletionPathDispatchTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();

    @ParameterizedTest
    @CsvSource({"mq,1,1,2", "baseline,4,4,8", "mq,2,1,4"})
    void dispatchFromTheCompletionHandlerLosesNothing(String dataPlane, int vcpus, int queueSize, int iodepth) {
        StackConfig config = StackConfig.defaults(vcpus).withDataPlane(dataPlane).withHostCpus(4)
                .withSetting("virtio.queue_size", String.valueOf(queueSize))
                .withSetting("virtio.indirect", "true")
                .withGuestBlockLayer("single-queue");
        RunResult r = SimulationRun.run(REGISTRY, config, JobSpec.randread(vcpus, iodepth, 2_000_000));
        assertThat(r.statistics().run().get(RunStatistics.ISSUED)).isPositive();
        assertThat(r.statistics().run().get(RunStatistics.LOST_AFTER_DRAIN)).isZero();
        assertThat(r.errors()).isZero();
    }
}
