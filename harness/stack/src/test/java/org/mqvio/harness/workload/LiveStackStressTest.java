package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.live.LivePlatform;
import org.mqvio.harness.stack.StackConfig;

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
        Map<String, Long> run = r.statistics().get("run");
        // Thousands on an idle machine; a loaded 2-core machine has issued as few as 64 in the window. The
        // checks below are about what was issued, however much that is: the run must have done some work.
        assertThat(run.get("issued")).as("issued").isGreaterThan(16);
        assertThat(run.get("completed")).isEqualTo(run.get("issued"));
        assertThat(run.get("lost_after_drain")).isZero();
        assertThat(r.errors()).as("completions with an error status (the device gives OK)").isZero();
        Map<String, Long> device = r.statistics().get("device");
        assertThat(device.get("errors")).isZero();
        assertThat(device.get("outstanding")).isZero();
        for (String section : List.of("guest_block_layer", "host_block_layer")) {
            Map<String, Long> s = r.statistics().get(section);
            if (s != null) {
                assertThat(s.get("in_flight")).as(section + " in_flight").isZero();
                assertThat(s.get("tags_in_use")).as(section + " tags_in_use").isZero();
                assertThat(s.get("completed")).as(section + " completed").isEqualTo(s.get("submitted"));
            }
        }
        Map<String, Long> dp = r.statistics().get("data_plane");
        if (dp.containsKey("added")) {
            assertThat(dp.get("pushed")).as("used entries pushed").isEqualTo(dp.get("added"));
            assertThat(dp.get("popped")).isEqualTo(dp.get("added"));
            assertThat(dp.get("broken_queues")).isZero();
        }
        assertThat(wall).as("a run ends within its runtime plus one second").isLessThan(RUNTIME_NS + 1_000_000_000L);
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
