package org.mqvio.harness.workload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * A clone's depth and its reaping, as fio's {@code io_u_queued_complete()} in {@code io_u.c}: the depth
 * ({@code cur_depth}) counts an I/O from its preparation to its reap; a completion (in whatever context completed
 * the request) is only queued for the clone's CPU, which reaps in {@code getevents} calls that wait for
 * {@code iodepth_batch_complete_min} completions (one while the clone waits for its I/O to drain, fewer when fewer
 * are in flight) and take at most {@code iodepth_batch_complete_max} ({@code wait_for_completions()}). One call
 * costs {@code guest_complete} ({@code native_complete} on bare metal) per I/O it reaps and stamps them all once,
 * when it is done ({@code init_icd()}): clat = reap - issue and lat = reap - start ({@code account_io_completion()}),
 * and the I/Os leave the depth there ({@code put_io_u()}). What the reaped I/Os mean to the clone is the clone's.
 *
 * <p>The reaper also keeps the clone's {@link IoUnit}s, as fio keeps a job's {@code io_u} free list beside its depth
 * ({@code get_io_u()} takes a unit and counts it, {@code put_io_u()} gives it back and uncounts it): a unit is taken
 * when an I/O is prepared and given back once the I/O was reaped (after {@code eachReaped} has seen it) or abandoned,
 * so a clone allocates no unit once it has had its deepest queue.
 */
final class CloneReaper {
    private final ExecutionContext cpuContext;
    private final Platform platform;
    private final CloneRecorder recorder;
    private final BatchPolicy batch;
    private final long completeCostNs;
    /** Whether the clone waits for its I/O in flight to drain (a getevents call then waits for one completion). */
    private final BooleanSupplier draining;
    private final Consumer<IoUnit> eachReaped;
    private final Runnable afterReap;
    /** Units not in use (fio's {@code io_u_freelist}); used on the clone's CPU only. */
    private final ArrayDeque<IoUnit> free = new ArrayDeque<>();
    /** Completed I/Os not yet reaped, in completion order; guarded by this, as completions arrive from anywhere. */
    private final ArrayDeque<IoUnit> ready = new ArrayDeque<>();
    private int unclaimed;
    private int claimed;
    /**
     * The claim of each getevents call posted and not yet run, in posting order (the clone's CPU runs its posted
     * items in that order); guarded by this. A ring of {@link #claimCount} entries from {@link #claimHead}.
     */
    private int[] claims = new int[4];
    private int claimHead;
    private int claimCount;
    /** The I/Os of the reap call being handled, from its {@link #reapCall} to its {@link #reapedCall}. */
    private final List<IoUnit> reaping = new ArrayList<>();
    private final Runnable reapCall = this::reap;
    private final Runnable reapedCall = this::reaped;
    /** fio's {@code cur_depth}: prepared and not yet reaped; written on the clone's CPU, read under this. */
    private int depth;
    private long lastReapNs;

    /**
     * @param draining   whether the clone waits for its I/O in flight to drain
     * @param eachReaped run on the clone's CPU for each reaped I/O, in order, once the call's I/Os are stamped
     * @param afterReap  run on the clone's CPU after each reap call, when its I/Os have left the depth
     */
    CloneReaper(ExecutionContext cpuContext, Platform platform, CloneRecorder recorder, BatchPolicy batch,
                BooleanSupplier draining, Consumer<IoUnit> eachReaped, Runnable afterReap) {
        this.cpuContext = cpuContext;
        this.platform = platform;
        this.recorder = recorder;
        this.batch = batch;
        this.draining = draining;
        this.eachReaped = eachReaped;
        this.afterReap = afterReap;
        this.completeCostNs = FioCosts.completeNs(platform, cpuContext);
    }

    /** fio's {@code cur_depth}: I/Os prepared and not yet reaped. */
    int depth() {
        return depth;
    }

    /** When the last reap call was done. */
    long lastReapNs() {
        return lastReapNs;
    }

