package org.mqvio.api.runtime;

import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;

/**
 * A lock of a {@link LockKind}. Waiting is expressed by continuation, so the same component code works
 * in simulation (where a waiter spins or sleeps in virtual time) and live (where it really does).
 * Interrupt-priority items do not run on a context while it holds or waits for any lock.
 */
public interface PlatformLock {
    /** Times the lock was taken. */
    Counter ACQUISITIONS = Counter.declare("acquisitions", Unit.EVENTS, "times the lock was taken");
    /** Acquisitions that had to wait. */
    Counter CONTENDED = Counter.declare("contended", Unit.EVENTS, "acquisitions that had to wait");
    /** Time waited for the lock, all waiters. */
    Counter WAIT_NS = Counter.declare("wait_ns", Unit.NANOSECONDS, "time waited for the lock, all waiters");
    /** Time the lock was held. */
    Counter HOLD_NS = Counter.declare("hold_ns", Unit.NANOSECONDS, "time the lock was held");
    /** Time from a release to the next waiter running with the lock, contended acquisitions only. */
    Counter HANDOFF_NS = Counter.declare("handoff_ns", Unit.NANOSECONDS,
            "time from a release to the waiter that got the lock running with it");
    /** The most contexts that waited at once. */
    Counter MAX_WAITERS = Counter.declare("max_waiters", Unit.ITEMS, "the most contexts that waited at once");
    /** The counters every lock reports, in this order; a runtime may add its own after them. */
    CounterSet COUNTERS = CounterSet.of(ACQUISITIONS, CONTENDED, WAIT_NS, HOLD_NS, HANDOFF_NS, MAX_WAITERS);


    /**
     * Acquires the lock for {@code context} and then runs {@code critical} as the continuation of the
     * running item. Only the item running on {@code context} may call it; the lock is not reentrant, and a
     * context waits for at most one lock at a time (taking a second lock while holding one is fine).
     */
    void acquire(ExecutionContext context, Runnable critical);

    /**
     * Releases the lock held by {@code context}; a waiter, if any, gets it (FIFO).
     *
     * @throws IllegalStateException if {@code context} does not hold it
     */
    void release(ExecutionContext context);

    /** The lock's name. */
    String name();

    /** The lock's kind. */
    LockKind kind();

    /** Statistics since creation: at least {@link #COUNTERS}. */
    Statistics statistics();
}
