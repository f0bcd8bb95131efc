package org.mqvio.harness.conformance;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Governs {@link StackContract#flushedAndFuaWritesAreDurable}, the flush and FUA obligations checked on the
 * device's trace ({@link Invariants#flushFuaDurability}) on every stack, whatever its device: it runs by
 * default, and {@value #FROM_TRACE}{@code =false} skips it, saying so. Where a device can lose power, the kit
 * also cuts it ({@link StackContract#flushedAndFuaWritesSurviveAPowerLoss}); this switch does not touch that.
 */
public final class TraceDurabilitySwitch implements SkipExecutionHook {
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
        return SkipResult.skip("-D" + FROM_TRACE + "=false turns the device-trace durability check off (the"
                + " power-loss property still runs where a device can lose power)");
    }
}