    /** fio prepares an I/O at {@code now}: the depth counts it from here; returns the unit that carries it. */
    IoUnit prepared(long now) {
        IoUnit io = free.isEmpty() ? new IoUnit(this) : free.pop();
        io.take();
        synchronized (this) {
            depth++;
        }
        recorder.depthChanged(now, depth);
        return io;
    }

    /** The prepared I/O is not submitted after all: it leaves the depth and its unit is free again. */
    void abandoned(IoUnit io, long now) {
        synchronized (this) {
            depth--;
        }
        giveBack(io);
        recorder.depthChanged(now, depth);
    }

    private void giveBack(IoUnit io) {
        io.giveBack();
        free.push(io);
    }

    /** The unit's request completed (on whatever context completed it): the clone's CPU will reap it. */
    void completed(IoUnit io) {
        recorder.completed(io.request(), platform.nanoTime());
        synchronized (this) {
            ready.add(io);
            unclaimed++;
            postReapLocked(claimLocked());
        }
    }

    /** Posts the next getevents call if enough completions are ready for it. */
    void reapMore() {
        synchronized (this) {
            postReapLocked(claimLocked());
        }
    }

    /**
     * The completions the next {@code getevents} call waits for, if enough are ready: fio's
     * {@code iodepth_batch_complete_min} (one while draining, fewer when fewer are in flight), up to
     * {@code iodepth_batch_complete_max}. Returns 0 when the call would still wait.
     */
    private int claimLocked() {
        int need = draining.getAsBoolean() ? 1 : Math.max(1, Math.min(batch.completeMin(), depth - claimed));
        if (unclaimed < need) {
            return 0;
        }
        int c = Math.min(unclaimed, batch.reapAtMost());
        unclaimed -= c;
        claimed += c;
        return c;
    }

    /**
     * Posts a getevents call for {@code claim} completions, if any: the claim is queued with it, in the order of the
     * posts, which is the order in which the clone's CPU runs them. Posting under the lock keeps the two orders one.
     */
    private void postReapLocked(int claim) {
        if (claim == 0) {
            return;
        }
        if (claimCount == claims.length) {
            int[] grown = new int[2 * claims.length];
            for (int i = 0; i < claimCount; i++) {
                grown[i] = claims[(claimHead + i) % claims.length];
            }
            claims = grown;
            claimHead = 0;
        }
        claims[(claimHead + claimCount++) % claims.length] = claim;
        cpuContext.post(claim * completeCostNs, reapCall);
    }

    /**
     * fio's {@code getevents} returns: the claimed completions, and any others ready by now up to the maximum
     * (each costing its own reap), are reaped together.
     */
    private void reap() {
        if (!reaping.isEmpty()) {
            throw new IllegalStateException("a getevents call ran before the previous one was handled");
        }
        int extra;
        synchronized (this) {
            int claim = claims[claimHead];
            claimHead = (claimHead + 1) % claims.length;
            claimCount--;
            extra = Math.min(unclaimed, batch.reapAtMost() - claim);
            unclaimed -= extra;
            claimed -= claim;
            for (int i = 0; i < claim + extra; i++) {
                reaping.add(ready.poll());
            }
        }
        if (extra == 0) {
            reaped();
        } else {
            cpuContext.andThen(extra * completeCostNs, reapedCall);
        }
    }

    /**
     * fio reaps the completions: their latency ends and the depth falls now, as fio's {@code cur_depth} does; each
     * unit is free again once the clone has seen it.
     */
    private void reaped() {
        lastReapNs = platform.nanoTime();
        int n = reaping.size();
        synchronized (this) {
            depth -= n;
        }
        recorder.depthChanged(lastReapNs, depth);
        recorder.reapedTogether(lastReapNs, n);
        for (int i = 0; i < n; i++) {
            IoUnit io = reaping.get(i);
            recorder.reaped(io.request(), io.issueNs, lastReapNs);
            eachReaped.accept(io);
            giveBack(io);
        }
        reaping.clear();
        afterReap.run();
    }
}
