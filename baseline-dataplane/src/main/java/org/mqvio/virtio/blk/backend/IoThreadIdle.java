package org.mqvio.virtio.blk.backend;

import java.util.Map;

/**
 * How a {@link VirtioBlkIoThread} waits for work between passes. QEMU 2.1's IoThread sleeps with kicks
 * enabled until a kick or a host completion wakes it (the default); a design may instead poll its rings for a
 * while with kicks disabled ({@link VirtioBlkIoThread#setIdle}).
 *
 * <p>The thread calls {@link #start} once when it is connected to the host, then {@link #leave} at the start
 * and {@link #enter} at the end of every pass, all on its own context.
 */
public interface IoThreadIdle {

    /** The thread is connected and waits for its first work. By default the same as {@link #enter}. */
    default void start() {
        enter();
    }

    /** The thread ran out of work: it sleeps, or polls for a while first. */
    void enter();

    /** The thread has work again and starts a pass. */
    void leave();

    /**
     * Whether the thread polls now, with kicks disabled: a pass then leaves kicks disabled after draining a
     * queue instead of enabling them and checking the ring again.
     */
    boolean polling();

    /** Counters of the waiting, in a fixed order; none by default. */
    default Map<String, Long> statistics() {
        return Map.of();
    }
}
