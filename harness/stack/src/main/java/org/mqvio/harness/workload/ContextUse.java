package org.mqvio.harness.workload;

import java.util.Map;
import org.mqvio.api.runtime.ContextKind;

/**
 * How one execution context (a vCPU thread, an IoThread, an interrupt handler) used its host CPU over a run's
 * statistics window.
 *
 * @param name       the context's name
 * @param kind       what it models
 * @param cpuPercent CPU used (running items, spinning on locks, polling) in % of one CPU over the window
 * @param window     its statistics counted over the window ({@code busy_ns}, {@code spin_ns}, {@code poll_ns},
 *                   {@code items}, {@code wakeups}, {@code context_switches}, ...)
 */
public record ContextUse(String name, ContextKind kind, double cpuPercent, Map<String, Long> window) {
    public ContextUse {
        window = Map.copyOf(window);
    }

    /** A window counter, 0 when the context does not report it. */
    public long get(String key) {
        return window.getOrDefault(key, 0L);
    }
}
