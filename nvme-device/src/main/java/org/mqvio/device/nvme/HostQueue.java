package org.mqvio.device.nvme;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.PlatformLock;

/**
 * The host driver's side of one queue pair (the admin pair or an I/O pair): the submission and completion
 * rings, the lock that guards the submission tail, the command ids and the completion head (as Linux's
 * {@code nvme_queue.q_lock} did), the interrupt context its vector targets, and its timeout watch.
 *
 * <p>Commands are staged per submitting context ({@link Batch}) and placed in the ring under the lock in
 * one round per batch; the tail doorbell is written once per batch. {@code reserved} counts the I/O
 * commands the driver has accepted and not yet seen complete: it never exceeds {@link #capacity}, one less
 * than the ring size, so neither ring can overflow.
 */
final class HostQueue {
    /** Requests one context has staged that wait for one round of the queue's lock. */
    static final class Batch {
        final List<InFlight> work = new ArrayList<>();
        boolean kick;
        boolean lockPending;
    }

    final int qid;
    /** The block layer's index of this hardware queue; -1 for the admin queue. */
    final int index;
    final SubmissionQueue sq;
    final CompletionQueue cq;
    final PlatformLock lock;
    final ExecutionContext irq;
    final CommandIds ids;
    final int capacity;
    /** Commands staged that found no free id yet (the admin queue only). */
    final ArrayDeque<InFlight> backlog = new ArrayDeque<>();
    private final Map<ExecutionContext, Batch> batches = new ConcurrentHashMap<>();
    TimeoutWatch watch;
    /** I/O commands accepted and not yet seen complete, taken outside the lock by every submitter. */
    final AtomicInteger reserved = new AtomicInteger();
    int unrung;
    volatile boolean stopped;

    HostQueue(int qid, int index, SubmissionQueue sq, CompletionQueue cq, PlatformLock lock, ExecutionContext irq) {
        this.qid = qid;
        this.index = index;
        this.sq = sq;
        this.cq = cq;
        this.lock = lock;
        this.irq = irq;
        this.capacity = Math.min(sq.size(), cq.size()) - 1;
        this.ids = new CommandIds(capacity);
    }

    boolean isAdmin() {
        return qid == 0;
    }

    Batch batchOf(ExecutionContext context) {
        Batch batch = batches.get(context);
        return batch != null ? batch : batches.computeIfAbsent(context, c -> new Batch());
    }

    /** Reserves room for one I/O command if fewer than {@link #capacity} are outstanding. */
    boolean reserve() {
        while (true) {
            int r = reserved.get();
            if (r >= capacity) {
                return false;
            }
            if (reserved.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }
}
