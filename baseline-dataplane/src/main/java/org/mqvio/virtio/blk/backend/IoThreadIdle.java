package org.mqvio.virtio.blk.backend;

import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;

/**
 * How a {@link VirtioBlkIoThread} waits for work between passes. QEMU 2.1's IoThread sleeps with kicks
 * enabled until a kick or a host completion wakes it (the default); a design may instead poll its rings for a
 * while with kicks disabled ({@link VirtioBlkIoThread#setIdle}).
 *
 * <p>The thread calls {@link #start} once when it is connected to the host, then {@link #leave} at the start
 * and {@link #enter} at the end of every pass, all on its own context.
 */
public interface IoThreadIdle {
    /** The adaptive poll window now (-1 when it polls forever). */
    Counter POLL_WINDOW_NS = Counter.declare("poll_window_ns", Unit.NANOSECONDS,
            "the adaptive poll window now (-1: polls forever)");
    /** Times the adaptive poll window grew. */
    Counter POLL_GROWN = Counter.declare("poll_grown", Unit.EVENTS, "times the poll window grew");
    /** Times the adaptive poll window shrank. */
    Counter POLL_SHRUNK = Counter.declare("poll_shrunk", Unit.EVENTS, "times the poll window shrank");
    /** Poll windows that ended without work. */
    Counter POLL_TIMEOUTS = Counter.declare("poll_timeouts", Unit.EVENTS, "poll windows that ended without work");
    /** Kicks seen by polling, without a notification. */
    Counter POLL_DOORBELLS = Counter.declare("poll_doorbells", Unit.EVENTS,
            "new requests seen by polling, without a kick");
    /** What {@link #statistics} reports, in this order: zeros for a thread that never polls. */
    CounterSet COUNTERS = CounterSet.of(POLL_WINDOW_NS, POLL_GROWN, POLL_SHRUNK, POLL_TIMEOUTS, POLL_DOORBELLS);

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

    /** Counters of the waiting: {@link #COUNTERS}, all zero by default (a thread that sleeps never polls). */
    default Statistics statistics() {
        return Statistics.zeros(COUNTERS);
    }
}
