package org.mqvio.harness.conformance;

/** The kit on the {@code blk-mq} block layer. */
class BlkMqConformanceTest implements BlockLayerContract {
    @Override
    public String blockLayer() {
        return "blk-mq";
    }
}
