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
 *
 * <p>Ownership: once {@link BlockLayer#complete} has returned, the driver (and any wrapper of it) must not touch
 * the request again: the block layer may reuse it at once for another request, as Linux reuses a static request
 * (see {@link BlockRequest}). A driver that needs a request's fields later keeps a {@link BlockRequest#snapshot}.
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

    /**
     * Whether the driver honours force unit access: a WRITE handed to it with {@link BlockRequest#fua()} is
     * durable when it completes. A driver that answers {@code false} is taken to have a volatile write cache
     * that {@link org.mqvio.api.Operation#FLUSH} makes durable (Linux's {@code blk_queue_write_cache(q, true,
     * false)}, as virtio-blk declares it: virtio-blk has a flush command but no FUA bit); the block layer above
     * it then emulates FUA as Linux's flush machinery does: it sends the write without FUA, then a flush, and
     * completes the FUA write only when that flush completes.
     *
     * <p>The default is {@code false}: for a driver that does not say, an emulated FUA costs one flush more
     * but is durable either way, while trusting a FUA bit the driver drops would not be. A driver that wraps
     * another answers as the wrapped one does. The answer must not change over the driver's life.
     */
    default boolean honoursFua() {
        return false;
    }
}
