package org.mqvio.harness.conformance;

import java.util.Optional;

/** The kit on the {@code mq} data plane, which with one vCPU must behave exactly like {@code baseline}. */
class MqConformanceTest implements DataPlaneContract, VirtqueueContract {
    @Override
    public String dataPlane() {
        return "mq";
    }

    @Override
    public Optional<String> sameAsWithOneVcpu() {
        return Optional.of("baseline");
    }
}
