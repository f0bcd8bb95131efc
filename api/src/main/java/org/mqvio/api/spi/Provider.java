package org.mqvio.api.spi;

import java.util.List;

/**
 * What every provider has: a stable name by which users select it, a one-line description, and the
 * parameters it accepts. Provider classes are thin public factories found by {@link java.util.ServiceLoader};
 * they need a public no-argument constructor and must not do work when constructed.
 */
public interface Provider {

    /** The stable name users select this provider by (for example {@code baseline}); unique per kind. */
    String name();

    /** One line saying what the provider is. */
    String description();

    /** The parameters this provider accepts, each with its fully qualified name ({@code virtio.queue_size}). */
    default List<ParameterSpec> parameters() {
        return List.of();
    }
}
