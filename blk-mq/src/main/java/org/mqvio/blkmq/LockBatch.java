package org.mqvio.blkmq;

import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.BlockRequest;

/**
 * What one context has for the single queue's lock: submissions to insert, completed requests to finish and
 * whether the queue should be run, all handled in one round of the lock. A context calls the layer many times
 * within one work item (an interrupt handler completes every used entry in a loop) but may take the lock
 * only once at a time, so calls collect here until the round the first of them asked for. Confined to its
 * context.
 */
final class LockBatch {
    final List<BlockRequest> submits = new ArrayList<>();
    final List<LayerRequest> finished = new ArrayList<>();
    boolean runRequested;
    /** A round of the lock is asked for or under way. */
    boolean pending;

    boolean isEmpty() {
        return submits.isEmpty() && finished.isEmpty() && !runRequested;
    }
}
