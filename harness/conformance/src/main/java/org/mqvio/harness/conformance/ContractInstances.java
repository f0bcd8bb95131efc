package org.mqvio.harness.conformance;

import java.util.Optional;
import net.jqwik.api.lifecycle.LifecycleContext;

/** Gets the contract a skip hook decides for: a fresh instance of the test class (test classes are cheap). */
final class ContractInstances {
    private ContractInstances() {
    }

    static Optional<StackContract> stackContract(LifecycleContext context) {
        return context.optionalContainerClass().filter(StackContract.class::isAssignableFrom)
                .map(c -> (StackContract) context.newInstance(c));
    }

    static Optional<DataPlaneContract> dataPlaneContract(LifecycleContext context) {
        return context.optionalContainerClass().filter(DataPlaneContract.class::isAssignableFrom)
                .map(c -> (DataPlaneContract) context.newInstance(c));
    }
}
