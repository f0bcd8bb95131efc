package org.mqvio.blkmq;

import org.mqvio.api.BlockRequest;

/**
 * An I/O scheduler of one hardware queue (or of the single request queue): holds the requests that wait
 * for dispatch, merges new bios into them, and decides which goes next.
 *
 * <p>Contract: every inserted request is returned by {@link #next} exactly once; {@link #merge} either adds
 * the bio to one waiting request and returns true, or changes nothing. Not thread-safe: the owner serializes
 * calls (the queue's lock, or the hardware queue's run).
 */
interface Scheduler {

    /** Tries to merge {@code bio}, submitted on {@code cpu}, into a waiting request. */
    boolean merge(BlockRequest bio, int cpu);

    /** Adds {@code request}, which entered at {@code nowNs}. */
    void insert(LayerRequest request, long nowNs);

    /** Removes and returns the request to dispatch next at {@code nowNs}, or null when none waits. */
    LayerRequest next(long nowNs);

    /** Number of requests waiting. */
    int size();

    default boolean isEmpty() {
        return size() == 0;
    }

    /** The CPU of some waiting request (to run the queue on), or -1 when none waits. */
    int someCpu();
}
