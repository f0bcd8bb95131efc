package org.mqvio.harness.workload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.mqvio.api.BlockRequest;
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
 */
final class CloneReaper {
    private final ExecutionContext cpuContext;
    private final Platform platform;
    private final CloneRecorder recorder;
    private final BatchPolicy batch;
    private final long completeCostNs;
    /** Whether the clone waits for its I/O in flight to drain (a getevents call then waits for one completion). */
    private final BooleanSupplier draining;
    private final Consumer<IoUnit.Pending> eachReaped;
    private final Runnable afterReap;
    /** Completed I/Os not yet reaped, in completion order; guarded by this, as completions arrive from anywhere. */
    private final ArrayDeque<IoUnit.Pending> ready = new ArrayDeque<>();
    private int unclaimed;
    private int claimed;
    /** fio's {@code cur_depth}: prepared and not yet reaped; written on the clone's CPU, read under this. */
    private int depth;
    private long lastReapNs;

    /**
     * @param draining   whether the clone waits for its I/O in flight to drain
     * @param eachReaped run on the clone's CPU for each reaped I/O, in order, once the call's I/Os are stamped
     * @param afterReap  run on the clone's CPU after each reap call, when its I/Os have left the depth
     */
    CloneReaper(ExecutionContext cpuContext, Platform platform, CloneRecorder recorder, BatchPolicy batch,
                BooleanSupplier draining, Consumer<IoUnit.Pending> eachReaped, Runnable afterReap) {
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

    /** fio prepares an I/O at {@code now}: the depth counts it from here. */
    void prepared(long now) {
        synchronized (this) {
            depth++;
        }
        recorder.depthChanged(now, depth);
    }

    /** The prepared I/O is not submitted after all: it leaves the depth. */
    void abandoned(long now) {
        synchronized (this) {
            depth--;
        }
        recorder.depthChanged(now, depth);
    }

    /** The request completed (on whatever context completed it): the clone's CPU will reap it. */
    void completed(IoUnit io, BlockRequest done) {
        recorder.completed(done, platform.nanoTime());
        int claim;
        synchronized (this) {
            ready.add(new IoUnit.Pending(io, done));
            unclaimed++;
            claim = claimLocked();
        }
        postReap(claim);
    }

    /** Posts the next getevents call if enough completions are ready for it. */
    void reapMore() {
        int claim;
        synchronized (this) {
            claim = claimLocked();
        }
        postReap(claim);
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

    private void postReap(int claim) {
        if (claim > 0) {
            cpuContext.post(claim * completeCostNs, () -> reap(claim));
        }
    }

    /**
     * fio's {@code getevents} returns: the claimed completions, and any others ready by now up to the maximum
     * (each costing its own reap), are reaped together.
     */
    private void reap(int claim) {
        List<IoUnit.Pending> reaped = new ArrayList<>(claim);
        int extra;
        synchronized (this) {
            extra = Math.min(unclaimed, batch.reapAtMost() - claim);
            unclaimed -= extra;
            claimed -= claim;
            for (int i = 0; i < claim + extra; i++) {
                reaped.add(ready.poll());
            }
        }
        if (extra == 0) {
            reaped(reaped);
        } else {
            cpuContext.andThen(extra * completeCostNs, () -> reaped(reaped));
        }
    }

    /** fio reaps the completions: their latency ends and the depth falls now, as fio's {@code cur_depth} does. */
    private void reaped(List<IoUnit.Pending> reaped) {
        lastReapNs = platform.nanoTime();
        synchronized (this) {
            depth -= reaped.size();
        }
        recorder.depthChanged(lastReapNs, depth);
        recorder.reapedTogether(lastReapNs, reaped.size());
        for (IoUnit.Pending c : reaped) {
            recorder.reaped(c.request(), c.io().issueNs, lastReapNs);
            eachReaped.accept(c);
        }
        afterReap.run();
    }
}
