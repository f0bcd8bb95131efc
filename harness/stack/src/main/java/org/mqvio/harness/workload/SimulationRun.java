package org.mqvio.harness.workload;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.harness.sim.EventKernel;
import org.mqvio.harness.sim.SimPlatform;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;

/**
 * Runs jobs side by side on one freshly built stack in the deterministic simulation and gathers a
 * {@link RunResult}. Safe to call from several threads at once: every run has its own platform and stack.
 */
public final class SimulationRun {
    /** The percentiles reported by default (fio's default {@code percentile_list}). */
    public static final double[] PERCENTILES = {1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99};

    /** After the last window no new I/O is issued; in-flight I/O gets this much virtual time to complete. */
    static final long DRAIN_LIMIT_NS = 100_000_000L;

    /** fio's default IOPS and bandwidth sample width ({@code iopsavgtime}, {@code bwavgtime}): 500 ms. */
    static final long FIO_SAMPLE_NS = 500_000_000L;

    /** A run without a time limit stops at this virtual time even if a job has not finished its I/O amount. */
    public static final long SAFETY_LIMIT_NS = 3_600_000_000_000L;

    /** Events fired between two looks at the {@link RunControl} (a stop request, the progress published). */
    private static final int CONTROL_EVERY_MASK = 1023;

    private SimulationRun() {
    }

    /** Runs one job; see {@link #run(ProviderRegistry, StackConfig, List)}. */
    public static RunResult run(ProviderRegistry registry, StackConfig config, JobSpec job) {
        return run(registry, config, List.of(job));
    }

    /**
     * Builds the stack and runs the jobs' clones side by side (fio's jobs of one group, between stonewalls).
     * Clones are placed on the stack's CPUs in order: a job's clone k on {@code cpusAllowed[k mod n]} when the
     * job names CPUs, otherwise the run's next CPU round robin. Each clone stops issuing at its job's end
     * (time, amount or number of I/Os); when every measurement window has ended, the I/O in flight drains.
     * {@code run.lost_after_drain} counts requests issued but never completed: anything but 0 is a bug in the
     * stack. {@code run.stopped_at_safety_limit} is 1 when a job without a time limit was still issuing after
     * {@link #SAFETY_LIMIT_NS} of virtual time and the run was cut there.
     *
     * @throws IllegalArgumentException for a bad configuration, or a job naming a CPU the stack does not have
     */
    public static RunResult run(ProviderRegistry registry, StackConfig config, List<JobSpec> jobs) {
        return run(registry, config, jobs, new RunControl());
    }

