package org.mqvio.harness.fio;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.LiveRun;
import org.mqvio.harness.workload.RunControl;
import org.mqvio.harness.workload.RunLimits;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.SimulationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link JobPlan}: each batch on a freshly built stack, one after another. The stack has
 * {@code vcpus} vCPUs when given, otherwise one per clone of the batch (and at least one more than the
 * highest CPU a job's cpus_allowed names).
 */
public final class PlanRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PlanRunner.class);

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
        return run(registry, plan, stack, vcpus, mode, new RunControl());
    }

    /**
     * As {@link #run(ProviderRegistry, JobPlan, StackConfig, Integer, RunMode)} under {@code control}: each batch
     * publishes its progress there, and once a stop is asked for the running batch ends early and no later batch
     * starts (the result holds the batches that ran).
     */
    public static List<RunResult> run(ProviderRegistry registry, JobPlan plan, StackConfig stack, Integer vcpus,
                                      RunMode mode, RunControl control) {
        return run(registry, plan, stack, vcpus, mode, control, soFar -> { });
    }

    /**
     * As {@link #run(ProviderRegistry, JobPlan, StackConfig, Integer, RunMode, RunControl)}, handing {@code status} the
     * plan's results so far at each of the control's status reports ({@link RunControl#statusEvery}): the batches
     * that ended, then the running one's result until that instant, as fio's {@code --status-interval} reports every
     * job of the run so far.
     */
    public static List<RunResult> run(ProviderRegistry registry, JobPlan plan, StackConfig stack, Integer vcpus,
                                      RunMode mode, RunControl control, Consumer<List<RunResult>> status) {
        check(plan, stack, vcpus);
        List<RunResult> runs = new ArrayList<>();
        List<List<PlannedJob>> batches = plan.batches();
        control.onStatus(soFar -> {
            List<RunResult> all = new ArrayList<>(runs);
            all.add(soFar);
            status.accept(List.copyOf(all));
        });
        for (int i = 0; i < batches.size() && !control.stopRequested(); i++) {
            List<JobSpec> specs = batches.get(i).stream().map(PlannedJob::spec).toList();
            StackConfig config = stack.withVcpus(vcpus != null ? vcpus : vcpusFor(specs));
            control.batch(i, batches.size(), specs.stream().mapToLong(JobSpec::stopIssuingAtNs).max().orElse(0));
            LOG.info("batch {} of {} starts: {} on {} vCPUs ({})", i + 1, batches.size(),
                    specs.stream().map(JobSpec::name).toList(), config.vcpus(), mode);
            runs.add(switch (mode) {
                case SIM -> SimulationRun.run(registry, config, specs, control);
                case LIVE -> LiveRun.run(registry, config, specs, control);
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
