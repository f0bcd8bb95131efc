package org.mqvio.harness.report;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mqvio.harness.fio.JobPlan;
import org.mqvio.harness.fio.PlannedJob;
import org.mqvio.harness.workload.BatchCounts;
import org.mqvio.harness.workload.CloneFailure;
import org.mqvio.harness.workload.CloneResult;
import org.mqvio.harness.workload.DirectionStats;
import org.mqvio.harness.workload.JobResult;
import org.mqvio.harness.workload.RunResult;

/**
 * One entry of fio's report: a clone, or with group_reporting a whole group's clones summed, as fio lists them.
 *
 * @param jobname          the job's name (the group's first job's with group_reporting)
 * @param groupid          fio's reporting group
 * @param clones           how many clones it sums (fio's "jobs=")
 * @param cpus             the CPUs its clones ran on, comma separated
 * @param planned          the (first) job as planned
 * @param read             reads
 * @param write            writes
 * @param cpuPercent       its CPUs' use over the statistics window, mean over the clones, in % of one CPU
 * @param contextSwitches  host context switches of its CPUs, shared per clone, summed
 * @param depthLevels      submissions by I/O depth, summed
 * @param errors           completions with an error status
 * @param failure          why a clone of it ended early with an error (fio's job error), if one did
 * @param batches          its submissions and reaps by the number of I/Os each handled, summed
 * @param run              the simulation run it came from
 */
public record ReportedJob(String jobname, int groupid, int clones, String cpus, PlannedJob planned, DirectionStats read,
                          DirectionStats write, double cpuPercent, long contextSwitches, long[] depthLevels, long errors,
                          RunResult run, Optional<CloneFailure> failure, BatchCounts batches) {
    public ReportedJob {
        depthLevels = depthLevels.clone();
    }

    @Override
    public long[] depthLevels() {
        return depthLevels.clone();
    }

    /**
     * The report entries of a plan's runs ({@code runs.get(b)} ran {@code plan.batches().get(b)}), in job order:
     * one per clone, or one per group when the group reports as one.
     */
    public static List<ReportedJob> of(JobPlan plan, List<RunResult> runs) {
        checkArgument(runs.size() == plan.batches().size(), "%s runs for %s batches", runs.size(), plan.batches().size());
        List<ReportedJob> out = new ArrayList<>();
        for (int b = 0; b < runs.size(); b++) {
            List<PlannedJob> batch = plan.batches().get(b);
            RunResult run = runs.get(b);
            int i = 0;
            while (i < batch.size()) {
                int group = batch.get(i).groupId();
                int end = i;
                boolean merge = false;
                while (end < batch.size() && batch.get(end).groupId() == group) {
                    merge |= batch.get(end).groupReporting();
                    end++;
                }
                if (merge) {
                    List<CloneResult> all = new ArrayList<>();
                    for (int j = i; j < end; j++) {
                        all.addAll(run.jobs().get(j).clones());
                    }
                    out.add(sum(batch.get(i), all, run));
                } else {
                    for (int j = i; j < end; j++) {
                        JobResult jr = run.jobs().get(j);
                        for (CloneResult c : jr.clones()) {
                            out.add(sum(batch.get(j), List.of(c), run));
                        }
                    }
                }
                i = end;
            }
        }
        return out;
    }

    private static ReportedJob sum(PlannedJob job, List<CloneResult> clones, RunResult run) {
        long interval = clones.get(0).read().samples().intervalNs();
        List<DirectionStats> reads = new ArrayList<>();
        List<DirectionStats> writes = new ArrayList<>();
        long[] depth = new long[clones.get(0).depthLevels().length];
        double cpu = 0;
        long ctx = 0;
        long errors = 0;
        Optional<CloneFailure> failure = Optional.empty();
        BatchCounts batches = BatchCounts.none();
        for (CloneResult c : clones) {
            failure = failure.or(c::failure);
            batches = batches.plus(c.batches());
            reads.add(c.read());
            writes.add(c.write());
            long[] d = c.depthLevels();
            for (int k = 0; k < depth.length; k++) {
                depth[k] += d[k];
            }
            cpu += c.cpuPercent();
            ctx += c.contextSwitches();
            errors += c.errors();
        }
        String cpus = String.join(",", clones.stream().map(CloneResult::cpu).distinct().toList());
        return new ReportedJob(job.spec().name(), job.groupId(), clones.size(), cpus, job,
                DirectionStats.sum(reads, interval), DirectionStats.sum(writes, interval), cpu / clones.size(), ctx,
                depth, errors, run, failure, batches);
    }
}
