package org.mqvio.harness.live;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.LockKind;

/**
 * A FIFO queue lock after Mellor-Crummey and Scott: each acquirer swaps its own node into {@code tail} and,
 * if there was a predecessor, links behind it and waits on its own node's {@code locked} flag; release hands
 * the lock to the successor by clearing that flag (or swings {@code tail} back to null when there is none).
 * Waiters touch only their own line, so a handoff costs one transfer whatever the number of waiters.
 *
 * <p>The same queue serves the sleeping mutex ({@code sleeping = true}): a waiter parks instead of spinning
 * and the releaser unparks it after clearing its flag, so the next owner pays a real wake-up.
 *
 * <p>Paravirt waiters, as Linux's paravirt queued spinlock (4.2 and later) and as {@code SimLock}: a vCPU context
 * that has spun for {@code pv_spin_threshold} ns (0: never) halts, that is, marks its node {@code halted} and
 * parks; the releaser that hands it the lock unparks it (the kick). Host contexts spin until their turn. The
 * handshake is Dekker's: the waiter writes {@code halted} (volatile) and re-reads {@code locked} (volatile)
 * before each park; the releaser clears {@code locked} (volatile) and then reads {@code halted}.
 *
 * <p>Memory order: {@code tail} is swapped with volatile get-and-set (and compare-and-set on release);
 * {@code next} is published with release and read with acquire; {@code locked} is cleared with a volatile store
 * (the halt handshake above needs more than release) and polled with acquire, so one holder's critical section
 * happens-before the next's.
 */
final class McsLock extends LiveLock {
    static final class Node {
        final Thread thread;
        volatile Node next;
        volatile boolean locked = true;
        volatile boolean halted;

        Node(Thread thread) {
            this.thread = thread;
        }
    }

    private static final VarHandle TAIL;
    private static final VarHandle NEXT;
    private static final VarHandle LOCKED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(McsLock.class, "tail", Node.class);
            NEXT = l.findVarHandle(Node.class, "next", Node.class);
            LOCKED = l.findVarHandle(Node.class, "locked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final boolean sleeping;
    private final long pvSpinThresholdNs;
    @SuppressWarnings("unused")
    private volatile Node tail;
    /** The node of the holder that took the lock at once (the token of a waiter is its node). */
    private Node uncontendedNode;

    McsLock(LivePlatform platform, String name, boolean sleeping) {
        super(platform, name, sleeping ? LockKind.MUTEX : LockKind.MCS);
        this.sleeping = sleeping;
        this.pvSpinThresholdNs = sleeping ? 0 : platform.costs().get(Cost.PV_SPIN_THRESHOLD);
    }

    @Override
    Object enqueue(LiveContext c) {
        Node node = new Node(Thread.currentThread());
        Node pred = (Node) TAIL.getAndSet(this, node);
        if (pred == null) {
            uncontendedNode = node;
            return null;
        }
        NEXT.setRelease(pred, node);
        return node;
    }

    @Override
    void waitFor(LiveContext c, Object token) {
        Node node = (Node) token;
        long threshold = c.kind() == ContextKind.VCPU ? pvSpinThresholdNs : 0;
        long start = threshold > 0 ? System.nanoTime() : 0;
        int spins = 0;
        while ((boolean) LOCKED.getAcquire(node)) {
            if (sleeping) {
                LockSupport.park(this);
                if (c.stopRequested()) {
                    throw new LiveContext.Stopped();
                }
            } else {
                Thread.onSpinWait();
                checkStop(c, ++spins);
                if (threshold > 0 && (spins & 0x3F) == 0 && System.nanoTime() - start >= threshold) {
                    halt(c, node);
                }
            }
        }
        uncontendedNode = node;
    }

    /** Parks until {@code node} is handed the lock (or the platform stops); the releaser unparks us. */
    private void halt(LiveContext c, Node node) {
        long start = System.nanoTime();
        c.haltStarted();
        node.halted = true;
        try {
            while (node.locked) {
                LockSupport.park(this);
                if (c.stopRequested()) {
                    throw new LiveContext.Stopped();
                }
            }
        } finally {
            c.haltEnded(System.nanoTime() - start);
        }
    }

    @Override
    void handOff(Object token) {
        Node node = uncontendedNode;
        uncontendedNode = null;
        Node succ = (Node) NEXT.getAcquire(node);
        if (succ == null) {
            if (TAIL.compareAndSet(this, node, null)) {
                return;
            }
            // A successor swapped itself into tail and has not linked yet; it may have been preempted in
            // between, so yield now and then rather than spin through its time slice.
            int spins = 0;
            while ((succ = (Node) NEXT.getAcquire(node)) == null) {
                Thread.onSpinWait();
                if ((++spins & 0x3FF) == 0) {
                    Thread.yield();
                }
            }
        }
        LOCKED.setVolatile(succ, false);
        if (sleeping || succ.halted) {
            LockSupport.unpark(succ.thread);
        }
    }
}
