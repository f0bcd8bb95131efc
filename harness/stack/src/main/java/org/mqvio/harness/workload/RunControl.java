package org.mqvio.harness.workload;

/**
 * A run's link to the program around it, usable from any thread: a request to stop early (a signal's shutdown hook
 * makes it, as fio stops on SIGINT), which the runs check between events (a simulation) or while they wait (a live
 * run), and the run's progress in its own time, which a progress line reads.
 *
 * <p>A run that sees the request ends its measurement windows at once, stops its clones issuing, lets the I/O in
 * flight drain as at a normal end and returns the result over what completed; a plan's later batches do not start.
 */
public final class RunControl {
    private volatile boolean stopRequested;
    private volatile long nowNs;
    private volatile long endNs = Long.MAX_VALUE;
    private volatile int batch;
    private volatile int batches = 1;

    /** Asks every run under this control to stop as soon as it can. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Whether a stop was asked for. */
    public boolean stopRequested() {
        return stopRequested;
    }

    /** A plan's batch {@code index} of {@code count} starts; it ends at {@code endNs} of its own time, or never. */
    public void batch(int index, int count, long endNs) {
        this.batch = index;
        this.batches = Math.max(1, count);
        this.endNs = endNs;
        this.nowNs = 0;
    }

    /** The running batch's time (simulated or real nanoseconds since it started). */
    void now(long nowNs) {
        this.nowNs = nowNs;
    }

    /** The running batch's time, in nanoseconds of its runtime. */
    public long nowNs() {
        return nowNs;
    }

    /**
     * The share of the plan done, 0 to 1, from the batches finished and the running one's time against its end;
     * -1 when the running batch has no time limit (it ends on an amount of I/O), so no share is known.
     */
    public double fractionDone() {
        long end = endNs;
        if (end == Long.MAX_VALUE || end <= 0) {
            return -1;
        }
        return Math.min(1.0, (batch + Math.min(1.0, (double) nowNs / end)) / batches);
    }
}
