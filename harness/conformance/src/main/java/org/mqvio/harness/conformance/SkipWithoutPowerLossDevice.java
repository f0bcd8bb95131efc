package org.mqvio.harness.conformance;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips a {@link StackContract} property that cuts the device's power when no device of the contract's space
 * can lose power and store data, saying why ({@link StackSpace#powerLossUnsupported}).
 */
public final class SkipWithoutPowerLossDevice implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return ContractInstances.stackContract(context)
                .flatMap(c -> c.stackSpace().powerLossUnsupported())
                .map(SkipResult::skip).orElse(SkipResult.doNotSkip());
    }
}
