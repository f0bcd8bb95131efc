package org.mqvio.blkmq;

import org.mqvio.api.runtime.ExecutionContext;

/**
 * The cost of a shared structure's cache lines moving between CPUs: what made the single-queue block layer
 * stop scaling, and what blk-mq's per-CPU and per-hardware-queue structures removed.
 *
 * <p>Model: the structure (for the single-queue layer: its lock word, queue flags and counters, the request
 * pool's counters, the elevator's list heads, the timeout list and the links of neighbouring requests) spans
 * {@code hotLines} cache lines that every critical section reads and writes. When the previous critical
 * section ran on the same CPU the lines are still in its cache and cost nothing extra. When it ran on another
 * CPU every line is modified in that CPU's cache and must be transferred, one {@code lineTransferNs} each
 * (the cost table's {@code lock_handoff}, "one cache-line transfer"), and the transfers happen inside the
 * critical section: they lengthen the hold, and so serialize with every other CPU waiting for the lock. Under
 * contention nearly every acquisition comes from another CPU, so the time per request under the lock grows
 * from the bare hold to the hold plus {@code hotLines} transfers, and throughput stops at the inverse of that
 * (the FIFO handoff of the lock word itself is the lock's own cost, charged by the runtime).
 *
 * <p>Contexts stand for CPUs (the layer cannot see host CPU numbers): exact when contexts are pinned or there
 * are as many host CPUs as submitting contexts, as in the native scaling experiment. Must be called by the
 * holder of the structure's lock.
 */
final class CacheLineBouncing {
    private final int hotLines;
    private final long lineTransferNs;
    private ExecutionContext lastHolder;
    private long acquisitions;
    private long bounces;

    CacheLineBouncing(int hotLines, long lineTransferNs) {
        if (hotLines < 0 || lineTransferNs < 0) {
            throw new IllegalArgumentException("hot lines and transfer time must be >= 0, were " + hotLines + " and "
                    + lineTransferNs + " ns");
        }
        this.hotLines = hotLines;
        this.lineTransferNs = lineTransferNs;
    }

    /** {@code holder} has taken the lock: returns the transfer time its critical section pays, in ns. */
    long acquiredBy(ExecutionContext holder) {
        acquisitions++;
        boolean moved = lastHolder != null && lastHolder != holder;
        lastHolder = holder;
        if (!moved) {
            return 0;
        }
        bounces++;
        return hotLines * lineTransferNs;
    }

    /** Acquisitions seen. */
    long acquisitions() {
        return acquisitions;
    }

    /** Acquisitions that pulled the lines from another CPU. */
    long bounces() {
        return bounces;
    }
}
