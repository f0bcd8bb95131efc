package org.mqvio.harness.blocklayer;

/** The single-queue layer with its defaults (noop elevator, ticket lock) against the block layer contract. */
class SingleQueueContractTest implements OrderedBlockLayerContract {
    @Override
    public String provider() {
        return "single-queue";
    }

    @Override
    public String depthParameter() {
        return "single-queue.queue_depth";
    }

    @Override
    public String nomergesParameter() {
        return "single-queue.nomerges";
    }
}
