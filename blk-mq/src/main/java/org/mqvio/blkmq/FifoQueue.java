package org.mqvio.blkmq;

import java.util.Objects;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;

/**
 * A FIFO of waiting requests that merges a new bio into one of its newest {@link Merging#LOOKBACK} entries:
 * a blk-mq software staging queue (one per CPU), or the single-queue layer's noop elevator. It never looks past
 * a waiting flush.
 *
 * <p>The entries are a ring array that doubles when full, read newest first by index when a bio looks for a merge,
 * so neither queueing nor the look allocates anything once the ring has grown to the most requests waiting.
 */
final class FifoQueue {
    private LayerRequest[] ring = new LayerRequest[16];
    /** Index of the oldest entry. */
    private int head;
    private int size;
    private final Merging merging;

    FifoQueue(Merging merging) {
        this.merging = merging;
    }

    boolean merge(BlockRequest bio) {
        if (!merging.enabled() || size == 0) {
            return false;
        }
        for (int back = 1; back <= size && back <= Merging.LOOKBACK; back++) {
            LayerRequest waiting = ring[(head + size - back) & (ring.length - 1)];
            if (waiting.operation() == Operation.FLUSH) {
                // A merge would carry the bio ahead of a flush it was submitted after (invariant 4b,
                // docs/architecture.md#invariant-4b): the flush is a merge barrier.
                return false;
            }
            if (merging.tryMerge(waiting, bio) != LayerRequest.MergeKind.NONE) {
                return true;
            }
        }
        return false;
    }

    void add(LayerRequest r) {
        if (size == ring.length) {
            LayerRequest[] bigger = new LayerRequest[ring.length * 2];
            for (int i = 0; i < size; i++) {
                bigger[i] = ring[(head + i) & (ring.length - 1)];
            }
            ring = bigger;
            head = 0;
        }
        ring[(head + size) & (ring.length - 1)] = Objects.requireNonNull(r, "request");
        size++;
    }

    LayerRequest peek() {
        return size == 0 ? null : ring[head];
    }

    LayerRequest poll() {
        if (size == 0) {
            return null;
        }
        LayerRequest r = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        size--;
        return r;
    }

    int size() {
        return size;
    }
}
