package org.mqvio.harness.conformance;

import org.mqvio.api.spi.ProviderRegistry;

/** The providers visible to this JVM, discovered once and shared by every contract and replay. */
final class SharedRegistry {
    private SharedRegistry() {
    }

    private static final class Holder {
        static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    }

    static ProviderRegistry get() {
        return Holder.REGISTRY;
    }
}
