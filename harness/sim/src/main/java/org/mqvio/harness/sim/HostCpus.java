package org.mqvio.harness.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The host's CPUs as a resource shared by the simulated contexts. A context runs only while it holds a CPU.
 * Runnable contexts wait in one FIFO run queue; a freed CPU goes to the first waiter allowed on it (its
 * affinity), after a context-switch cost when it passes directly from one thread to another. A context that
 * has run for a time slice while another waits for its CPU is preempted at its next item boundary; spinning
 * and polling contexts are preempted at the end of their slice. Host kernel code (any context but a vCPU)
 * holding or spinning on a spinlock is not preempted until it has released it, as Linux's {@code spin_lock}
 * disables preemption; a vCPU is, whatever its guest holds. Per-CPU busy time is not tracked here: each
 * context accounts its own.
 */
final class HostCpus {
    private final SimPlatform platform;
    private final SimContext[] running;
    private final List<SimContext> runQueue = new ArrayList<>();
    private final long sliceNs;
    private final long switchNs;
    private long switches;

    HostCpus(SimPlatform platform, int count, long sliceNs, long switchNs) {
        this.platform = platform;
        this.running = new SimContext[count];
        this.sliceNs = sliceNs;
        this.switchNs = switchNs;
    }

    int count() {
        return running.length;
    }

    long sliceNs() {
        return sliceNs;
    }

    /** Number of direct thread-to-thread switches so far. */
    long switches() {
        return switches;
    }

    /** {@code context} is runnable: give it a free CPU now, or queue it. */
    void request(SimContext context) {
        int cpu = freeCpuFor(context);
        if (cpu >= 0) {
            start(context, cpu, 0);
            return;
        }
        runQueue.add(context);
        for (int i = 0; i < running.length; i++) {
            if (running[i] != null && context.allowedOn(i)) {
                running[i].onWaiterQueued();
            }
        }
    }

    /** {@code context} gives up its CPU (it sleeps, blocks or is preempted). */
    void release(SimContext context) {
        int cpu = context.cpu();
        running[cpu] = null;
        SimContext next = takeWaiterFor(cpu);
        if (next != null) {
            switches++;
            start(next, cpu, switchNs);
        }
    }

    /** Whether a runnable context waits that could use {@code cpu}. */
    boolean hasWaiterFor(int cpu) {
        for (SimContext c : runQueue) {
            if (c.allowedOn(cpu)) {
                return true;
            }
        }
        return false;
    }

    /** Preempts {@code context}: it goes to the tail of the run queue and its CPU passes to a waiter. */
    void preempt(SimContext context) {
        release(context);
        runQueue.add(context);
    }

    private void start(SimContext context, int cpu, long delayNs) {
        running[cpu] = context;
        context.assign(cpu, delayNs);
    }

    private int freeCpuFor(SimContext context) {
        for (int i = 0; i < running.length; i++) {
            if (running[i] == null && context.allowedOn(i)) {
                return i;
            }
        }
        return -1;
    }

    private SimContext takeWaiterFor(int cpu) {
        for (Iterator<SimContext> it = runQueue.iterator(); it.hasNext(); ) {
            SimContext c = it.next();
            if (c.allowedOn(cpu)) {
                it.remove();
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "HostCpus[" + running.length + " cpus, " + runQueue.size() + " waiting, now " + platform.nanoTime() + "]";
    }
}
