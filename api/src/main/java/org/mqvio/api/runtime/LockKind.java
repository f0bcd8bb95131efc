package org.mqvio.api.runtime;

/** The kinds of lock the runtime provides; they differ in what waiting costs. */
public enum LockKind {
    /**
     * FIFO ticket spinlock (Linux's spinlock before 4.2). Waiters spin on their CPU; each handoff costs a
     * cache-line transfer plus an amount that grows with the number of spinning waiters (Boyd-Wickizer et
     * al., "Non-scalable locks are dangerous", 2012).
     */
    TICKET,
    /** Queued (MCS) spinlock: FIFO, waiters spin on their own cache line, so the handoff cost is constant. */
    MCS,
    /** Sleeping mutex: waiters give up their CPU and pay a wake-up when the lock is handed to them. */
    MUTEX;

    /** Whether waiters keep their CPU busy while they wait (spinlocks) rather than sleep. */
    public boolean spins() {
        return this != MUTEX;
    }
}
