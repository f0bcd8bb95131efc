package org.mqvio.harness.workload;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.stats.Statistics;
import org.mqvio.harness.live.LivePlatform;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;

/**
 * Runs jobs side by side on one freshly built stack on the live runtime ({@link LivePlatform}: the same
 * component code on real threads, costs not charged, times in real nanoseconds) and gathers the same
 * {@link RunResult} as {@link SimulationRun}, through the same assembly and reports.
 *
 * <p>Time limits are real: a clone stops issuing at its job's end, the windows end when every clone's has,
 * in-flight I/O then gets {@link #DRAIN_LIMIT_NS} to complete and as long again for every context to fall quiet
 * (the work layers do after handing a completion up), and every thread is stopped and joined within
 * {@link #JOIN_LIMIT_NS}. So a job with a runtime finishes within its ramp and runtime plus well under a second.
 * The {@code run} statistics add {@code live} (1) and {@code timers_fired}; the digest and event count are 0.
 * Status reports ({@link RunControl#statusEvery}) are made in real time while the windows are open.
 *
 * @see LiveRunException for what makes a run fail
 */
public final class LiveRun {
    /** After the windows end, in-flight I/O gets this much real time to complete. */
    public static final long DRAIN_LIMIT_NS = 200_000_000L;
    /** How long stopping waits for all threads together. */
    public static final long JOIN_LIMIT_NS = 500_000_000L;
    /** How often a waiting run looks at its {@link RunControl}. */
    static final long CONTROL_NS = 50_000_000L;

    private LiveRun() {
    }

    /** Runs one job; see {@link #run(ProviderRegistry, StackConfig, List)}. */
    public static RunResult run(ProviderRegistry registry, StackConfig config, JobSpec job) {
        return run(registry, config, List.of(job));
    }

    /**
     * Builds the stack on a new live platform, runs the jobs' clones until their windows end, drains and
     * stops every thread.
     *
     * @throws IllegalArgumentException for a bad configuration, as {@link SimulationRun} does
     * @throws LiveRunException if any thread threw (the exception is the cause) or a thread did not stop
     */
    public static RunResult run(ProviderRegistry registry, StackConfig config, List<JobSpec> jobs) {
        return run(registry, config, jobs, new RunControl());
    }

    /**
     * As {@link #run(ProviderRegistry, StackConfig, List)}, stopping early when {@code control} asks (looked at
     * every {@link #CONTROL_NS}): the windows end then, the clones stop issuing, and the run drains and stops its
     * threads as at a normal end.
     */
    public static RunResult run(ProviderRegistry registry, StackConfig config, List<JobSpec> jobs, RunControl control) {
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("no job to run; allowed: at least one job");
        }
        RunLimits.check(config, jobs);
        long wallStart = System.nanoTime();
        CostTable costs = Stack.costs(config);
        LivePlatform platform = new LivePlatform(costs, config.seed());
        RunClones run;
        Map<ExecutionContext, Statistics> before;
        Map<ExecutionContext, Statistics> after;
        long windowEnd;
        long inFlightAtWindowEnd;
        boolean safetyLimitHit = false;
        List<String> notStopped;
        try {
            Stack stack = Stack.build(registry, config, platform);
            run = new RunClones(config, jobs, stack, platform, value -> { });
            run.clones.forEach(Clone::start);
            platform.start();
            RunClones r = run;
            platform.await(() -> platform.nanoTime() >= r.firstWindowStart || control.stopRequested(),
                    r.firstWindowStart + 1_000_000_000L);
            before = RunClones.snapshot(platform.contexts());
            TreeMap<Long, List<Integer>> byLimit = run.byLimit;
            while (run.measuring() > 0 && platform.failure() == null && !control.stopRequested()) {
                long nextLimit = byLimit.isEmpty() ? Long.MAX_VALUE : byLimit.firstKey();
                long nextStatus = control.nextStatusNs();
                long until = Math.min(Math.min(nextLimit, nextStatus), SimulationRun.SAFETY_LIMIT_NS);
                control.now(platform.nanoTime());
                platform.await(() -> r.measuring() == 0 || platform.nanoTime() >= until,
                        Math.min(CONTROL_NS, Math.max(0, until - platform.nanoTime()) + 1_000_000L));
                if (platform.nanoTime() >= nextStatus && r.measuring() > 0) {
                    long now = platform.nanoTime();
                    Map<ExecutionContext, Statistics> current = RunClones.snapshot(platform.contexts());
                    control.status(run.soFar(config, costs, jobs, new RunClones.Measured(platform.contexts(), before,
                            current, platform.locks(), platform.notifiers(), now, run.issued() - run.completed(),
                            false, liveCounters(platform), 0, 0),
                            wallStart));
                }
                if (platform.nanoTime() >= nextLimit) {
                    for (int index : byLimit.pollFirstEntry().getValue()) {
                        run.endWindow(index);
                    }
                } else if (platform.nanoTime() >= SimulationRun.SAFETY_LIMIT_NS) {
                    safetyLimitHit = true;
                    break;
                }
            }
            windowEnd = platform.nanoTime();
            after = RunClones.snapshot(platform.contexts());
            inFlightAtWindowEnd = run.issued() - run.completed();
            if (control.stopRequested()) {
                run.stopIssuing(windowEnd);
            }
            platform.await(() -> r.done() == r.total, DRAIN_LIMIT_NS);
            platform.awaitQuiet(DRAIN_LIMIT_NS);
        } finally {
            notStopped = platform.shutdown(JOIN_LIMIT_NS);
        }
        if (platform.failure() != null) {
            throw new LiveRunException("live run failed: " + platform.failedIn() + " threw "
                    + platform.failure(), platform.failure());
        }
        if (!notStopped.isEmpty()) {
            throw new LiveRunException("live run: threads did not stop within " + JOIN_LIMIT_NS / 1_000_000
                    + " ms of the end: " + String.join(", ", notStopped), null);
        }
        run.closeAll(windowEnd);
        control.batchEnded(platform.nanoTime());
        return run.result(config, costs, jobs, new RunClones.Measured(platform.contexts(), before, after,
                platform.locks(), platform.notifiers(), windowEnd, inFlightAtWindowEnd, safetyLimitHit,
                liveCounters(platform), 0, 0), wallStart);
    }

    /** The {@code run} counters a live run adds. */
    private static Statistics liveCounters(LivePlatform platform) {
        return Statistics.builder(RunStatistics.LIVE_COUNTERS)
                .put(RunStatistics.LIVE, 1)
                .put(RunStatistics.TIMERS_FIRED, platform.timersFired())
                .build();
    }
}
