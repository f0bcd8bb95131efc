package org.mqvio.harness.conformance;

/** The kit on the {@code baseline} data plane. */
class BaselineConformanceTest implements DataPlaneContract, VirtqueueContract {
    @Override
    public String dataPlane() {
        return "baseline";
    }
}
