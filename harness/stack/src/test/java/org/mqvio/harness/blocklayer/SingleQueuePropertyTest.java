package org.mqvio.harness.blocklayer;

/** The single-queue layer with its defaults (noop elevator, ticket lock) against the behaviour the in-tree block layers share. */
class SingleQueuePropertyTest implements OrderedBlockLayerBehaviour {
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
