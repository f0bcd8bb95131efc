package org.mqvio.harness.workload;

import java.util.function.LongConsumer;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;

/**
 * Records what one clone did inside its measurement window: per-direction latencies and samples, the
 * I/O depth at each submission (fio's {@code IO depths}) and the depth's time average. Every completion, in or out of the window, is folded
 * into the trace, so a run's outcome is pinned by its digest.
 *
 * <p>Thread-safe: a clone issues on its CPU, but its requests complete on whatever context completes them
 * (an interrupt handler on another vCPU, live), so every method is synchronized. The direction statistics
 * are read only after the run.
 */
final class CloneRecorder {
    /** fio's I/O depth buckets: 1, 2-3, 4-7, 8-15, 16-31, 32-63, >= 64. */
    static final int DEPTH_BUCKETS = 7;

    private long windowStartNs;
    private final LongConsumer trace;
    private final long sampleIntervalNs;
    private DirectionStats read;
    private DirectionStats write;
    private final long[] depthLevels = new long[DEPTH_BUCKETS];
    private final long[] submitCalls = new long[BatchCounts.SIZES];
    private final long[] reapCalls = new long[BatchCounts.SIZES];
    private long windowEndNs;
    private boolean closed;
    /** I/Os in flight as fio counts its depth, since {@link #depthSinceNs}. */
    private int depth;
    private long depthSinceNs;
    /** The depth integrated over the window so far, in I/O-nanoseconds. */
    private long depthNs;
    private long issued;
    private long completed;
    private long errors;
    /** Why the clone failed, or null. */
    private CloneFailure failure;
    /** Time spent in verify phases, which fio counts to the read direction's runtime only. */
    private long verifyNs;
    private boolean readsBesidesVerify;

    CloneRecorder(long windowStartNs, long windowEndNs, long sampleIntervalNs, LongConsumer trace) {
        this(windowStartNs, windowEndNs, sampleIntervalNs, trace, false);
    }

    /** With {@code keepIos}, every I/O of the window is kept for fio's per-I/O logs. */
    CloneRecorder(long windowStartNs, long windowEndNs, long sampleIntervalNs, LongConsumer trace, boolean keepIos) {
        this.windowStartNs = windowStartNs;
        this.windowEndNs = windowEndNs;
        this.trace = trace;
        this.sampleIntervalNs = sampleIntervalNs;
        this.read = new DirectionStats(sampleIntervalNs, keepIos);
        this.write = new DirectionStats(sampleIntervalNs, keepIos);
    }

    /** A request was handed to the block layer with {@code depth} I/Os of this clone in flight (itself included). */
    synchronized void issued(long nowNs, int depth) {
        issued++;
        if (!closed && nowNs >= windowStartNs && nowNs <= windowEndNs) {
            depthLevels[bucket(depth)]++;
        }
    }

    /** The clone handed {@code ios} I/Os to the block layer in one submission (fio's {@code io_submit}) at {@code nowNs}. */
    synchronized void submitted(long nowNs, int ios) {
        if (inWindow(nowNs)) {
            submitCalls[Math.min(ios, BatchCounts.SIZES - 1)]++;
        }
    }

    /** The clone reaped {@code ios} completions in one call (fio's {@code getevents}) at {@code nowNs}. */
    synchronized void reapedTogether(long nowNs, int ios) {
        if (inWindow(nowNs)) {
            reapCalls[Math.min(ios, BatchCounts.SIZES - 1)]++;
        }
    }

    private boolean inWindow(long nowNs) {
        return !closed && nowNs >= windowStartNs && nowNs <= windowEndNs;
    }

    synchronized BatchCounts batches() {
        return new BatchCounts(submitCalls, reapCalls);
    }

    /** The clone's depth changed to {@code newDepth} at {@code nowNs} (times never go back). */
    synchronized void depthChanged(long nowNs, int newDepth) {
        integrateDepthUntil(nowNs);
        depth = newDepth;
    }

    private void integrateDepthUntil(long nowNs) {
        long from = Math.max(depthSinceNs, windowStartNs);
        long to = Math.min(nowNs, windowEndNs);
        if (!closed && to > from) {
            depthNs += depth * (to - from);
        }
        depthSinceNs = Math.max(depthSinceNs, nowNs);
    }

    static int bucket(int depth) {
        int b = 0;
        for (int limit = 2; b < DEPTH_BUCKETS - 1 && depth >= limit; limit <<= 1) {
            b++;
        }
        return b;
    }

