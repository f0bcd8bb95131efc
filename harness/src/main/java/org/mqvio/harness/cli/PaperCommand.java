package org.mqvio.harness.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.SimulationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code mqvio paper}: the seeds' experiment, 4 KB random read with numjobs 1 to 8, {@code baseline} against
 * {@code mq}, one vCPU per job, on blk-mq and a null-mode NVMe device, with the default cost table.
 */
@Command(name = "paper", description = "The papers' experiment: 4 KB randread, numjobs 1..8, baseline vs mq.")
final class PaperCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--iodepth", defaultValue = "16", description = "I/Os in flight per job (default: ${DEFAULT-VALUE}).")
    int iodepth;

    @Option(names = "--max-jobs", defaultValue = "8", description = "Largest numjobs (default: ${DEFAULT-VALUE}).")
    int maxJobs;

    @Option(names = "--runtime", defaultValue = "100ms", description = "Measured simulated time per point (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Override
    public Integer call() {
        if (maxJobs < 1) {
            throw new IllegalArgumentException("--max-jobs=" + maxJobs + " is invalid; allowed: an integer >= 1");
        }
        ProviderRegistry registry = ProviderRegistry.load();
        long runtimeNs = Durations.parseNanos("runtime", runtime);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "4 KB random read, iodepth %d, %d host CPUs, simulated %s per point (virtual time)%n",
                iodepth, stack.hostCpus, runtime);
        out.printf(Locale.ROOT, "%-8s %14s %14s %8s%n", "numjobs", "baseline IOPS", "mq IOPS", "mq/base");
        List<double[]> rows = new ArrayList<>();
        for (int jobs = 1; jobs <= maxJobs; jobs++) {
            JobSpec job = new JobSpec("paper", org.mqvio.harness.workload.ReadWrite.RANDREAD, 4096, iodepth, jobs,
                    runtimeNs, runtimeNs / 10, 0, 50);
            StackConfig base = stack.config(jobs).withDataPlane("baseline");
            RunResult b = SimulationRun.run(registry, base, job);
            RunResult m = SimulationRun.run(registry, base.withDataPlane("mq"), job);
            rows.add(new double[] {jobs, b.iops(), m.iops()});
            out.printf(Locale.ROOT, "%-8d %14.0f %14.0f %8.2f%n", jobs, b.iops(), m.iops(), m.iops() / b.iops());
            out.flush();
        }
        double basePeak = rows.stream().mapToDouble(r -> r[1]).max().orElse(0);
        double baseLast = rows.get(rows.size() - 1)[1];
        boolean mqNeverFalls = true;
        for (int i = 1; i < rows.size(); i++) {
            mqNeverFalls &= rows.get(i)[2] >= rows.get(i - 1)[2] * 0.99;
        }
        double ratio = rows.get(rows.size() - 1)[2] / baseLast;
        boolean holds = baseLast < basePeak && mqNeverFalls && ratio > 1;
        out.printf(Locale.ROOT, "shape %s: baseline at %d jobs is %.0f%% below its peak; mq %s; mq/baseline at %d jobs = %.2f%n",
                holds ? "holds" : "does NOT hold", maxJobs, 100 * (1 - baseLast / basePeak),
                mqNeverFalls ? "never falls" : "falls", maxJobs, ratio);
        out.flush();
        return 0;
    }
}
