package org.mqvio.harness.live;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.mqvio.api.runtime.LockKind;

/**
 * A FIFO ticket spinlock, as Linux's before 4.2: an acquirer takes the next ticket with one atomic add and
 * spins ({@link Thread#onSpinWait}) until the now-serving counter reaches it; release is a release store of
 * the next number. Every waiter polls the same counter, so each release invalidates the line in every
 * waiter's cache: the non-scalable handoff the simulation models.
 *
 * <p>Memory order: the ticket is taken with a volatile get-and-add; {@code serving} is read with acquire
 * and written with release, so the holder's critical section happens-before the next holder's.
 */
final class TicketLock extends LiveLock {
    private static final VarHandle NEXT;
    private static final VarHandle SERVING;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            NEXT = l.findVarHandle(TicketLock.class, "next", int.class);
            SERVING = l.findVarHandle(TicketLock.class, "serving", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused")
    private volatile int next;
    @SuppressWarnings("unused")
    private long p1, p2, p3, p4, p5, p6, p7;
    @SuppressWarnings("unused")
    private volatile int serving;

    TicketLock(LivePlatform platform, String name) {
        super(platform, name, LockKind.TICKET);
    }

    @Override
    Object enqueue(LiveContext c) {
        int ticket = (int) NEXT.getAndAdd(this, 1);
        if ((int) SERVING.getAcquire(this) == ticket) {
            return null;
        }
        return ticket;
    }

    @Override
    void waitFor(LiveContext c, Object token) {
        int ticket = (Integer) token;
        int spins = 0;
        while ((int) SERVING.getAcquire(this) != ticket) {
            Thread.onSpinWait();
            checkStop(c, ++spins);
        }
    }

    @Override
    void handOff(Object token) {
        SERVING.setRelease(this, (int) SERVING.getOpaque(this) + 1);
    }
}
