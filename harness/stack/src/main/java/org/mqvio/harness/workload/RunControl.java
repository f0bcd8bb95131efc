package org.mqvio.harness.workload;

import java.util.function.Consumer;

/**
 * A run's link to the program around it, usable from any thread: a request to stop early (a signal's shutdown hook
 * makes it, as fio stops on SIGINT), which the runs check between events (a simulation) or while they wait (a live
 * run), and the run's progress in its own time, which a progress line reads.
 *
 * <p>A run that sees the request ends its measurement windows at once, stops its clones issuing, lets the I/O in
 * flight drain as at a normal end and returns the result over what completed; a plan's later batches do not start.
 *
 * <p>With {@link #statusEvery}, a run also hands its result so far to the {@link #onStatus} listener at every
 * multiple of the interval in the plan's time (the run's own time: simulated, or real in a live run), which runs on
 * without a pause, as fio's {@code --status-interval} prints its full report while its jobs go on. The plan's time
 * runs on from batch to batch: a batch starts where the one before it ended (after its drain).
 */
public final class RunControl {
    private volatile boolean stopRequested;
    private volatile long nowNs;
    private volatile long endNs = Long.MAX_VALUE;
    private volatile int batch;
    private volatile int batches = 1;
    private long statusIntervalNs;
    private Consumer<RunResult> statusListener = soFar -> { };
    /** The plan's time at which the running batch started, and of the next status report. */
    private long batchStartNs;
    private long nextStatusNs = Long.MAX_VALUE;

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

    /**
     * Asks for the run's result so far every {@code intervalNs} of the plan's time, from its start.
     *
     * @throws IllegalArgumentException if {@code intervalNs <= 0}
     */
    public synchronized void statusEvery(long intervalNs) {
        if (intervalNs <= 0) {
            throw new IllegalArgumentException("status interval=" + intervalNs + "ns is invalid; allowed: > 0");
        }
        statusIntervalNs = intervalNs;
        nextStatusNs = intervalNs;
    }

    /** Who gets each result so far ({@link #statusEvery}); it runs on the run's own thread, between its events. */
    public synchronized void onStatus(Consumer<RunResult> listener) {
        statusListener = listener;
    }

    /** The running batch's time of the next status report, or {@link Long#MAX_VALUE} when none is asked for. */
    synchronized long nextStatusNs() {
        return nextStatusNs == Long.MAX_VALUE ? Long.MAX_VALUE : nextStatusNs - batchStartNs;
    }

    /** The running batch's result at {@link #nextStatusNs()}: handed to the listener; the next report is due later. */
    void status(RunResult soFar) {
        Consumer<RunResult> listener;
        synchronized (this) {
            listener = statusListener;
            nextStatusNs += statusIntervalNs;
        }
        listener.accept(soFar);
    }

    /**
     * The running batch ended at {@code batchNs} of its own time: the next batch starts there in the plan's time.
     * A report due while the batch drained is not made (its jobs had stopped; the batch's own report follows).
     */
    synchronized void batchEnded(long batchNs) {
        batchStartNs += batchNs;
        while (nextStatusNs <= batchStartNs) {
            nextStatusNs += statusIntervalNs;
        }
    }
}
