package org.mqvio.blkmq;

import java.util.Arrays;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * One CPU's plug (Linux's {@code struct blk_plug}): requests submitted by a context within one running item
 * collect here and enter their hardware queue together when the plug is flushed, so the driver sees them as
 * one batch (one doorbell or kick) and neighbours can merge first. The plug opens with the first bio
 * submitted after a flush; {@link BlkMq} flushes it in a continuation of the item that opened it, or at once
 * when it holds {@link #limit} requests (16, or 64 with several hardware queues, as Linux raises its limit
 * when a plug spans queues).
 *
 * <p>Confined to its owner context while it is open.
 */
final class Plug {
    /** Linux's {@code BLK_MAX_REQUEST_COUNT}. */
    static final int MAX_REQUESTS = 16;
    /** The limit when requests may go to several hardware queues. */
    static final int MAX_REQUESTS_MULTI_QUEUE = 4 * MAX_REQUESTS;

    /** The plugged requests in submission order, {@link #size} of them; never more than the limit. */
    private final LayerRequest[] requests;
    private int size;
    private final int limit;
    private final HardwareQueue queue;
    private ExecutionContext owner;
    private int bios;

    /**
     * @param queue the hardware queue of the plug's CPU: where every request plugged here goes, since each comes
     *              from that CPU
     */
    Plug(int limit, HardwareQueue queue) {
        this.limit = limit;
        this.queue = queue;
        this.requests = new LayerRequest[limit];
    }

    /** Counts a bio submitted by {@code context}; returns true when it opened the plug. */
    boolean count(ExecutionContext context) {
        boolean opened = bios == 0;
        if (opened) {
            owner = context;
        }
        bios++;
        return opened;
    }

    /** Tries to merge {@code bio} into the newest plugged request. */
    boolean merge(BlockRequest bio, Merging merging) {
        return size > 0 && merging.tryMerge(requests[size - 1], bio) != LayerRequest.MergeKind.NONE;
    }

    /** Plugs {@code request}; the caller flushes a full plug first. */
    void add(LayerRequest request) {
        requests[size++] = request;
    }

    boolean isFull() {
        return size >= limit;
    }

    /** Whether a bio was counted since the last drain. */
    boolean isOpen() {
        return bios > 0;
    }

    /** The context that opened the plug, or null when closed. */
    ExecutionContext owner() {
        return owner;
    }

    /** Bios counted since the plug opened (merged or not). */
    int bios() {
        return bios;
    }

    /** Number of requests plugged. */
    int size() {
        return size;
    }

    /** Plugged request {@code i}, in submission order. */
    LayerRequest get(int i) {
        return requests[java.util.Objects.checkIndex(i, size)];
    }

    /** Closes the plug and forgets its requests (the caller has taken them). */
    void close() {
        Arrays.fill(requests, 0, size, null);
        size = 0;
        owner = null;
        bios = 0;
    }

    int limit() {
        return limit;
    }

    /** The hardware queue the plugged requests go to. */
    HardwareQueue queue() {
        return queue;
    }
}
