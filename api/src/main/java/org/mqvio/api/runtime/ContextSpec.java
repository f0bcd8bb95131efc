package org.mqvio.api.runtime;

import java.util.Objects;

/**
 * How to create an {@link ExecutionContext}.
 *
 * @param name        a unique, human-readable name (for example {@code vcpu3}, {@code iothread0})
 * @param kind        what the context models
 * @param affinity    the host CPU the context is pinned to, or {@link #ANY_CPU}
 * @param pollWindowNs initial poll window (see {@link ExecutionContext#setPollWindow}), {@code >= 0}
 */
public record ContextSpec(String name, ContextKind kind, int affinity, long pollWindowNs) {
    /** No pinning: the context runs on any free host CPU. */
    public static final int ANY_CPU = -1;

    public ContextSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (affinity < ANY_CPU) {
            throw new IllegalArgumentException("affinity must be a host CPU index >= 0 or ANY_CPU, was " + affinity);
        }
        RuntimeChecks.requirePollWindow(pollWindowNs);
    }

    /** An unpinned context that sleeps when idle. */
    public static ContextSpec of(String name, ContextKind kind) {
        return new ContextSpec(name, kind, ANY_CPU, 0);
    }
}
