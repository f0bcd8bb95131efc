package org.mqvio.harness.workload;

import java.util.Objects;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.stats.Statistics;

/**
 * How one execution context (a vCPU thread, an IoThread, an interrupt handler) used its host CPU over a run's
 * statistics window.
 *
 * @param name       the context's name
 * @param kind       what it models
 * @param cpuPercent CPU used (running items, spinning on locks, polling) in % of one CPU over the window
 * @param window     its statistics counted over the window ({@link org.mqvio.api.runtime.ExecutionContext#COUNTERS})
 */
public record ContextUse(String name, ContextKind kind, double cpuPercent, Statistics window) {
    public ContextUse {
        Objects.requireNonNull(window, "window");
    }
}
