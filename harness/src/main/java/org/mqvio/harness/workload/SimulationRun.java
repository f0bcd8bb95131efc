package org.mqvio.harness.workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.sim.EventKernel;
import org.mqvio.harness.sim.SimContext;
import org.mqvio.harness.sim.SimLock;
import org.mqvio.harness.sim.SimNotifier;
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
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException("no job to run; allowed: at least one job");
        }
        long wallStart = System.nanoTime();
        CostTable costs = Stack.costs(config);
        SimPlatform platform = new SimPlatform(costs, config.hostCpus(), config.seed());
        Stack stack = Stack.build(registry, config, platform);
        EventKernel kernel = platform.kernel();

        List<List<CloneRecorder>> recorders = new ArrayList<>();
        List<List<Integer>> cpuOf = new ArrayList<>();
        List<FioJob> clones = new ArrayList<>();
        TreeMap<Long, List<Integer>> byLimit = new TreeMap<>();
        int total = jobs.stream().mapToInt(JobSpec::numjobs).sum();
        boolean[] ended = new boolean[total];
        int[] measuring = {total};
        int[] done = {0};
        int nextCpu = 0;
        long firstWindowStart = Long.MAX_VALUE;
        for (JobSpec job : jobs) {
            List<CloneRecorder> jobRecorders = new ArrayList<>();
            List<Integer> jobCpus = new ArrayList<>();
            long interval = sampleInterval(job);
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
                CloneRecorder rec = new CloneRecorder(job.rampNs(), job.stopIssuingAtNs(), interval, platform::trace);
                int index = clones.size();
                Runnable onDone = () -> {
                    done[0]++;
                    if (!ended[index]) {
                        ended[index] = true;
                        measuring[0]--;
                    }
                };
                clones.add(new FioJob(index, job, stack.vcpus().get(cpu), cpu, stack.submissionLayer(),
                        platform, rec, onDone));
                if (job.runtimeNs() > 0) {
                    byLimit.computeIfAbsent(job.stopIssuingAtNs(), t -> new ArrayList<>()).add(index);
                }
                jobRecorders.add(rec);
                jobCpus.add(cpu);
            }
            recorders.add(jobRecorders);
            cpuOf.add(jobCpus);
            firstWindowStart = Math.min(firstWindowStart, job.rampNs());
        }
        clones.forEach(FioJob::start);

        kernel.runUntil(firstWindowStart);
        Map<SimContext, Map<String, Long>> before = snapshot(platform);
        // Measure until every window has ended: a time limit passed, or the clone finished its I/O.
        long nextLimit = byLimit.isEmpty() ? Long.MAX_VALUE : byLimit.firstKey();
        boolean safetyLimitHit = false;
        while (measuring[0] > 0) {
            long next = kernel.nextEventTime();
            if (next > nextLimit) {
                kernel.runUntil(nextLimit);
                for (int index : byLimit.pollFirstEntry().getValue()) {
                    if (!ended[index]) {
                        ended[index] = true;
                        measuring[0]--;
                    }
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
        Map<SimContext, Map<String, Long>> after = snapshot(platform);
        long issued = 0;
        long completed = 0;
        for (List<CloneRecorder> rs : recorders) {
            for (CloneRecorder r : rs) {
                issued += r.issuedTotal();
                completed += r.completedTotal();
            }
        }
        long inFlightAtWindowEnd = issued - completed;
        long drainUntil = windowEnd + DRAIN_LIMIT_NS;
        while (done[0] < total && kernel.nextEventTime() <= drainUntil) {
            kernel.step();
        }
        issued = 0;
        completed = 0;
        for (List<CloneRecorder> rs : recorders) {
            for (CloneRecorder r : rs) {
                r.close(windowEnd);
                issued += r.issuedTotal();
                completed += r.completedTotal();
            }
        }

        long windowNs = Math.max(1, windowEnd - firstWindowStart);
        List<ContextUse> contexts = new ArrayList<>();
        Map<String, Double> cpuShare = new LinkedHashMap<>();
        Map<String, Long> switchShare = new LinkedHashMap<>();
        for (SimContext c : platform.contexts()) {
            Map<String, Long> w = delta(before.get(c), after.get(c));
            double pct = 100.0 * (w.getOrDefault("busy_ns", 0L) + w.getOrDefault("spin_ns", 0L)
                    + w.getOrDefault("poll_ns", 0L)) / windowNs;
            contexts.add(new ContextUse(c.name(), c.kind(), pct, w));
            cpuShare.put(c.name(), pct);
            switchShare.put(c.name(), w.getOrDefault("context_switches", 0L));
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
                        r.depthLevels(), cpuShare.getOrDefault(name, 0.0) / sharing,
                        switchShare.getOrDefault(name, 0L) / sharing, r.errors()));
            }
            results.add(new JobResult(jobs.get(j), cr));
        }

        Map<String, Map<String, Long>> stats = new LinkedHashMap<>();
        stack.guestBlockLayer().ifPresent(g -> stats.put("guest_block_layer", g.statistics()));
        stats.put("data_plane", stack.dataPlane().statistics());
        stats.put("host_block_layer", stack.hostBlockLayer().statistics());
        stats.put("device", stack.device().statistics());
        for (SimLock l : platform.locks()) {
            stats.put("lock " + l.name() + " (" + l.kind().name().toLowerCase(Locale.ROOT) + ")", l.statistics());
        }
        Map<String, Long> notify = new LinkedHashMap<>();
        for (SimNotifier n : platform.notifiers()) {
            String kind = n.kind().name().toLowerCase(Locale.ROOT);
            n.statistics().forEach((k, v) -> notify.merge(kind + "_" + k, v, Long::sum));
        }
        stats.put("notifiers", notify);
        Map<String, Long> run = new LinkedHashMap<>();
        run.put("issued", issued);
        run.put("completed", completed);
        run.put("in_flight_at_window_end", inFlightAtWindowEnd);
        run.put("lost_after_drain", issued - completed);
        run.put("stopped_at_safety_limit", safetyLimitHit ? 1L : 0L);
        stats.put("run", run);
        long wall = (System.nanoTime() - wallStart) / 1_000_000;
        return new RunResult(config, costs, results, firstWindowStart, windowEnd, contexts, stats, platform.digest(),
                kernel.fired(), wall);
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

    private static Map<SimContext, Map<String, Long>> snapshot(SimPlatform platform) {
        Map<SimContext, Map<String, Long>> m = new LinkedHashMap<>();
        for (SimContext c : platform.contexts()) {
            m.put(c, c.statistics());
        }
        return m;
    }

    private static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new LinkedHashMap<>();
        after.forEach((k, v) -> d.put(k, v - (before == null ? 0 : before.getOrDefault(k, 0L))));
        return d;
    }
}
