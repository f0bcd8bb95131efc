package org.mqvio.harness.live;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.LockKind;

/**
 * A FIFO ticket spinlock, as Linux's before 4.2: an acquirer takes the next ticket with one atomic add and
 * spins ({@link Thread#onSpinWait}) until the now-serving counter reaches it; release stores the next
 * number. Every waiter polls the same counter, so each release invalidates the line in every waiter's
 * cache: the non-scalable handoff the simulation models.
 *
 * <p>Paravirt waiters, as in the simulation ({@code SimLock}): a vCPU context that has spun for
 * {@code pv_spin_threshold} ns (0: never) halts, that is, it records its ticket in {@code halted} and
 * parks, giving its core back, as a Linux guest's paravirt ticket lock halts the vCPU; the unlocker that
 * serves a halted ticket unparks its thread (the kick). Host contexts spin until their turn. Without this,
 * on a machine with fewer cores than runnable threads, spinning vCPU threads take the cores the holder and
 * the IoThreads need, and the handoff waits for the scheduler.
 *
 * <p>Memory order: the ticket is taken with a volatile get-and-add; {@code serving} is read with acquire
 * and written with a volatile store, so the holder's critical section happens-before the next holder's.
 * Halting is a Dekker handshake: the waiter publishes its ticket in {@code halted} (a volatile write) and
 * then re-reads {@code serving} before each park; the unlocker stores {@code serving} (volatile) and then
 * looks its ticket up in {@code halted}: one of the two sees the other, so no kick is lost.
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
    @SuppressWarnings("unused")
    private long q1, q2, q3, q4, q5, q6, q7;
    /** Halted waiters by ticket. */
    private final ConcurrentHashMap<Integer, Thread> halted = new ConcurrentHashMap<>();
    private final long pvSpinThresholdNs;

    TicketLock(LivePlatform platform, String name) {
        super(platform, name, LockKind.TICKET);
        this.pvSpinThresholdNs = platform.costs().get(Cost.PV_SPIN_THRESHOLD);
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
        long threshold = c.kind() == ContextKind.VCPU ? pvSpinThresholdNs : 0;
        long start = threshold > 0 ? System.nanoTime() : 0;
        int spins = 0;
        while ((int) SERVING.getAcquire(this) != ticket) {
            Thread.onSpinWait();
            checkStop(c, ++spins);
            if (threshold > 0 && (spins & 0x3F) == 0 && System.nanoTime() - start >= threshold) {
                halt(c, ticket);
                return;
            }
        }
    }

    /** Parks until {@code ticket} is served (or the platform stops); the unlocker that serves it unparks us. */
    private void halt(LiveContext c, int ticket) {
        long start = System.nanoTime();
        c.haltStarted();
        halted.put(ticket, Thread.currentThread());
        try {
            while ((int) SERVING.getVolatile(this) != ticket) {
                LockSupport.park(this);
                if (c.stopRequested()) {
                    throw new LiveContext.Stopped();
                }
            }
        } finally {
            halted.remove(ticket);
            c.haltEnded(System.nanoTime() - start);
        }
    }

    @Override
    void handOff(Object token) {
        int served = (int) SERVING.getOpaque(this) + 1;
        SERVING.setVolatile(this, served);
        if (!halted.isEmpty()) {
            Thread t = halted.get(served);
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }
}
