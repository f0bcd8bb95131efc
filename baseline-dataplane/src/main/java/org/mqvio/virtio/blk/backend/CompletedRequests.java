package org.mqvio.virtio.blk.backend;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The requests whose host outcome has come back and that wait for the IoThread to push them, in the order they
 * came back. Host completions arrive on whatever thread completed them (live), so adding is lock-free, and it
 * allocates nothing: each request is its own list node ({@link ParsedRequest#nextCompleted}), and a request is
 * on the list at most once (from its completion to its push).
 *
 * <p>The protocol is Linux's {@code llist}, as blk-mq uses it to hand completions to another CPU
 * ({@code llist_add} onto {@code blk_cpu_done}, then {@code llist_del_all} and {@code llist_reverse_order} in
 * {@code blk_complete_reqs}): adders push onto a stack with a compare-and-set of its top; the one taker swaps
 * the whole stack out and reverses it, so requests come out in the order their adds took effect. The
 * compare-and-set publishes what the adder wrote into the request before it (its outcome); the swap makes it
 * visible to the taker.
 */
final class CompletedRequests {
    /** The stack adders push onto, newest first. */
    private final AtomicReference<ParsedRequest> added = new AtomicReference<>();
    /** What the taker swapped out and has not taken yet, oldest first; the taker's alone. */
    private ParsedRequest taken;

    /** Adds {@code p}, from any thread. */
    void add(ParsedRequest p) {
        ParsedRequest top;
        do {
            top = added.get();
            p.nextCompleted = top;
        } while (!added.compareAndSet(top, p));
    }

    /** The request that came back longest ago, removed; null if none. On the IoThread only. */
    ParsedRequest poll() {
        if (taken == null) {
            taken = reversed(added.getAndSet(null));
        }
        ParsedRequest p = taken;
        if (p != null) {
            taken = p.nextCompleted;
            p.nextCompleted = null;
        }
        return p;
    }

    /** Whether nothing waits. On the IoThread only. */
    boolean isEmpty() {
        return taken == null && added.get() == null;
    }

    private static ParsedRequest reversed(ParsedRequest newestFirst) {
        ParsedRequest oldestFirst = null;
        ParsedRequest p = newestFirst;
        while (p != null) {
            ParsedRequest next = p.nextCompleted;
            p.nextCompleted = oldestFirst;
            oldestFirst = p;
            p = next;
        }
        return oldestFirst;
    }
}
