package org.mqvio.api.block;

import org.mqvio.api.BlockRequest;
import org.mqvio.api.Status;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;

/**
 * A block layer: accepts requests from CPUs, queues them, dispatches them to a {@link BlockDriver}'s
 * hardware queues within each queue's depth, and completes them upward.
 *
 * <p>Contract: every submitted request is completed exactly once, with the status its driver gave it;
 * when the driver is busy or no tag is free, the request waits in the block layer and is never dropped.
 * All methods run inside the running item of the given context.
 */
public interface BlockLayer {
    /** Requests submitted. */
    Counter SUBMITTED = Counter.declare("submitted", Unit.EVENTS, "requests submitted");
    /** Requests dispatched to the driver. */
    Counter DISPATCHED = Counter.declare("dispatched", Unit.EVENTS, "requests dispatched to the driver");
    /** Requests completed. */
    Counter COMPLETED = Counter.declare("completed", Unit.EVENTS, "requests completed");
    /** Busy answers from the driver or for want of a resource. */
    Counter BUSY = Counter.declare("busy", Unit.EVENTS, "busy answers, from the driver or for want of a resource");
    /**
     * FUA writes emulated with a flush after the write, for a driver without FUA: reported only by a block
     * layer that emulates FUA.
     */
    Counter FUA_EMULATED = Counter.declare("fua_emulated", Unit.EVENTS, "FUA writes emulated with a flush after them");


    /**
     * Submits {@code request} from the CPU {@code request.cpu()} whose context is {@code context}. The layer holds it
     * until it completes it; once it has called {@link BlockRequest#complete} it must not touch it again, because its
     * creator may already be reusing it (the ownership rule of {@link BlockRequest}).
     */
    void submit(ExecutionContext context, BlockRequest request);

    /**
     * Called by the driver when {@code request} is done: the block layer frees what the request held and
     * completes it (on this context, or by IPI on the submitting CPU, as configured). Once this returns the
     * request is the block layer's again, which may reuse it: the driver must not touch it any more.
     */
    void complete(ExecutionContext context, BlockRequest request, Status status);

    /** Called by the driver when hardware queue {@code queue} has room again after a busy answer. */
    void restart(ExecutionContext context, int queue);

    /** Capacity of the device below, in 512-byte sectors. */
    long capacitySectors();

    /**
     * Statistics since creation: at least {@link #SUBMITTED}, {@link #DISPATCHED}, {@link #COMPLETED} and
     * {@link #BUSY}.
     */
    Statistics statistics();
}
