package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;

/**
 * A stop asked for from another thread (as a signal's shutdown hook does) ends a long run early, on either runtime,
 * with a result over what completed: I/O counted, nothing lost after the drain, the window ending at the request.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunControlTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final long HOUR_NS = 3_600_000_000_000L;

    private static RunResult stoppedAfter(long millis, boolean live) {
        RunControl control = new RunControl();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(control::requestStop, millis, TimeUnit.MILLISECONDS);
            JobSpec hour = JobSpec.randread(2, 8, HOUR_NS);
            control.batch(0, 1, hour.stopIssuingAtNs());
            return live ? LiveRun.run(REGISTRY, StackConfig.defaults(2), List.of(hour), control)
                    : SimulationRun.run(REGISTRY, StackConfig.defaults(2), List.of(hour), control);
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void aSimulatedHourStopsSoonAfterTheRequestWithWhatCompleted() {
        long start = System.nanoTime();
        RunResult r = stoppedAfter(300, false);
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(wallMs).as("stopped long before a simulated hour").isLessThan(30_000);
        assertThat(r.windowEndNs()).isPositive().isLessThan(HOUR_NS);
        for (CloneResult c : r.jobs().get(0).clones()) {
            assertThat(c.read().ios()).isPositive();
            assertThat(c.windowEndNs()).isEqualTo(r.windowEndNs());
            assertThat(c.read().iops()).isPositive();
        }
        assertThat(r.statistics().run().get(RunStatistics.LOST_AFTER_DRAIN)).isZero();
        assertThat(r.statistics().run().get(RunStatistics.STOPPED_AT_SAFETY_LIMIT)).isZero();
    }

    @Test
    void aLiveHourStopsItsThreadsSoonAfterTheRequest() {
        long start = System.nanoTime();
        RunResult r = stoppedAfter(800, true);
        long wallMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(wallMs).as("drained and joined within the live run's limits").isLessThan(10_000);
        assertThat(r.isLive()).isTrue();
        assertThat(r.windowEndNs()).isLessThan(HOUR_NS);
        // How much completes in the window depends on the machine's load; that I/O was issued and all of it drained
        // does not.
        assertThat(r.statistics().run().get(RunStatistics.ISSUED)).isPositive();
        assertThat(r.statistics().run().get(RunStatistics.LOST_AFTER_DRAIN)).isZero();
    }

    @Test
    void theShareDoneComesFromTheBatchesAndTheRunningBatchsTime() {
        RunControl c = new RunControl();
        c.batch(1, 2, 1000);
        c.now(500);
        assertThat(c.fractionDone()).isEqualTo(0.75);
        c.batch(0, 1, Long.MAX_VALUE);
        assertThat(c.fractionDone()).as("an amount-limited batch: unknown").isEqualTo(-1);
    }
}
