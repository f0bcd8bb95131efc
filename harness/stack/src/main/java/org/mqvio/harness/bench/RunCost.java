package org.mqvio.harness.bench;

import java.lang.management.ManagementFactory;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.RunStatistics;
import org.mqvio.harness.workload.SimulationRun;

/**
 * What one simulation run cost the machine that ran it: the I/Os it simulated, the events its kernel fired, the
 * wall-clock time, and the CPU time and the bytes allocated of the running thread. A run's snapshot includes what does not grow with
 * its I/Os (building the stack, gathering the result, the JIT's work): the difference of two runs of different
 * lengths cancels it.
 */
public final class RunCost {
    /** I/Os the jobs reaped, whole run. */
    public static final Counter IOS = Counter.declare("ios", Unit.EVENTS, "I/Os the jobs reaped, whole run");
    /** Events the event kernel fired. */
    public static final Counter EVENTS = Counter.declare("events", Unit.EVENTS,
            "simulation events the event kernel fired, whole run");
    /** Wall-clock time of the run. */
    public static final Counter WALL_NS = Counter.declare("wall_ns", Unit.NANOSECONDS,
            "wall-clock time of the run, stack building and result gathering included");
    /** CPU time of the thread running the simulation: unlike wall time, not stretched by other processes. */
    public static final Counter THREAD_CPU_NS = Counter.declare("thread_cpu_ns", Unit.NANOSECONDS,
            "CPU time of the thread running the simulation during the run");
    /** Bytes the thread running the simulation allocated. */
    public static final Counter ALLOCATED = Counter.declare("allocated", Unit.BYTES,
            "bytes the thread running the simulation allocated during the run");
    /** Every counter of a snapshot. */
    public static final CounterSet COUNTERS = CounterSet.of(IOS, EVENTS, WALL_NS, THREAD_CPU_NS, ALLOCATED);

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private RunCost() {
    }

    /** Runs {@code job} on a fresh stack of {@code config} on this thread, and returns what it cost. */
    public static Statistics measure(ProviderRegistry registry, StackConfig config, JobSpec job) {
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        RunResult r = SimulationRun.run(registry, config, job);
        long wall = System.nanoTime() - start;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        return Statistics.builder(COUNTERS)
                .put(IOS, r.statistics().run().get(RunStatistics.COMPLETED))
                .put(EVENTS, r.events())
                .put(WALL_NS, wall)
                .put(THREAD_CPU_NS, cpu)
                .put(ALLOCATED, allocated)
                .build();
    }
}
