package org.mqvio.api.block;

import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * What a {@link BlockLayer} dispatches to: a number of hardware queues, each with a depth. In the guest
 * the driver is the virtio-blk front-end (hardware queues are virtqueues); on the host it is the storage
 * device (hardware queues are NVMe submission queues).
 *
 * <p>Contract: the block layer calls {@link #bind} once before any dispatch. A request the driver takes
 * ({@link DispatchResult#OK}) is completed exactly once through {@link BlockLayer#complete}; a request it
 * refuses stays the block layer's. When a queue that answered {@link DispatchResult#DEVICE_BUSY} has room
 * again, the driver calls {@link BlockLayer#restart}.
 */
public interface BlockDriver {

    /** Connects the driver to the block layer above it. Called once, before the first dispatch. */
    void bind(BlockLayer blockLayer);

    /** Number of hardware queues, {@code >= 1}. */
    int hardwareQueues();

    /** Depth of hardware queue {@code queue}: the most requests it holds in flight. */
    int queueDepth(int queue);

    /** Capacity of the device below, in 512-byte sectors. */
    long capacitySectors();

    /**
     * Hands {@code request} to hardware queue {@code queue}. Runs in the running item of {@code context}.
     * The answer is final: a driver that answers {@link DispatchResult#OK} has reserved room for the request
     * and owns it, though it may finish placing it in a continuation of the running item (for example
     * after it has taken a lock).
     *
     * @param last whether this is the last request of the batch; if not, {@link #commit} follows
     */
    DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last);

    /** Ends a batch whose last request was not flagged: notify the device now (kick, doorbell). */
    void commit(ExecutionContext context, int queue);
}
