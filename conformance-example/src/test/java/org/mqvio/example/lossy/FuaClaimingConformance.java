package org.mqvio.example.lossy;

import org.mqvio.harness.conformance.DataPlaneContract;

/**
 * The conformance kit applied to the {@code fua-claiming} data plane (wrong on purpose; run and checked by
 * {@link KitCatchesWrongProvidersTest}, not by Surefire directly).
 */
class FuaClaimingConformance implements DataPlaneContract {
    @Override
    public String dataPlane() {
        return "fua-claiming";
    }
}
