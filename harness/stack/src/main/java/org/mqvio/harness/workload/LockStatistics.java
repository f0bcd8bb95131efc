package org.mqvio.harness.workload;

import java.util.Locale;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.stats.Statistics;

/**
 * A lock's statistics at the end of a run.
 *
 * @param name       the lock's name
 * @param kind       its kind
 * @param statistics its counters ({@link org.mqvio.api.runtime.PlatformLock#COUNTERS} and the runtime's own)
 */
public record LockStatistics(String name, LockKind kind, Statistics statistics) {

    /** The lock as reports name it: {@code vq0 (ticket)}. */
    public String label() {
        return name + " (" + kind.name().toLowerCase(Locale.ROOT) + ")";
    }
}
