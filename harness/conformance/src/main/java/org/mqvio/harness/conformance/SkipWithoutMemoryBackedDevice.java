package org.mqvio.harness.conformance;

import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * Skips a {@link StackContract} property that needs a memory-backed device when no device of the contract's
 * {@link StackContract#stackSpace() stack space} offers one, saying why.
 */
public final class SkipWithoutMemoryBackedDevice implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        return ContractInstances.stackContract(context)
                .flatMap(c -> c.stackSpace().memoryBackedUnavailable())
                .map(SkipResult::skip).orElse(SkipResult.doNotSkip());
    }
}
