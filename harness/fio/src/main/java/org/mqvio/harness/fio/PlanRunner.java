package org.mqvio.harness.fio;

import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.LiveRun;
import org.mqvio.harness.workload.RunLimits;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.SimulationRun;

/**
 * Runs a {@link JobPlan}: each batch on a freshly built stack, one after another. The stack has
 * {@code vcpus} vCPUs when given, otherwise one per clone of the batch (and at least one more than the
 * highest CPU a job's cpus_allowed names).
 */
public final class PlanRunner {
    private PlanRunner() {
    }

    /**
     * @param stack the stack; its vCPU count is replaced per batch unless {@code vcpus} is given
     * @param vcpus the vCPU count to use for every batch, or null
     */
    public static List<RunResult> run(ProviderRegistry registry, JobPlan plan, StackConfig stack, Integer vcpus) {
        return run(registry, plan, stack, vcpus, RunMode.SIM);
    }

    /** As {@link #run(ProviderRegistry, JobPlan, StackConfig, Integer)}, on the runtime {@code mode} names. */
    public static List<RunResult> run(ProviderRegistry registry, JobPlan plan, StackConfig stack, Integer vcpus,
                                      RunMode mode) {
        check(plan, stack, vcpus);
        List<RunResult> runs = new ArrayList<>();
        for (List<PlannedJob> batch : plan.batches()) {
            List<JobSpec> specs = batch.stream().map(PlannedJob::spec).toList();
            StackConfig config = stack.withVcpus(vcpus != null ? vcpus : vcpusFor(specs));
            runs.add(switch (mode) {
                case SIM -> SimulationRun.run(registry, config, specs);
                case LIVE -> LiveRun.run(registry, config, specs);
            });
        }
        return runs;
    }

    /**
     * Checks every batch of {@code plan} against the {@link RunLimits} before any runs.
     *
     * @throws IllegalArgumentException naming the limit a batch exceeds
     */
    public static void check(JobPlan plan, StackConfig stack, Integer vcpus) {
        for (List<PlannedJob> batch : plan.batches()) {
            List<JobSpec> specs = batch.stream().map(PlannedJob::spec).toList();
            RunLimits.checkInFlight(specs);
            RunLimits.check(stack.withVcpus(vcpus != null ? vcpus : vcpusFor(specs)), specs);
        }
    }

    /** One vCPU per clone, and enough for every CPU a job names. */
    public static int vcpusFor(List<JobSpec> batch) {
        int clones = batch.stream().mapToInt(JobSpec::numjobs).sum();
        int named = batch.stream().flatMap(j -> j.cpusAllowed().stream()).mapToInt(c -> c + 1).max().orElse(0);
        return Math.max(clones, named);
    }
}