    /** The request completed at {@code nowNs} (in the context that completed it): counted and traced. */
    synchronized void completed(BlockRequest r, long nowNs) {
        completed++;
        trace.accept(r.id() * 31 + r.sector() * 17 + r.status().ordinal() * 7 + nowNs);
        if (!r.status().isOk()) {
            errors++;
        }
    }

    /**
     * The clone reaped {@code r} at {@code reapNs}, its submission having returned at {@code issueNs}: fio
     * accounts the I/O now, in the window if it was reaped inside it.
     */
    synchronized void reaped(BlockRequest r, long issueNs, long reapNs) {
        if (closed || reapNs < windowStartNs || reapNs > windowEndNs) {
            return;
        }
        DirectionStats d = r.operation() == Operation.READ ? read : write;
        d.record(r.createdNs(), issueNs, reapNs, r.length(), reapNs - windowStartNs, r.sector() * BlockRequest.SECTOR_SIZE);
    }

    /**
     * What this clone measured until {@code nowNs}, as if its window ended then (or at its own end, if earlier): a
     * closed copy that this recorder's later records do not change. fio's periodic status report
     * ({@code --status-interval}) reads each job's statistics so far this way, without ending the job.
     */
    synchronized CloneRecorder snapshot(long nowNs) {
        CloneRecorder c = new CloneRecorder(windowStartNs, windowEndNs, sampleIntervalNs, value -> { });
        c.read = read.copy();
        c.write = write.copy();
        System.arraycopy(depthLevels, 0, c.depthLevels, 0, DEPTH_BUCKETS);
        System.arraycopy(submitCalls, 0, c.submitCalls, 0, submitCalls.length);
        System.arraycopy(reapCalls, 0, c.reapCalls, 0, reapCalls.length);
        c.depth = depth;
        c.depthSinceNs = depthSinceNs;
        c.depthNs = depthNs;
        c.issued = issued;
        c.completed = completed;
        c.errors = errors;
        c.failure = failure;
        c.closed = closed;
        c.close(nowNs);
        return c;
    }

    /** Ends the window at {@code endNs} (the time limit, or the clone's last reap). */
    synchronized void close(long endNs) {
        if (closed) {
            return;
        }
        windowEndNs = Math.max(windowStartNs, Math.min(windowEndNs, endNs));
        integrateDepthUntil(windowEndNs);
        closed = true;
        long window = windowEndNs - windowStartNs;
        long verify = Math.min(verifyNs, window);
        read.close(verify == 0 || readsBesidesVerify ? window : verify);
        write.close(window - verify);
    }

    /**
     * A verify phase of {@code ns} ended: fio adds its time to the read direction's runtime and not to the write
     * direction's ({@code thread_main()} in {@code backend.c}); {@code readsBesides} when the job also reads in its
     * write phase, whose time then counts to reads too.
     */
    synchronized void verifyPhase(long ns, boolean readsBesides) {
        verifyNs += ns;
        readsBesidesVerify = readsBesides;
    }

    /**
     * Starts the window again at {@code nowNs} with every statistic at zero, as fio's {@code reset_all_stats()} does
     * when its latency-target search has found its depth.
     */
    synchronized void restartWindow(long nowNs) {
        if (closed) {
            return;
        }
        integrateDepthUntil(nowNs);
        windowStartNs = nowNs;
        depthNs = 0;
        java.util.Arrays.fill(depthLevels, 0);
        java.util.Arrays.fill(submitCalls, 0);
        java.util.Arrays.fill(reapCalls, 0);
        read = new DirectionStats(sampleIntervalNs);
        write = new DirectionStats(sampleIntervalNs);
    }

    /** The clone failed (a missed minimum rate or latency target) and stops. */
    synchronized void fail(CloneFailure f) {
        if (failure == null) {
            failure = f;
        }
    }

    synchronized boolean failed() {
        return failure != null;
    }

    synchronized java.util.Optional<CloneFailure> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    synchronized boolean closed() {
        return closed;
    }

    synchronized long windowStartNs() {
        return windowStartNs;
    }

    synchronized long windowEndNs() {
        return windowEndNs;
    }

    synchronized long issuedTotal() {
        return issued;
    }

    synchronized long completedTotal() {
        return completed;
    }

    synchronized long errors() {
        return errors;
    }

    synchronized DirectionStats read() {
        return read;
    }

    synchronized DirectionStats write() {
        return write;
    }

    /** The depth's time average over the window (0 for an empty window); meaningful once closed. */
    synchronized double meanDepth() {
        long windowNs = windowEndNs - windowStartNs;
        return windowNs <= 0 ? 0 : (double) depthNs / windowNs;
    }

    synchronized long[] depthLevels() {
        return depthLevels.clone();
    }
}
