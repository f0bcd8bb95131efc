package org.mqvio.blkmq;

import java.util.ArrayDeque;
import java.util.Iterator;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;

/**
 * A FIFO of waiting requests that merges a new bio into one of its newest {@link Merging#LOOKBACK} entries:
 * a blk-mq software staging queue (one per CPU), or the single-queue layer's noop elevator. It never looks past
 * a waiting flush.
 */
final class FifoQueue {
    private final ArrayDeque<LayerRequest> requests = new ArrayDeque<>();
    private final Merging merging;

    FifoQueue(Merging merging) {
        this.merging = merging;
    }

    boolean merge(BlockRequest bio) {
        if (!merging.enabled() || requests.isEmpty()) {
            return false;
        }
        int looked = 0;
        for (Iterator<LayerRequest> it = requests.descendingIterator(); it.hasNext() && looked < Merging.LOOKBACK;
             looked++) {
            LayerRequest waiting = it.next();
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
        requests.addLast(r);
    }

    LayerRequest peek() {
        return requests.peekFirst();
    }

    LayerRequest poll() {
        return requests.pollFirst();
    }

    int size() {
        return requests.size();
    }
}
