package org.mqvio.harness.blocklayer;

/** blk-mq with its defaults (scheduler {@code none}, plugging, merging) against the behaviour the in-tree block layers share. */
class BlkMqPropertyTest implements OrderedBlockLayerBehaviour {
    @Override
    public String provider() {
        return "blk-mq";
    }

    @Override
    public String depthParameter() {
        return "blk-mq.queue_depth";
    }

    @Override
    public String nomergesParameter() {
        return "blk-mq.nomerges";
    }
}
