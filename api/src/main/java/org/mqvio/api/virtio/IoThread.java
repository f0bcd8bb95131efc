package org.mqvio.api.virtio;

import java.util.List;
import java.util.Map;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * A hypervisor I/O thread: an event loop (an agent, in Agrona's terms) that owns a set of virtqueues and
 * serves them. It runs on its own {@link ExecutionContext}; kicks, host completions and polling all end
 * in a call of {@link #doWork()}.
 */
public interface IoThread {

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

    /** Statistics: at least {@code loops}, {@code submitted}, {@code completed}, {@code notifies}. */
    Map<String, Long> statistics();
}
