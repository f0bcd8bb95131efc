package org.mqvio.harness.conformance;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/** Skips the one-vCPU comparison of a {@link DataPlaneContract} that names no data plane to compare with. */
public final class SkipWithoutOneVcpuReference implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return ContractInstances.dataPlaneContract(context)
                .filter(c -> c.sameAsWithOneVcpu().isEmpty())
                .map(c -> SkipResult.skip("data plane '" + c.dataPlane() + "' names no data plane it must equal with"
                        + " one vCPU (sameAsWithOneVcpu)"))
                .orElse(SkipResult.doNotSkip());
    }
}
