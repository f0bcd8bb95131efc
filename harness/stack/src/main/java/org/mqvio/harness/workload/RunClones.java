package org.mqvio.harness.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongConsumer;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.stats.Statistics;
import org.mqvio.harness.stack.Stack;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.stack.StackStatistics;

/**
 * What a simulated and a live run share: the jobs' clones placed on the stack's CPUs with their recorders,
 * the bookkeeping of which measurement windows have ended, and the assembly of the {@link RunResult} from
 * what the runtime measured. Window and completion counts are updated from whatever thread a clone runs on,
 * so they are guarded by this object.
 */
final class RunClones {
    final Stack stack;
    final List<List<CloneRecorder>> recorders = new ArrayList<>();
    final List<List<Integer>> cpuOf = new ArrayList<>();
    final List<Clone> clones = new ArrayList<>();
    /** Clone indices by the time their job stops issuing (jobs with a runtime only). */
    final TreeMap<Long, List<Integer>> byLimit = new TreeMap<>();
    final int total;
    final long firstWindowStart;
    private final boolean[] ended;
    private int measuring;
    private int done;

    RunClones(StackConfig config, List<JobSpec> jobs, Stack stack, Platform platform, LongConsumer trace) {
        this.stack = stack;
        this.total = jobs.stream().mapToInt(JobSpec::numjobs).sum();
        this.ended = new boolean[total];
        this.measuring = total;
        int nextCpu = 0;
        long first = Long.MAX_VALUE;
        for (JobSpec job : jobs) {
            List<CloneRecorder> jobRecorders = new ArrayList<>();
            List<Integer> jobCpus = new ArrayList<>();
            long interval = SimulationRun.sampleInterval(job);
            for (int k = 0; k < job.numjobs(); k++) {
                int cpu;
                if (job.cpusAllowed().isEmpty()) {
                    cpu = nextCpu++ % config.vcpus();
                } else {
                    cpu = job.cpusAllowed().get(k % job.cpusAllowed().size());
                    if (cpu >= config.vcpus()) {
                        throw new IllegalArgumentException("job '" + job.name() + "': cpus_allowed names CPU " + cpu
                                + " but the stack has " + config.vcpus() + " CPUs; allowed: 0-" + (config.vcpus() - 1)
                                + " (or more --vcpus)");
                    }
                }
                int index = clones.size();
                long start = startDelay(job.pacing(), platform, index);
                long stopAt = job.runtimeNs() > 0 ? start + job.stopIssuingAtNs() : Long.MAX_VALUE;
                CloneRecorder rec = new CloneRecorder(start + job.rampNs(), stopAt, interval, trace, job.logIos());
                clones.add(job.ioLog().replays()
                        ? new TraceReplayJob(index, job, stack.vcpus().get(cpu), cpu, stack.submissionLayer(),
                                platform, start, stopAt, rec, () -> cloneDone(index))
                        : new FioJob(index, k, job, stack.vcpus().get(cpu), cpu, stack.submissionLayer(),
                                platform, start, rec, () -> cloneDone(index)));
                if (job.runtimeNs() > 0) {
                    byLimit.computeIfAbsent(stopAt, t -> new ArrayList<>()).add(index);
                }
                first = Math.min(first, start + job.rampNs());
                jobRecorders.add(rec);
                jobCpus.add(cpu);
            }
            recorders.add(jobRecorders);
            cpuOf.add(jobCpus);
        }
        this.firstWindowStart = first;
    }

    /**
     * A clone's start delay: fio's {@code startdelay}, or for its range form a delay drawn uniformly in the range
     * for each clone (from the clone's own stream, so other streams keep their numbers).
     */
    private static long startDelay(JobPacing pacing, Platform platform, int index) {
        if (pacing.startDelayHighNs() <= pacing.startDelayNs()) {
            return pacing.startDelayNs();
        }
        return platform.random("job" + index + ".startdelay").nextLong(pacing.startDelayNs(),
                pacing.startDelayHighNs() + 1);
    }

    private synchronized void cloneDone(int index) {
        done++;
        endWindow(index);
    }

    /** The clone's measurement window is over (its time limit passed, or it finished its I/O). */
    synchronized void endWindow(int index) {
        if (!ended[index]) {
            ended[index] = true;
            measuring--;
        }
    }

    /** Clones whose window has not ended. */
    synchronized int measuring() {
        return measuring;
    }

    /** Clones that stopped issuing and reaped their last I/O. */
    synchronized int done() {
        return done;
    }

    long issued() {
        long n = 0;
        for (List<CloneRecorder> rs : recorders) {
            for (CloneRecorder r : rs) {
                n += r.issuedTotal();
            }
        }
        return n;
    }

    long completed() {
        long n = 0;
        for (List<CloneRecorder> rs : recorders) {
            for (CloneRecorder r : rs) {
                n += r.completedTotal();
            }
        }
        return n;
    }

    /** Closes every window still open at {@code windowEnd}. */
    void closeAll(long windowEnd) {
        recorders.forEach(rs -> rs.forEach(r -> r.close(windowEnd)));
    }

