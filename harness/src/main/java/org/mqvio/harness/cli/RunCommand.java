package org.mqvio.harness.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.ReadWrite;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.SimulationRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mqvio run}: one fio-like job on one stack, in the simulation. */
@Command(name = "run", description = "Run a fio-like job on a stack in the deterministic simulation and print IOPS and latency.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    StackOptions stack;

    @Option(names = "--name", defaultValue = "job", description = "Job name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = {"--rw", "--readwrite"}, defaultValue = "randread",
            description = "read, write, randread, randwrite, rw, randrw (default: ${DEFAULT-VALUE}).")
    String rw;

    @Option(names = "--bs", defaultValue = "4k", description = "Block size (default: ${DEFAULT-VALUE}).")
    String bs;

    @Option(names = "--iodepth", defaultValue = "1", description = "I/Os in flight per job (default: ${DEFAULT-VALUE}).")
    int iodepth;

    @Option(names = "--numjobs", defaultValue = "1", description = "Clones of the job, one per vCPU (default: ${DEFAULT-VALUE}).")
    int numjobs;

    @Option(names = "--vcpus", description = "Guest vCPUs (default: numjobs).")
    Integer vcpus;

    @Option(names = "--runtime", defaultValue = "1s", description = "Measured (simulated) time; a bare number is seconds (default: ${DEFAULT-VALUE}).")
    String runtime;

    @Option(names = "--ramp_time", defaultValue = "0", description = "Time before measuring starts (default: ${DEFAULT-VALUE}).")
    String rampTime;

    @Option(names = "--size", defaultValue = "0", description = "Span of the device addressed; 0 is the whole device.")
    String size;

    @Option(names = "--rwmixread", defaultValue = "50", description = "Percentage of reads in rw/randrw (default: ${DEFAULT-VALUE}).")
    int rwmixread;

    @Override
    public Integer call() {
        long bsBytes = Durations.parseBytes("bs", bs);
        if (bsBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("bs=" + bs + " is too large; allowed: up to 16m");
        }
        JobSpec job = new JobSpec(name, ReadWrite.parse(rw), (int) bsBytes, iodepth, numjobs,
                Durations.parseNanos("runtime", runtime), Durations.parseNanos("ramp_time", rampTime),
                Durations.parseBytes("size", size), rwmixread);
        RunResult result = SimulationRun.run(ProviderRegistry.load(), stack.config(vcpus == null ? numjobs : vcpus), job);
        PrintWriter out = spec.commandLine().getOut();
        Report.summary(out, result);
        out.flush();
        return 0;
    }
}
