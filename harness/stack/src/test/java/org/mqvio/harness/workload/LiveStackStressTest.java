package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.virtio.Virtqueue;
import org.mqvio.harness.live.LivePlatform;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.stack.StackStatistics;

/**
 * The whole stack on real threads, under stress (two or three CPUs at depth 32 on a mixed read/write job, on
 * a 2-core machine), for every data plane and block layer: every request completes exactly once (a second
 * completion throws, which fails the run) with the device's status, the resources are free after the drain,
 * and no thread of the run is left.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LiveStackStressTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final long RUNTIME_NS = 250_000_000L;

    @AfterEach
    void noThreadLeftRunning() {
        assertThat(Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith(LivePlatform.THREAD_PREFIX))).isEmpty();
    }

    @ParameterizedTest(name = "{0} over {1}, {2} CPUs, {3}")
    @CsvSource({
        "baseline, blk-mq, 2, ticket",
        "baseline, single-queue, 3, mcs",
        "mq, blk-mq, 3, ticket",
        "mq, single-queue, 2, mutex",
        "native, blk-mq, 3, ticket",
        "native, single-queue, 2, ticket",
    })
    void everyRequestCompletesOnceAndEverythingIsFreeAfterTheDrain(String dataPlane, String blockLayer, int cpus,
                                                                    String lock) {
        StackConfig config = StackConfig.defaults(cpus).withDataPlane(dataPlane).withGuestBlockLayer(blockLayer)
                .withHostBlockLayer(blockLayer).withHostCpus(2);
        if (!dataPlane.equals("native")) {
            config = config.withSetting("virtio.lock", lock).withSetting("virtio.queue_size", "16");
        }
        JobSpec job = new JobSpec("stress", ReadWrite.RANDRW, 4096, 32, cpus, RUNTIME_NS, 0, 0, 50);
        long start = System.nanoTime();
        RunResult r = LiveRun.run(REGISTRY, config, job);
        long wall = System.nanoTime() - start;

        assertThat(r.isLive()).isTrue();
        Statistics run = r.statistics().run();
        // Thousands on an idle machine; a loaded 2-core machine has issued as few as 64 in the window. The
        // checks below are about what was issued, however much that is: the run must have done some work.
        assertThat(run.get(RunStatistics.ISSUED)).as("issued").isGreaterThan(16);
        assertThat(run.get(RunStatistics.COMPLETED)).isEqualTo(run.get(RunStatistics.ISSUED));
        assertThat(run.get(RunStatistics.LOST_AFTER_DRAIN)).isZero();
        assertThat(r.errors()).as("completions with an error status (the device gives OK)").isZero();
        StackStatistics components = r.statistics().components();
        Statistics device = components.device();
        assertThat(named(device, "errors")).isZero();
        assertThat(named(device, "outstanding")).isZero();
        components.sections().forEach((section, s) -> {
            if (section.endsWith("block_layer")) {
                assertThat(named(s, "in_flight")).as(section + " in_flight").isZero();
                assertThat(named(s, "tags_in_use")).as(section + " tags_in_use").isZero();
                assertThat(s.get(BlockLayer.COMPLETED)).as(section + " completed").isEqualTo(s.get(BlockLayer.SUBMITTED));
            }
        });
        Statistics dp = components.dataPlane();
        if (dp.declares(Virtqueue.ADDED)) {
            assertThat(dp.get(Virtqueue.PUSHED)).as("used entries pushed").isEqualTo(dp.get(Virtqueue.ADDED));
            assertThat(dp.get(Virtqueue.POPPED)).isEqualTo(dp.get(Virtqueue.ADDED));
            assertThat(named(dp, "broken_queues")).isZero();
        }
        assertThat(wall).as("a run ends within its runtime plus one second").isLessThan(RUNTIME_NS + 1_000_000_000L);
    }

    /** The counter of this name, which {@code s} must declare. */
    private static long named(Statistics s, String name) {
        return s.get(s.counters().named(name));
    }

    @Test
    void anExceptionInAComponentFailsTheRunWithIt() {
        // bs beyond what the virtio-blk front-end sends in one chain: the guest's vCPU thread throws.
        JobSpec job = new JobSpec("big", ReadWrite.RANDREAD, 2 << 20, 1, 1, RUNTIME_NS, 0, 0, 50);
        assertThatThrownBy(() -> LiveRun.run(REGISTRY, StackConfig.defaults(1), job))
                .isInstanceOf(LiveRunException.class)
                .hasMessageContaining("vcpu0 threw")
                .cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the virtio-blk front-end sends at most");
    }
}
