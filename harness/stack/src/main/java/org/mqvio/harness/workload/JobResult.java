package org.mqvio.harness.workload;

import java.util.List;

/**
 * What one job's clones measured, clone by clone.
 *
 * @param spec   the job
 * @param clones one result per clone, in clone order
 */
public record JobResult(JobSpec spec, List<CloneResult> clones) {
    public JobResult {
        clones = List.copyOf(clones);
    }

    /** I/Os per second of all clones together: the sum of each clone's I/Os over its own window. */
    public double iops() {
        return clones.stream().mapToDouble(c -> c.read().iops() + c.write().iops()).sum();
    }

    /** Bytes per second of all clones together. */
    public double bytesPerSecond() {
        return clones.stream().mapToDouble(c -> c.read().bytesPerSecond() + c.write().bytesPerSecond()).sum();
    }

    /** I/Os completed in the clones' windows. */
    public long ios() {
        return clones.stream().mapToLong(CloneResult::ios).sum();
    }

    /** Completions with an error status over the whole run. */
    public long errors() {
        return clones.stream().mapToLong(CloneResult::errors).sum();
    }
}
