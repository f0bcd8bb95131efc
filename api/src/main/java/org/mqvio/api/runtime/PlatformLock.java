package org.mqvio.api.runtime;

import java.util.Map;

/**
 * A lock of a {@link LockKind}. Waiting is expressed by continuation, so the same component code works
 * in simulation (where a waiter spins or sleeps in virtual time) and live (where it really does).
 * Interrupt-priority items do not run on a context while it holds or waits for any lock.
 */
public interface PlatformLock {

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

    /**
     * Statistics: {@code acquisitions}, {@code contended} (acquisitions that had to wait), {@code wait_ns}
     * (total time waited), {@code hold_ns} (total time held).
     */
    Map<String, Long> statistics();
}
