package org.mqvio.harness.sim;

import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.runtime.ContextSpec;

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
    /** Free CPUs, one bit each: the lowest free CPU is found a word at a time, not by a scan of every CPU. */
    private final long[] free;
    /** Waiters in the run queue allowed on any CPU, and per CPU those pinned to it: {@link #hasWaiterFor} in O(1). */
    private int anyWaiters;
    private final int[] pinnedWaiters;
    private final long sliceNs;
    private final long switchNs;
    private long switches;

    HostCpus(SimPlatform platform, int count, long sliceNs, long switchNs) {
        this.platform = platform;
        this.running = new SimContext[count];
        this.free = new long[(count + 63) >>> 6];
        for (int i = 0; i < count; i++) {
            free[i >>> 6] |= 1L << i;
        }
        this.pinnedWaiters = new int[count];
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
        if (context.isInterruptHandler()) {
            interrupt(context);
            return;
        }
        enqueue(context);
        int pinned = context.affinity();
        if (pinned != ContextSpec.ANY_CPU) {
            if (running[pinned] != null) {
                running[pinned].onWaiterQueued();
            }
            return;
        }
        for (int i = 0; i < running.length; i++) {
            if (running[i] != null) {
                running[i].onWaiterQueued();
            }
        }
    }

    /** {@code context} gives up its CPU (it sleeps, blocks or is preempted). */
    void release(SimContext context) {
        int cpu = context.cpu();
        running[cpu] = null;
        free[cpu >>> 6] |= 1L << cpu;
        SimContext next = takeWaiterFor(cpu);
        if (next == null) {
            return;
        }
        if (next.isInterruptHandler() || next.wasInterrupted()) {
            // Entering an interrupt handler, or returning from one to the thread it interrupted: no scheduler switch.
            start(next, cpu, 0);
        } else {
            switches++;
            start(next, cpu, switchNs);
        }
    }

    /**
     * A hardware interrupt handler with no free CPU: it goes ahead of every thread in the run queue, and the thread
     * on its CPU (any CPU running a thread, for an unpinned handler) is interrupted at its next item boundary, or at
     * once if it polls, and never while it holds or waits for a spinlock (a lock shared with a handler is taken with
     * interrupts off). A thread does not wait a time slice for an interrupt, as it waits for another thread.
     */
    private void interrupt(SimContext handler) {
        enqueueAfterHandlers(handler);
        int pinned = handler.affinity();
        if (pinned != ContextSpec.ANY_CPU) {
            if (running[pinned] != null) {
                running[pinned].interruptArrived();
            }
            return;
        }
        for (SimContext c : running) {
            if (c != null && !c.isInterruptHandler()) {
                c.interruptArrived();
                return;
            }
        }
    }

    /** Whether an interrupt handler waits at the head of the run queue that may run on {@code cpu}. */
    boolean interruptWaitsFor(int cpu) {
        for (int i = 0; i < runQueue.size(); i++) {
            SimContext c = runQueue.get(i);
            if (!c.isInterruptHandler()) {
                return false;
            }
            if (c.allowedOn(cpu)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code context} is interrupted ({@link #interruptWaitsFor} its CPU): its CPU passes to the interrupt handler,
     * and it runs again right after the handlers queued at the head of the run queue.
     */
    void yieldToInterrupt(SimContext context) {
        release(context);
        enqueueAfterHandlers(context);
    }

    /** Queues {@code context} behind the interrupt handlers at the head of the run queue, ahead of every thread. */
    private void enqueueAfterHandlers(SimContext context) {
        int at = 0;
        while (at < runQueue.size() && runQueue.get(at).isInterruptHandler()) {
            at++;
        }
        runQueue.add(at, context);
        countWaiter(context, 1);
    }

    /** Whether a runnable context waits that could use {@code cpu}. */
    boolean hasWaiterFor(int cpu) {
        return anyWaiters > 0 || pinnedWaiters[cpu] > 0;
    }

    /** Preempts {@code context}: it goes to the tail of the run queue and its CPU passes to a waiter. */
    void preempt(SimContext context) {
        release(context);
        enqueue(context);
    }

    private void enqueue(SimContext context) {
        runQueue.add(context);
        countWaiter(context, 1);
    }

    private void countWaiter(SimContext context, int delta) {
        int pinned = context.affinity();
        if (pinned == ContextSpec.ANY_CPU) {
            anyWaiters += delta;
        } else {
            pinnedWaiters[pinned] += delta;
        }
    }

    private void start(SimContext context, int cpu, long delayNs) {
        running[cpu] = context;
        free[cpu >>> 6] &= ~(1L << cpu);
        context.assign(cpu, delayNs);
    }

    /** The lowest-numbered free CPU the context may use, or -1. */
    private int freeCpuFor(SimContext context) {
        int pinned = context.affinity();
        if (pinned != ContextSpec.ANY_CPU) {
            return running[pinned] == null ? pinned : -1;
        }
        for (int w = 0; w < free.length; w++) {
            if (free[w] != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(free[w]);
            }
        }
        return -1;
    }

    /**
     * The first waiter in the run queue allowed on {@code cpu}, taken out of it; null when none is. The counts answer
     * "none" without a walk: with many CPUs the queue may hold waiters pinned to other CPUs only.
     */
    private SimContext takeWaiterFor(int cpu) {
        if (!hasWaiterFor(cpu)) {
            return null;
        }
        // By index: an iterator per call is an object per context switch whenever the compiler keeps it.
        for (int i = 0; i < runQueue.size(); i++) {
            SimContext c = runQueue.get(i);
            if (c.allowedOn(cpu)) {
                runQueue.remove(i);
                countWaiter(c, -1);
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
