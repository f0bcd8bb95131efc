package org.mqvio.blkmq;

import java.util.List;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.spi.BlockLayerProvider;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.api.spi.ParameterSpec;

/** Provider {@code blk-mq}: Linux's multi-queue block layer. */
public final class BlkMqProvider implements BlockLayerProvider {
    static final String NR_HW_QUEUES = "blk-mq.nr_hw_queues";
    static final String QUEUE_DEPTH = "blk-mq.queue_depth";
    static final String RQ_AFFINITY = "blk-mq.rq_affinity";

    @Override
    public String name() {
        return "blk-mq";
    }

    @Override
    public String description() {
        return "multi-queue block layer: per-CPU software queues, hardware dispatch queues, tags (Bjorling et al. 2013)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.ofInt(NR_HW_QUEUES, 0, 0, 65535,
                        "hardware dispatch queues; 0 uses every queue the driver offers"),
                ParameterSpec.ofInt(QUEUE_DEPTH, 0, 0, 65536,
                        "tags per hardware queue; 0 uses the driver's queue depth"),
                ParameterSpec.ofInt(RQ_AFFINITY, 1, 0, 2,
                        "0 completes where the interrupt lands; 1 and 2 complete on the submitting CPU (IPI)"));
    }

    @Override
    public BlockLayer create(BlockLayerSetup setup) {
        return new BlkMq(setup, setup.parameters().getInt(NR_HW_QUEUES), setup.parameters().getInt(QUEUE_DEPTH),
                setup.parameters().getInt(RQ_AFFINITY));
    }
}
