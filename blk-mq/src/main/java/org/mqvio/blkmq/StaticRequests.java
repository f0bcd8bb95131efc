package org.mqvio.blkmq;

import org.mqvio.api.BlockRequest;

/**
 * The {@link LayerRequest}s of one hardware queue, made once and reused: Linux's static requests, which
 * {@code blk_mq_alloc_rqs} allocates once per tag set ({@code tags->static_rqs[]}, each with the driver's
 * per-request data behind it) and {@code blk_mq_rq_ctx_init} re-initialises for every bio that starts a request,
 * so that submitting I/O allocates nothing.
 *
 * <p>Here a request takes its driver tag only at dispatch and may wait without one (in a plug, a software queue,
 * the scheduler or the dispatch list), as a request under an I/O scheduler does in Linux, whose static requests
 * then belong to the scheduler's own tags ({@code hctx->sched_tags}, {@code nr_requests} of them). Linux bounds
 * those and makes a submitter wait for one; this model never makes a submitter wait, so the set is not bounded:
 * it grows to the most requests ever live in the queue at once and keeps them.
 *
 * <p>A request is taken when a bio starts one and given back once it is done with: its originals have completed
 * and nothing (plug, queue, driver) refers to it any more. Giving back a post-flush also gives back the write it
 * followed. Giving back a request that is already free throws (so a request is never on the free list twice).
 *
 * <p>Not thread-safe: guarded by its hardware queue's monitor.
 */
final class StaticRequests {
    private LayerRequest head;
    private int made;

    /** A request started by {@code first}: a free one re-initialised, or a new one when none is free. */
    LayerRequest take(BlockRequest first) {
        LayerRequest r = head;
        if (r == null) {
            made++;
            return new LayerRequest(first);
        }
        head = r.nextFree;
        r.reuse(first);
        return r;
    }

    /** Gives back {@code r}, done with (and, for a post-flush, the write it followed). */
    void give(LayerRequest r) {
        LayerRequest write = r.flushFor();
        push(r);
        if (write != null) {
            push(write);
        }
    }

    private void push(LayerRequest r) {
        if (r.free) {
            throw new IllegalStateException("a request given back twice: " + r);
        }
        r.free = true;
        r.nextFree = head;
        head = r;
    }

    /** Requests made so far: the most that were ever in use at once. */
    int made() {
        return made;
    }
}
