package org.mqvio.harness.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Example;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.ReadWrite;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.SimulationRun;

/**
 * The flash completion mode on the whole native stack (4 KB random reads, as {@code mqvio run}): at depth
 * 1, the mean latency is the configured read latency plus the stack's overhead, the same overhead a timer
 * of the same length shows; at high depth, IOPS approaches dies / read latency and no further.
 */
class NvmeFlashTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();

    private static RunResult run(StackConfig config, int jobs, int depth, long runtimeNs, long rampNs) {
        return SimulationRun.run(REGISTRY, config.withDataPlane("native"),
                new JobSpec("flash", ReadWrite.RANDREAD, 4096, depth, jobs, runtimeNs, rampNs, 0, 50));
    }

    private static double meanLatency(StackConfig config) {
        return run(config, 1, 1, 5_000_000, 0).latencyNs().get("mean");
    }

    @Example
    void atDepthOneLatencyIsTheReadLatencyPlusTheStackOverhead() {
        StackConfig flash = StackConfig.defaults(1).withSetting("nvme.completion", "flash");
        StackConfig timer = StackConfig.defaults(1).withSetting("nvme.completion", "timer")
                .withSetting("nvme.completion_nsec", "80000");
        double overhead = meanLatency(timer) - 80_000;
        assertThat(overhead).as("stack overhead").isBetween(100.0, 10_000.0);
        // Latencies are recorded in a histogram of 3 significant digits: means agree to 0.1%.
        assertThat(meanLatency(flash)).isCloseTo(80_000 + overhead, within(90.0));
        assertThat(meanLatency(flash.withSetting("nvme.read_latency_ns", "10000"))).as("Optane-class read latency")
                .isCloseTo(10_000 + overhead, within(20.0));
    }

    @Example
    void atHighDepthIopsApproachesDiesOverReadLatencyAndNoFurther() {
        // mq on 8 host CPUs, so that the device, not one IoThread or shared host CPUs, is the bottleneck.
        StackConfig flash = StackConfig.defaults(4).withDataPlane("mq").withHostCpus(8)
                .withSetting("nvme.completion", "flash");
        // The window counts completions at both of its ends: allow one I/O over the limit.
        double limit = 32 / 80e-6;
        double slack = 1.01 / 20e-3;
        double deep = run(flash, 4, 256, 20_000_000, 3_000_000).iops();
        assertThat(deep).isBetween(0.95 * limit, limit + slack);
        double deeper = run(flash, 4, 512, 20_000_000, 5_000_000).iops();
        assertThat(deeper).isBetween(0.95 * limit, limit + slack);
        double fewerDies = run(flash.withSetting("nvme.dies", "8"), 4, 64, 20_000_000, 3_000_000).iops();
        assertThat(fewerDies).isBetween(0.95 * 8 / 80e-6, 8 / 80e-6 + slack);
        double shallow = run(flash, 4, 2, 20_000_000, 1_000_000).iops();
        assertThat(shallow).as("8 in flight: well below the limit").isLessThan(0.3 * limit);
    }
}
