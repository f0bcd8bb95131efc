package org.mqvio.example.lossy;

import org.mqvio.harness.conformance.DataPlaneContract;

/**
 * The conformance kit applied to the {@code lossy} data plane, exactly as a third party applies it to theirs:
 * one class naming the provider; every property of {@link DataPlaneContract} runs against it.
 *
 * <p>The provider is wrong on purpose, so this class must fail. That is why its name does not end in
 * {@code Test}: Surefire does not run it on its own; {@link KitCatchesWrongProvidersTest} runs it through the
 * JUnit Platform and checks that it fails, and how.
 */
class LossyConformance implements DataPlaneContract {
    @Override
    public String dataPlane() {
        return "lossy";
    }
}
