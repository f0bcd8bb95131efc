package org.mqvio.harness.conformance;

/** The kit on the {@code native} data plane (no guest: jobs submit to the host block layer). */
class NativeConformanceTest implements DataPlaneContract {
    @Override
    public String dataPlane() {
        return "native";
    }
}