    /**
     * A stop was asked for ({@link RunControl}): every window ends at {@code windowEnd}, so nothing reaped later
     * counts, and every clone stops issuing, so the I/O in flight drains.
     */
    void stopIssuing(long windowEnd) {
        closeAll(windowEnd);
        clones.forEach(Clone::stopIssuing);
    }

    static Map<ExecutionContext, Statistics> snapshot(List<? extends ExecutionContext> contexts) {
        Map<ExecutionContext, Statistics> m = new LinkedHashMap<>();
        for (ExecutionContext c : contexts) {
            m.put(c, c.statistics());
        }
        return m;
    }

    /** What the runtime measured, for {@link #result}. */
    record Measured(List<? extends ExecutionContext> contexts, Map<ExecutionContext, Statistics> before,
                    Map<ExecutionContext, Statistics> after, List<? extends PlatformLock> locks,
                    List<? extends Notifier> notifiers, long windowEnd, long inFlightAtWindowEnd,
                    boolean safetyLimitHit, Statistics extraRun, long digest, long events) {
    }

    /** The run's result: clone results, CPU use over the window, and every statistic by section. */
    RunResult result(StackConfig config, CostTable costs, List<JobSpec> jobs, Measured m, long wallStartNs) {
        return result(config, costs, jobs, m, wallStartNs, recorders);
    }

    /**
     * The run's result so far, at {@code m.windowEnd()} of a run still going: every clone's statistics until then
     * ({@link CloneRecorder#snapshot}), the run left as it is.
     */
    RunResult soFar(StackConfig config, CostTable costs, List<JobSpec> jobs, Measured m, long wallStartNs) {
        List<List<CloneRecorder>> now = recorders.stream()
                .map(rs -> rs.stream().map(r -> r.snapshot(m.windowEnd())).toList()).toList();
        return result(config, costs, jobs, m, wallStartNs, now);
    }

    private RunResult result(StackConfig config, CostTable costs, List<JobSpec> jobs, Measured m, long wallStartNs,
                             List<List<CloneRecorder>> recorders) {
        long issued = issued();
        long completed = completed();
        long windowNs = Math.max(1, m.windowEnd() - firstWindowStart);
        List<ContextUse> contexts = new ArrayList<>();
        Map<String, Double> cpuShare = new LinkedHashMap<>();
        Map<String, Long> switchShare = new LinkedHashMap<>();
        for (ExecutionContext c : m.contexts()) {
            Statistics before = m.before().get(c);
            Statistics w = before == null ? m.after().get(c) : m.after().get(c).minus(before);
            double pct = 100.0 * (w.get(ExecutionContext.BUSY_NS) + w.get(ExecutionContext.SPIN_NS)
                    + w.get(ExecutionContext.POLL_NS)) / windowNs;
            contexts.add(new ContextUse(c.name(), c.kind(), pct, w));
            cpuShare.put(c.name(), pct);
            switchShare.put(c.name(), w.get(ExecutionContext.CONTEXT_SWITCHES));
        }
        Map<Integer, Integer> clonesPerCpu = new LinkedHashMap<>();
        cpuOf.forEach(l -> l.forEach(cpu -> clonesPerCpu.merge(cpu, 1, Integer::sum)));
        List<JobResult> results = new ArrayList<>();
        for (int j = 0; j < jobs.size(); j++) {
            List<CloneResult> cr = new ArrayList<>();
            for (int k = 0; k < recorders.get(j).size(); k++) {
                CloneRecorder r = recorders.get(j).get(k);
                int cpu = cpuOf.get(j).get(k);
                String name = stack.vcpus().get(cpu).name();
                int sharing = clonesPerCpu.get(cpu);
                cr.add(new CloneResult(k, name, r.windowStartNs(), r.windowEndNs(), r.read(), r.write(),
                        r.depthLevels(), r.meanDepth(), cpuShare.getOrDefault(name, 0.0) / sharing,
                        switchShare.getOrDefault(name, 0L) / sharing, r.errors(), r.failure(),
                        r.batches()));
            }
            results.add(new JobResult(jobs.get(j), cr));
        }

        StackStatistics components = StackStatistics.of(stack);
        List<LockStatistics> locks = m.locks().stream()
                .map(l -> new LockStatistics(l.name(), l.kind(), l.statistics())).toList();
        NotifierTotals notifiers = NotifierTotals.of(m.notifiers());
        Statistics.Builder run = Statistics.builder(RunStatistics.COUNTERS.and(m.extraRun().counters()))
                .put(RunStatistics.ISSUED, issued)
                .put(RunStatistics.COMPLETED, completed)
                .put(RunStatistics.IN_FLIGHT_AT_WINDOW_END, m.inFlightAtWindowEnd())
                .put(RunStatistics.LOST_AFTER_DRAIN, issued - completed)
                .put(RunStatistics.STOPPED_AT_SAFETY_LIMIT, m.safetyLimitHit() ? 1 : 0);
        m.extraRun().forEach(run::put);
        RunStatistics stats = new RunStatistics(components, locks, notifiers, run.build());
        long wall = (System.nanoTime() - wallStartNs) / 1_000_000;
        return new RunResult(config, costs, results, firstWindowStart, m.windowEnd(), contexts, stats, m.digest(),
                m.events(), wall);
    }
}
