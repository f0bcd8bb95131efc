package org.mqvio.blkmq;

import java.util.ArrayDeque;
import java.util.Iterator;
import org.mqvio.api.BlockRequest;

/**
 * A FIFO of waiting requests that merges a new bio into one of its newest {@link Merging#LOOKBACK} entries:
 * a blk-mq software staging queue (one per CPU), or the single-queue layer's noop elevator.
 */
final class FifoQueue {
    private final ArrayDeque<LayerRequest> requests = new ArrayDeque<>();
    private final Merging merging;

    FifoQueue(Merging merging) {
        this.merging = merging;
    }

    boolean merge(BlockRequest bio) {
        if (!merging.enabled()) {
            return false;
        }
        int looked = 0;
        for (Iterator<LayerRequest> it = requests.descendingIterator(); it.hasNext() && looked < Merging.LOOKBACK;
             looked++) {
            if (merging.tryMerge(it.next(), bio) != LayerRequest.MergeKind.NONE) {
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
