package org.mqvio.harness.workload;

import java.util.function.LongConsumer;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;

/**
 * Records what one clone did inside its measurement window: per-direction latencies and samples, and the
 * I/O depth at each submission (fio's {@code IO depths}). Every completion, in or out of the window, is folded
 * into the trace, so a run's outcome is pinned by its digest.
 *
 * <p>Thread-safe: a clone issues on its CPU, but its requests complete on whatever context completes them
 * (an interrupt handler on another vCPU, live), so every method is synchronized. The direction statistics
 * are read only after the run.
 */
final class CloneRecorder {
    /** fio's I/O depth buckets: 1, 2-3, 4-7, 8-15, 16-31, 32-63, >= 64. */
    static final int DEPTH_BUCKETS = 7;

    private final long windowStartNs;
    private final LongConsumer trace;
    private final DirectionStats read;
    private final DirectionStats write;
    private final long[] depthLevels = new long[DEPTH_BUCKETS];
    private long windowEndNs;
    private boolean closed;
    private long issued;
    private long completed;
    private long errors;

    CloneRecorder(long windowStartNs, long windowEndNs, long sampleIntervalNs, LongConsumer trace) {
        this.windowStartNs = windowStartNs;
        this.windowEndNs = windowEndNs;
        this.trace = trace;
        this.read = new DirectionStats(sampleIntervalNs);
        this.write = new DirectionStats(sampleIntervalNs);
    }

    /** A request was handed to the block layer with {@code depth} I/Os of this clone in flight (itself included). */
    synchronized void issued(long nowNs, int depth) {
        issued++;
        if (!closed && nowNs >= windowStartNs && nowNs <= windowEndNs) {
            depthLevels[bucket(depth)]++;
        }
    }

    static int bucket(int depth) {
        int b = 0;
        for (int limit = 2; b < DEPTH_BUCKETS - 1 && depth >= limit; limit <<= 1) {
            b++;
        }
        return b;
    }

    synchronized void completed(BlockRequest r, long nowNs) {
        completed++;
        trace.accept(r.id() * 31 + r.sector() * 17 + r.status().ordinal() * 7 + nowNs);
        if (!r.status().isOk()) {
            errors++;
        }
        if (closed || nowNs < windowStartNs || nowNs > windowEndNs) {
            return;
        }
        DirectionStats d = r.operation() == Operation.READ ? read : write;
        d.record(r.createdNs(), r.submittedNs(), nowNs, r.length(), nowNs - windowStartNs);
    }

    /** Ends the window at {@code endNs} (the time limit, or the clone's last completion). */
    synchronized void close(long endNs) {
        if (closed) {
            return;
        }
        closed = true;
        windowEndNs = Math.max(windowStartNs, Math.min(windowEndNs, endNs));
        read.close(windowEndNs - windowStartNs);
        write.close(windowEndNs - windowStartNs);
    }

    synchronized boolean closed() {
        return closed;
    }

    long windowStartNs() {
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

    DirectionStats read() {
        return read;
    }

    DirectionStats write() {
        return write;
    }

    synchronized long[] depthLevels() {
        return depthLevels.clone();
    }
}
