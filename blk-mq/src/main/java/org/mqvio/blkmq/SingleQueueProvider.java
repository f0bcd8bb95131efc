package org.mqvio.blkmq;

import java.util.List;
import java.util.Locale;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.LockKind;
import org.mqvio.api.spi.BlockLayerProvider;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.Parameters;

/**
 * Provider {@code single-queue}: the legacy Linux block layer that blk-mq replaced: one request queue behind
 * one lock (a ticket spinlock taken with interrupts off, as {@code q->queue_lock} was before 4.2) for submit,
 * dispatch and completion, with the noop elevator (deadline optional). It dispatches to the driver's first
 * hardware queue, as a legacy single-queue driver did.
 *
 * <p>The times the lock is held per request are parameters in ns, not cost-table entries (the table lives in
 * the API and the harness); they should become costs {@code sq_submit_hold}, {@code sq_dispatch_hold} and
 * {@code sq_complete_hold}.
 */
public final class SingleQueueProvider implements BlockLayerProvider {
    static final String LOCK = "single-queue.lock";
    static final String ELEVATOR = "single-queue.elevator";
    static final String QUEUE_DEPTH = "single-queue.queue_depth";
    static final String NOMERGES = "single-queue.nomerges";
    static final String SUBMIT_HOLD = "single-queue.submit_hold_ns";
    static final String DISPATCH_HOLD = "single-queue.dispatch_hold_ns";
    static final String COMPLETE_HOLD = "single-queue.complete_hold_ns";
    static final String HOT_LINES = "single-queue.hot_lines";

    /** Lock hold per request inserted: get_request, elevator merge check and insert, accounting. Estimate. */
    static final long DEFAULT_SUBMIT_HOLD_NS = 200;
    /** Lock hold per request dispatched: blk_fetch_request, blk_start_request, timeout list. Estimate. */
    static final long DEFAULT_DISPATCH_HOLD_NS = 100;
    /** Lock hold per request finished: blk_finish_request, freeing it to the request pool. Estimate. */
    static final long DEFAULT_COMPLETE_HOLD_NS = 150;
    /**
     * Cache lines of queue state every critical section writes: lock word, queue flags and counters, request
     * pool counters, elevator list heads, timeout list, neighbouring requests' links. Estimate from
     * {@code struct request_queue}'s layout.
     */
    static final int DEFAULT_HOT_LINES = 8;

    @Override
    public String name() {
        return "single-queue";
    }

    @Override
    public String description() {
        return "legacy block layer: one request queue under one lock for submit, dispatch and completion (noop or deadline)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.ofChoice(LOCK, "ticket", List.of("ticket", "mcs", "mutex"),
                        "kind of the queue lock (Linux's queue_lock was a ticket spinlock, irqs off)"),
                ParameterSpec.ofChoice(ELEVATOR, "noop", List.of("noop", "deadline"), "the elevator"),
                ParameterSpec.ofInt(QUEUE_DEPTH, -1, -1, 65536,
                        "requests in flight at most; -1 uses the depth of the driver's first hardware queue"),
                ParameterSpec.ofBoolean(NOMERGES, false, "turn merging of adjacent requests off"),
                ParameterSpec.ofLong(SUBMIT_HOLD, DEFAULT_SUBMIT_HOLD_NS, 0, 1_000_000,
                        "queue lock hold per request inserted, ns"),
                ParameterSpec.ofLong(DISPATCH_HOLD, DEFAULT_DISPATCH_HOLD_NS, 0, 1_000_000,
                        "queue lock hold per request dispatched, ns"),
                ParameterSpec.ofLong(COMPLETE_HOLD, DEFAULT_COMPLETE_HOLD_NS, 0, 1_000_000,
                        "queue lock hold per request completed, ns"),
                ParameterSpec.ofInt(HOT_LINES, DEFAULT_HOT_LINES, 0, 1024,
                        "cache lines of queue state a lock holder pulls from the previous holder's CPU (each cost.lock_handoff)"));
    }

    @Override
    public BlockLayer create(BlockLayerSetup setup) {
        Parameters p = setup.parameters();
        int offered = setup.driver().hardwareQueues();
        if (offered < 1) {
            throw new IllegalArgumentException("the driver offers " + offered
                    + " hardware queues; the single-queue layer needs at least 1");
        }
        int driverDepth = setup.driver().queueDepth(0);
        if (driverDepth < 1) {
            throw new IllegalArgumentException("hardware queue 0 of the driver has depth " + driverDepth
                    + "; a hardware queue needs a depth of at least 1");
        }
        int asked = p.getInt(QUEUE_DEPTH);
        if (asked != -1 && (asked < 1 || asked > driverDepth)) {
            throw new IllegalArgumentException(QUEUE_DEPTH + "=" + asked + " does not fit hardware queue 0 of depth "
                    + driverDepth + "; allowed: 1 to " + driverDepth + ", or -1 for the driver's depth");
        }
        SingleQueue.Holds holds = new SingleQueue.Holds(p.getLong(SUBMIT_HOLD), p.getLong(DISPATCH_HOLD),
                p.getLong(COMPLETE_HOLD));
        LockKind kind = LockKind.valueOf(p.getString(LOCK).toUpperCase(Locale.ROOT));
        Merging merging = new Merging(!p.getBoolean(NOMERGES), Merging.DEFAULT_MAX_KB * 1024);
        return new SingleQueue(setup, kind, p.getString(ELEVATOR).equals("deadline"), asked == -1 ? driverDepth : asked,
                merging, holds, p.getInt(HOT_LINES));
    }
}
