package org.mqvio.harness.blocklayer;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.stats.Statistics;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.stack.StackStatistics;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.ReadWrite;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.RunStatistics;
import org.mqvio.harness.workload.SimulationRun;

/**
 * Both block layers in whole stacks, in the guest and on the host, under every data plane: every issued
 * request completes, exactly once (a second completion throws inside the run), and the layers' statistics
 * agree with the device's.
 */
class BlockLayerStackTest {

    @Provide
    Arbitrary<String> layers() {
        return Arbitraries.of("blk-mq", "single-queue");
    }

    @Provide
    Arbitrary<String> dataPlanes() {
        return Arbitraries.of("baseline", "mq", "native");
    }

    @Property(tries = 40)
    void everyIssuedRequestCompletesWithEitherLayerAnywhere(@ForAll("dataPlanes") String dataPlane,
                                                            @ForAll("layers") String guest, @ForAll("layers") String host,
                                                            @ForAll @IntRange(min = 1, max = 4) int jobs,
                                                            @ForAll @IntRange(min = 1, max = 16) int depth,
                                                            @ForAll boolean timer, @ForAll boolean deadline,
                                                            @ForAll boolean sequentialWrites,
                                                            @ForAll @LongRange(min = 1, max = 1000) long seed) {
        StackConfig config = new StackConfig(dataPlane, guest, host, "nvme", 4, jobs, seed, java.util.Map.of(
                "nvme.completion", timer ? "timer" : "none",
                "blk-mq.scheduler", deadline ? "mq-deadline" : "none",
                "single-queue.elevator", deadline ? "deadline" : "noop"));
        JobSpec job = new JobSpec("stack", sequentialWrites ? ReadWrite.WRITE : ReadWrite.RANDREAD, 4096, depth, jobs,
                1_000_000, 0, 1 << 24, 70);
        RunResult r = SimulationRun.run(Rig.REGISTRY, config, job);
        Statistics run = r.statistics().run();
        assertThat(run.get(RunStatistics.ISSUED)).isPositive();
        assertThat(run.get(RunStatistics.LOST_AFTER_DRAIN)).isZero();
        StackStatistics components = r.statistics().components();
        Statistics hostLayer = components.hostBlockLayer();
        assertThat(hostLayer.get(BlockLayer.COMPLETED)).isEqualTo(hostLayer.get(BlockLayer.SUBMITTED));
        assertThat(hostLayer.get(BlockLayer.DISPATCHED)).isEqualTo(components.device().get(StorageDevice.COMMANDS));
        assertThat(hostLayer.get(hostLayer.counters().named("in_flight"))).isZero();
        components.guestBlockLayer().ifPresent(g -> assertThat(g.get(BlockLayer.COMPLETED))
                .isEqualTo(run.get(RunStatistics.ISSUED)));
    }
}
