package org.mqvio.harness.workload;

/**
 * What one clone of a job measured in its window.
 *
 * @param index           the clone's index among its job's clones
 * @param cpu             the name of the CPU context it ran on (a vCPU, or a host CPU without a guest)
 * @param windowStartNs   start of the measurement window (after the ramp)
 * @param windowEndNs     end of the window: the time limit, or the clone's last reap
 * @param read            reads completed in the window
 * @param write           writes completed in the window
 * @param depthLevels     submissions in the window by I/O depth: 1, 2-3, 4-7, 8-15, 16-31, 32-63, >= 64
 * @param meanDepth       I/Os in flight as fio counts its depth (prepared and not yet reaped), averaged over
 *                        the window's time
 * @param cpuPercent      its CPU's use over the run's statistics window (running, spinning, polling), shared
 *                        equally by the clones on that CPU, in % of one CPU
 * @param contextSwitches its CPU's host context switches in the statistics window, shared likewise
 * @param errors          completions with an error status over the whole run
 * @param failure         why the clone ended early with an error (a missed {@code rate_min}), if it did
 * @param batches         its submissions and reaps by the number of I/Os each handled
 */
public record CloneResult(int index, String cpu, long windowStartNs, long windowEndNs, DirectionStats read,
                          DirectionStats write, long[] depthLevels, double meanDepth, double cpuPercent, long contextSwitches,
                          long errors, java.util.Optional<CloneFailure> failure, BatchCounts batches) {
    public CloneResult {
        depthLevels = depthLevels.clone();
        java.util.Objects.requireNonNull(failure, "failure");
        java.util.Objects.requireNonNull(batches, "batches");
    }

    /** A clone that did not fail. */
    public CloneResult(int index, String cpu, long windowStartNs, long windowEndNs, DirectionStats read,
                       DirectionStats write, long[] depthLevels, double meanDepth, double cpuPercent,
                       long contextSwitches, long errors) {
        this(index, cpu, windowStartNs, windowEndNs, read, write, depthLevels, meanDepth, cpuPercent, contextSwitches,
                errors, java.util.Optional.empty(), BatchCounts.none());
    }

    @Override
    public long[] depthLevels() {
        return depthLevels.clone();
    }

    /** I/Os completed in the window, both directions. */
    public long ios() {
        return read.ios() + write.ios();
    }
}
