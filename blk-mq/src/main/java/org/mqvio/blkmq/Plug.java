package org.mqvio.blkmq;

import java.util.ArrayList;
import java.util.List;
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

    private final List<LayerRequest> requests = new ArrayList<>();
    private final int limit;
    private ExecutionContext owner;
    private int bios;

    Plug(int limit) {
        this.limit = limit;
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
        return !requests.isEmpty()
                && merging.tryMerge(requests.get(requests.size() - 1), bio) != LayerRequest.MergeKind.NONE;
    }

    void add(LayerRequest request) {
        requests.add(request);
    }

    boolean isFull() {
        return requests.size() >= limit;
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
        return requests.size();
    }

    /** Plugged request {@code i}, in submission order. */
    LayerRequest get(int i) {
        return requests.get(i);
    }

    /** Closes the plug and forgets its requests (the caller has taken them). */
    void close() {
        requests.clear();
        owner = null;
        bios = 0;
    }

    int limit() {
        return limit;
    }
}
