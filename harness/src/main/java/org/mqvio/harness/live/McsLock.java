package org.mqvio.harness.live;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
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
 * <p>Memory order: {@code tail} is swapped with volatile get-and-set (and compare-and-set on release);
 * {@code next} is published with release and read with acquire; {@code locked} is cleared with release and
 * polled with acquire, so one holder's critical section happens-before the next's.
 */
final class McsLock extends LiveLock {
    static final class Node {
        final Thread thread;
        volatile Node next;
        volatile boolean locked = true;

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
    @SuppressWarnings("unused")
    private volatile Node tail;
    /** The node of the holder that took the lock at once (the token of a waiter is its node). */
    private Node uncontendedNode;

    McsLock(LivePlatform platform, String name, boolean sleeping) {
        super(platform, name, sleeping ? LockKind.MUTEX : LockKind.MCS);
        this.sleeping = sleeping;
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
            }
        }
        uncontendedNode = node;
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
        LOCKED.setRelease(succ, false);
        if (sleeping) {
            LockSupport.unpark(succ.thread);
        }
    }
}
