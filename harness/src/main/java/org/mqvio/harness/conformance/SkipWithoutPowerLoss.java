package org.mqvio.harness.conformance;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips a {@link StackContract} property that needs a simulated power loss while no device offers one,
 * saying why; unless {@value #FROM_TRACE} is {@code true}, which checks the same flush and FUA obligations on
 * the device's trace instead ({@link Invariants#flushFuaDurability}).
 */
public final class SkipWithoutPowerLoss implements SkipExecutionHook {
    /** System property: check flush and FUA durability on the device trace when there is no power loss. */
    public static final String FROM_TRACE = "mqvio.conformance.durability_from_trace";

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        if (Boolean.getBoolean(FROM_TRACE)) {
            return SkipResult.doNotSkip();
        }
        return ContractInstances.stackContract(context)
                .flatMap(c -> c.stackSpace().powerLossUnavailable())
                .map(why -> SkipResult.skip(why + " (-D" + FROM_TRACE + "=true checks it on the device trace)"))
                .orElse(SkipResult.doNotSkip());
    }
}