    /**
     * As {@link #run(ProviderRegistry, StackConfig, List)}, stopping early when {@code control} asks: the windows
     * end at the virtual time of the request, the clones stop issuing, the I/O in flight drains, and the result
     * covers what completed in the windows.
     */
    public static RunResult run(ProviderRegistry registry, StackConfig config, List<JobSpec> jobs, RunControl control) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("no job to run; allowed: at least one job");
        }
        RunLimits.check(config, jobs);
        long wallStart = System.nanoTime();
        CostTable costs = Stack.costs(config);
        SimPlatform platform = new SimPlatform(costs, config.hostCpus(), config.seed());
        Stack stack = Stack.build(registry, config, platform);
        EventKernel kernel = platform.kernel();
        RunClones run = new RunClones(config, jobs, stack, platform, platform::trace);
        TreeMap<Long, List<Integer>> byLimit = run.byLimit;
        run.clones.forEach(Clone::start);

        boolean interrupted = false;
        long steps = 0;
        Status status = new Status(config, costs, jobs, platform, run, control, wallStart);
        while (kernel.nextEventTime() <= run.firstWindowStart && !interrupted) {
            if (status.reportsDue(kernel.nextEventTime())) {
                continue;
            }
            kernel.step();
            interrupted = (++steps & CONTROL_EVERY_MASK) == 0 && control.stopRequested();
        }
        if (!interrupted) {
            status.reportsDue(run.firstWindowStart);
            kernel.runUntil(run.firstWindowStart);
        }
        Map<ExecutionContext, Statistics> before = RunClones.snapshot(platform.contexts());
        status.before = before;
        // Measure until every window has ended: a time limit passed, or the clone finished its I/O.
        long nextLimit = byLimit.isEmpty() ? Long.MAX_VALUE : byLimit.firstKey();
        boolean safetyLimitHit = false;
        while (run.measuring() > 0 && !interrupted) {
            if ((++steps & CONTROL_EVERY_MASK) == 0) {
                control.now(kernel.now());
                interrupted = control.stopRequested();
            }
            long next = kernel.nextEventTime();
            long until = Math.min(next, nextLimit);
            if (until <= SAFETY_LIMIT_NS && status.reportsDue(until)) {
                continue;
            }
            if (next > nextLimit) {
                kernel.runUntil(nextLimit);
                for (int index : byLimit.pollFirstEntry().getValue()) {
                    run.endWindow(index);
                }
                nextLimit = byLimit.isEmpty() ? Long.MAX_VALUE : byLimit.firstKey();
                continue;
            }
            if (next == Long.MAX_VALUE || next > SAFETY_LIMIT_NS) {
                safetyLimitHit = next != Long.MAX_VALUE;
                break;
            }
            kernel.step();
        }
        long windowEnd = kernel.now();
        Map<ExecutionContext, Statistics> after = RunClones.snapshot(platform.contexts());
        long inFlightAtWindowEnd = run.issued() - run.completed();
        if (interrupted) {
            run.stopIssuing(windowEnd);
        }
        long drainUntil = windowEnd + DRAIN_LIMIT_NS;
        while (run.done() < run.total && kernel.nextEventTime() <= drainUntil) {
            kernel.step();
        }
        run.closeAll(windowEnd);
        control.batchEnded(kernel.now());
        return run.result(config, costs, jobs, new RunClones.Measured(platform.contexts(), before, after,
                platform.locks(), platform.notifiers(), windowEnd, inFlightAtWindowEnd, safetyLimitHit,
                Statistics.zeros(CounterSet.of()),
                platform.digest(), kernel.fired()), wallStart);
    }

    /** fio's periodic status reports ({@link RunControl#statusEvery}) in the run's simulated time. */
    private static final class Status {
        private final StackConfig config;
        private final CostTable costs;
        private final List<JobSpec> jobs;
        private final SimPlatform platform;
        private final RunClones run;
        private final RunControl control;
        private final long wallStart;
        /** The contexts' statistics at the window's start, once it has started. */
        Map<ExecutionContext, Statistics> before;
        /** The control's next report, read once per report: the run asks for it before every event. */
        private long due;

        Status(StackConfig config, CostTable costs, List<JobSpec> jobs, SimPlatform platform, RunClones run,
               RunControl control, long wallStart) {
            this.config = config;
            this.costs = costs;
            this.jobs = jobs;
            this.platform = platform;
            this.run = run;
            this.control = control;
            this.wallStart = wallStart;
            this.due = control.nextStatusNs();
        }

        /**
         * Makes every report due at or before {@code untilNs}: the events up to its instant fire, then the result so
         * far goes to the control. Only advancing the clock and reading, so the run's events and digest stay the same.
         *
         * @return whether a report was made (the kernel's next event may have changed)
         */
        boolean reportsDue(long untilNs) {
            boolean made = false;
            EventKernel kernel = platform.kernel();
            for (; due != Long.MAX_VALUE && due <= untilNs; due = control.nextStatusNs()) {
                kernel.runUntil(due);
                Map<ExecutionContext, Statistics> now = RunClones.snapshot(platform.contexts());
                control.status(run.soFar(config, costs, jobs, new RunClones.Measured(platform.contexts(),
                        before == null ? now : before, now, platform.locks(), platform.notifiers(), kernel.now(),
                        run.issued() - run.completed(), false, Statistics.zeros(CounterSet.of()), platform.digest(),
                        kernel.fired()), wallStart));
                made = true;
            }
            return made;
        }
    }

    /** The sample width of {@code job}: its own, else fio's 500 ms, narrowed to a tenth of a shorter runtime. */
    static long sampleInterval(JobSpec job) {
        if (job.sampleIntervalNs() > 0) {
            return job.sampleIntervalNs();
        }
        if (job.runtimeNs() > 0 && job.runtimeNs() < 10 * FIO_SAMPLE_NS) {
            return Math.max(1, Math.min(FIO_SAMPLE_NS, job.runtimeNs() / 10));
        }
        return FIO_SAMPLE_NS;
    }
}
