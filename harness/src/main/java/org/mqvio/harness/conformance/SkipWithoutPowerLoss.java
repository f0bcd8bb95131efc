package org.mqvio.harness.conformance;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Governs {@link StackContract#flushedAndFuaWritesAreDurable}. The kit does not cut a device's power (see
 * {@link DeviceFeatures#powerLossUnavailable}); the property checks the same flush and FUA obligations on the
 * device's trace instead ({@link Invariants#flushFuaDurability}) and runs by default. {@value #FROM_TRACE}
 * {@code =false} skips it, saying so.
 */
public final class SkipWithoutPowerLoss implements SkipExecutionHook {
    /** System property: {@code false} skips the durability property (checked on the device trace by default). */
    public static final String FROM_TRACE = "mqvio.conformance.durability_from_trace";

    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        String value = System.getProperty(FROM_TRACE);
        if (value == null || value.isBlank() || value.trim().equalsIgnoreCase("true")) {
            return SkipResult.doNotSkip();
        }
        if (!value.trim().equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("-D" + FROM_TRACE + "=" + value + ": allowed are true (the default:"
                    + " check flush and FUA durability on the device trace) and false (skip that check)");
        }
        String why = ContractInstances.stackContract(context)
                .flatMap(c -> c.stackSpace().powerLossUnavailable())
                .orElse("the stacks' devices cannot lose power in the kit");
        return SkipResult.skip("-D" + FROM_TRACE + "=false turns the device-trace durability check off; " + why);
    }
}
