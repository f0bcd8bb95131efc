package org.mqvio.device.nvme;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
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
    /**
     * One context's state on this queue, confined to the context: the requests it has staged that wait for
     * one round of the queue's lock, and what its last pass over the completion queue found, which it handles
     * after the lock (cleared then, so the lists are reused). Also the context's named step that flushes the
     * batch in the lock, made once per context rather than per request.
     */
    static final class Batch {
        final HostQueue queue;
        final ExecutionContext context;
        /** The context's lock steps, kept here so that staging looks up nothing. */
        final LockTurns.Turns turns;
        final List<InFlight> work = new ArrayList<>();
        boolean kick;
        boolean lockPending;
        /** Reaped: the commands whose requests complete upward. */
        final List<InFlight> done = new ArrayList<>();
        /** Reaped: admin command ids freed. */
        int freed;
        /** Reaped: completed Aborts, whose target's id may now be freed. */
        final List<InFlight> aborts = new ArrayList<>();
        /** The step that flushes this batch in the queue's lock. */
        final Runnable flush;

        private Batch(HostQueue queue, ExecutionContext context, LockTurns.Turns turns, Consumer<Batch> flush) {
            this.queue = queue;
            this.context = context;
            this.turns = turns;
            this.flush = () -> flush.accept(this);
        }
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
    /**
     * The records of I/O commands, reused; only an I/O queue without a timeout watch takes from it (the others make
     * one per command).
     */
    final IoRecords records;
    /** The completion entry being handled, decoded from the ring in the lock (reused for every entry). */
    final CompletionEntry polled = new CompletionEntry();
    /** Commands staged that found no free id yet (the admin queue only). */
    final ArrayDeque<InFlight> backlog = new ArrayDeque<>();
    private final Map<ExecutionContext, Batch> batches = new ConcurrentHashMap<>();
    /**
     * The batch found last: a queue is mostly used by one context at a time, so this spares the map look-up.
     * A plain field read racily live is still safe: a batch's context is final, and a stale batch fails the
     * check and falls back to the map.
     */
    private Batch lastBatch;
    private final Function<ExecutionContext, Batch> newBatch;
    /** The interrupt context's lock steps. */
    final LockTurns.Turns irqTurns;
    /** The step the MSI-X vector's handler runs in the lock (the driver's, made once per queue). */
    Runnable interruptStep;
    TimeoutWatch watch;
    /** I/O commands accepted and not yet seen complete, taken outside the lock by every submitter. */
    final AtomicInteger reserved = new AtomicInteger();
    int unrung;
    volatile boolean stopped;

    /**
     * @param turns the driver's lock steps
     * @param flush  flushes a batch in the queue's lock (the driver's)
     * @param upward what a command's record runs to complete its request upward (the driver's)
     */
    HostQueue(int qid, int index, SubmissionQueue sq, CompletionQueue cq, PlatformLock lock, ExecutionContext irq,
              LockTurns turns, Consumer<Batch> flush, Consumer<InFlight> upward) {
        this.qid = qid;
        this.index = index;
        this.sq = sq;
        this.cq = cq;
        this.lock = lock;
        this.irq = irq;
        this.capacity = Math.min(sq.size(), cq.size()) - 1;
        this.ids = new CommandIds(capacity);
        this.records = new IoRecords(capacity, upward);
        this.newBatch = c -> new Batch(this, c, turns.of(c), flush);
        this.irqTurns = turns.of(irq);
    }

    boolean isAdmin() {
        return qid == 0;
    }

    /** The batch of {@code context}. */
    Batch batchOf(ExecutionContext context) {
        Batch batch = lastBatch;
        if (batch != null && batch.context == context) {
            return batch;
        }
        batch = batches.get(context);
        if (batch == null) {
            batch = batches.computeIfAbsent(context, newBatch);
        }
        lastBatch = batch;
        return batch;
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
