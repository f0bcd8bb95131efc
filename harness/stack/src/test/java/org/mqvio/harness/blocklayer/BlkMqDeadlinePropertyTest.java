package org.mqvio.harness.blocklayer;

import java.util.Map;

/** blk-mq with mq-deadline (short expiries, small batches), shared tags and no plugging against the behaviour the in-tree block layers share. */
class BlkMqDeadlinePropertyTest implements BlockLayerBehaviour {
    @Override
    public String provider() {
        return "blk-mq";
    }

    @Override
    public String depthParameter() {
        return "blk-mq.queue_depth";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("blk-mq.scheduler", "mq-deadline", "blk-mq.read_expire", "1", "blk-mq.write_expire", "2",
                "blk-mq.fifo_batch", "4", "blk-mq.plug", "false", "blk-mq.shared_tags", "true");
    }
}
