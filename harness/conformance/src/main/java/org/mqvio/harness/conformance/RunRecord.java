package org.mqvio.harness.conformance;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.mqvio.api.stats.Counter;
import org.mqvio.harness.stack.StackStatistics;

/**
 * What one conformance run produced: the case, its complete {@link EventLog}, the resource counts read after
 * the drain, the digests, and whether the stack was rejected, threw, or left work unfinished.
 *
 * @param conformanceCase  the case that ran
 * @param rejection        why building the stack failed with {@link IllegalArgumentException} (a configuration
 *                         the providers reject); empty when it was built
 * @param failure          an exception a component threw (or a non-IllegalArgumentException from building,
 *                         when {@code statistics} is empty); empty when none did
 * @param log              every event of the run
 * @param capacitySectors  the device's capacity as the jobs saw it (0 when not built)
 * @param memoryBacked     whether the device stores data (so reads must return what was written)
 * @param finished         whether every scripted I/O completed before the run's time limit
 * @param endNs            virtual time when the run stopped
 * @param drain            the resource counts read after the drain (empty when not finished or failed)
 * @param statistics       the components' statistics at the end; empty when the stack was not built (or a
 *                         component threw reading them)
 * @param digest           the simulation's trace digest: every event fired
 * @param resultDigest     a digest of what the jobs saw: every completion, its time, status and data
 */
public record RunRecord(ConformanceCase conformanceCase, Optional<String> rejection, Optional<Throwable> failure,
                        EventLog log, long capacitySectors, boolean memoryBacked, boolean finished, long endNs,
                        List<ResourceCount> drain, Optional<StackStatistics> statistics, long digest,
                        long resultDigest) {
    public RunRecord {
        Objects.requireNonNull(conformanceCase, "conformanceCase");
        Objects.requireNonNull(rejection, "rejection");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(log, "log");
        drain = List.copyOf(drain);
        Objects.requireNonNull(statistics, "statistics");
    }

    /**
     * {@code counter} summed over the components that report it ({@link StackStatistics#total}); 0 when the
     * stack was not built.
     */
    public long total(Counter counter) {
        return statistics.map(s -> s.total(counter)).orElse(0L);
    }

    /** Whether the providers rejected the configuration. */
    public boolean rejected() {
        return rejection.isPresent();
    }
}
