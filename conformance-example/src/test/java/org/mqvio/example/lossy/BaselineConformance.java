package org.mqvio.example.lossy;

import org.mqvio.harness.conformance.DataPlaneContract;

/**
 * The same kit on the correct {@code baseline} data plane that the wrong ones wrap: the control, run the same
 * way by {@link KitCatchesWrongProvidersTest}, which must pass.
 */
class BaselineConformance implements DataPlaneContract {
    @Override
    public String dataPlane() {
        return "baseline";
    }
}
