package org.mqvio.harness.dataplane;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.NotifierTotals;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.RunStatistics;
import org.mqvio.harness.workload.SimulationRun;

/**
 * virtio's notification suppression on the one shared queue (QEMU 2.1's data plane re-arms kicks only when its
 * pass ends, writing the event index; the guest asks for an interrupt again only when it re-enables callbacks):
 * as submitters multiply, the busier IoThread and handler take more per notification, so kicks and interrupts per
 * I/O fall. With suppression ignored they stay at one per batch and one per pass.
 */
class NotificationSuppressionTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();

    /** Kicks and guest interrupts per I/O: baseline, 4 KB random reads, {@code jobs} jobs, 16 host CPUs. */
    private static double[] perIo(int jobs, boolean suppression) {
        RunResult r = SimulationRun.run(REGISTRY, StackConfig.defaults(jobs).withHostCpus(16)
                .withSetting("nvme.completion", "none")
                .withSetting("virtio.notify_suppression", String.valueOf(suppression)), JobSpec.randread(jobs, 16, 2_000_000));
        NotifierTotals n = r.statistics().notifiers();
        double ios = r.statistics().run().get(RunStatistics.ISSUED);
        return new double[] {n.get(NotifierKind.KICK, Notifier.SIGNALS) / ios, n.get(NotifierKind.IRQFD, Notifier.SIGNALS) / ios};
    }

    @Test
    void kicksAndInterruptsPerIoFallAsSubmittersMultiplyOnlyWithSuppression() {
        double[] oneOn = perIo(1, true);
        double[] eightOn = perIo(8, true);
        double[] oneOff = perIo(1, false);
        double[] eightOff = perIo(8, false);
        assertThat(eightOn[0]).as("kicks per I/O with suppression: 1 job %.3f, 8 jobs %.3f", oneOn[0], eightOn[0])
                .isLessThan(oneOn[0] / 2);
        assertThat(eightOn[1]).as("interrupts per I/O with suppression: 1 job %.3f, 8 jobs %.3f", oneOn[1], eightOn[1])
                .isLessThan(oneOn[1] / 2);
        assertThat(eightOff[0]).as("kicks per I/O without: 1 job %.3f, 8 jobs %.3f", oneOff[0], eightOff[0])
                .isGreaterThan(oneOff[0] * 0.9);
    }
}
