package org.mqvio.harness.blocklayer;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.sim.SimPlatform;
import org.mqvio.harness.stack.CostTableFile;

/** Bad configurations of either block layer are rejected before anything runs, naming the allowed range. */
class BadConfigurationTest {

    private static Rig.Builder blkMq() {
        return Rig.of("blk-mq").cpus(4).driver(d -> d.queues(4).capacity(8));
    }

    private static Rig.Builder singleQueue() {
        return Rig.of("single-queue").cpus(4).driver(d -> d.queues(4).capacity(8));
    }

    @Test
    void zeroDepthIsRejected() {
        assertThatThrownBy(() -> blkMq().set("blk-mq.queue_depth", 0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blk-mq.queue_depth=0").hasMessageContaining("allowed: 1 to 8, or -1");
        assertThatThrownBy(() -> singleQueue().set("single-queue.queue_depth", 0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("single-queue.queue_depth=0").hasMessageContaining("allowed: 1 to 8, or -1");
        assertThatThrownBy(() -> Rig.of("blk-mq").driver(d -> d.capacity(0)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth of at least 1");
        assertThatThrownBy(() -> Rig.of("single-queue").driver(d -> d.capacity(0)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depth of at least 1");
    }

    @Test
    void aDepthBeyondTheDriversIsRejected() {
        assertThatThrownBy(() -> blkMq().set("blk-mq.queue_depth", 9).build())
                .hasMessageContaining("allowed: 1 to 8");
        assertThatThrownBy(() -> singleQueue().set("single-queue.queue_depth", 9).build())
                .hasMessageContaining("allowed: 1 to 8");
    }

    @Test
    void moreHardwareQueuesThanTheDriverOffersAreRejected() {
        assertThatThrownBy(() -> blkMq().set("blk-mq.nr_hw_queues", 5).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blk-mq.nr_hw_queues=5 but the driver offers 4")
                .hasMessageContaining("allowed: 0 (all) to 4");
    }

    @Test
    void aMapNamingAMissingQueueIsRejected() {
        assertThatThrownBy(() -> blkMq().set("blk-mq.nr_hw_queues", 2).set("blk-mq.cpu_map", "0,1,2,1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maps CPU 2 to hardware queue 2, which does not exist")
                .hasMessageContaining("each in 0..1");
        assertThatThrownBy(() -> blkMq().set("blk-mq.cpu_map", "0,1").build())
                .hasMessageContaining("maps 2 CPUs but the block layer has 4");
    }

    @Test
    void reservedTagsThatLeaveNoTagForIoAreRejected() {
        assertThatThrownBy(() -> blkMq().set("blk-mq.queue_depth", 4).set("blk-mq.reserved_tags", 4).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blk-mq.reserved_tags=4").hasMessageContaining("allowed: 0 to 3");
    }

    @Test
    void valuesOutsideAParametersRangeAreRejectedByTheParameter() {
        assertThatThrownBy(() -> blkMq().set("blk-mq.rq_affinity", 3).build())
                .hasMessageContaining("allowed: an integer in [0, 2]");
        assertThatThrownBy(() -> singleQueue().set("single-queue.lock", "rwlock").build())
                .hasMessageContaining("allowed: one of ticket, mcs, mutex");
        assertThatThrownBy(() -> blkMq().set("blk-mq.scheduler", "bfq").build())
                .hasMessageContaining("allowed: one of none, mq-deadline");
    }

    @Test
    void aBadMapIsRejectedWhenTheStackIsBuilt() {
        StackConfig config = StackConfig.defaults(2).withDataPlane("native").withHostCpus(4)
                .withSetting("blk-mq.cpu_map", "0,7");
        SimPlatform platform = new SimPlatform(CostTableFile.defaults(), 4, 1);
        assertThatThrownBy(() -> Stack.build(Rig.REGISTRY, config, platform))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blk-mq.cpu_map=0,7 maps CPU 1 to hardware queue 7")
                .hasMessageContaining("each in 0..3");
    }
}
