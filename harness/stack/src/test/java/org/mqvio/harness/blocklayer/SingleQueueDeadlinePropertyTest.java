package org.mqvio.harness.blocklayer;

import java.util.Map;

/** The single-queue layer with the deadline elevator and an MCS lock against the behaviour the in-tree block layers share. */
class SingleQueueDeadlinePropertyTest implements BlockLayerBehaviour {
    @Override
    public String provider() {
        return "single-queue";
    }

    @Override
    public String depthParameter() {
        return "single-queue.queue_depth";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("single-queue.elevator", "deadline", "single-queue.lock", "mcs");
    }
}
