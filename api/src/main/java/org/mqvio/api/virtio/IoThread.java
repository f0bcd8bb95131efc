package org.mqvio.api.virtio;

import java.util.List;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;

/**
 * A hypervisor I/O thread: an event loop (an agent, in Agrona's terms) that owns a set of virtqueues and
 * serves them. It runs on its own {@link ExecutionContext}; kicks, host completions and polling all end
 * in a call of {@link #doWork()}.
 */
public interface IoThread {
    /** Passes of the loop. */
    Counter LOOPS = Counter.declare("loops", Unit.EVENTS, "passes of the loop");
    /** Requests popped and submitted to the host block layer. */
    Counter SUBMITTED = Counter.declare("submitted", Unit.EVENTS, "requests submitted to the host block layer");
    /** Requests completed and pushed to the guest. */
    Counter COMPLETED = Counter.declare("completed", Unit.EVENTS, "requests completed to the guest");
    /** Interrupts sent to the guest. */
    Counter NOTIFIES = Counter.declare("notifies", Unit.EVENTS, "interrupts sent to the guest");


    /** The thread's name. */
    String name();

    /** The context the loop runs on. */
    ExecutionContext context();

    /** The virtqueues this thread serves. */
    List<? extends Virtqueue<?>> virtqueues();

    /**
     * One pass of the loop: pop available requests and submit them, reap completed ones and push them,
     * notify the guest as needed. Runs inside the running item of {@link #context()}.
     *
     * @return the amount of work done (0 means there was nothing to do)
     */
    int doWork();

    /**
     * Statistics since creation: at least {@link #LOOPS}, {@link #SUBMITTED}, {@link #COMPLETED},
     * {@link #NOTIFIES}.
     */
    Statistics statistics();
}
