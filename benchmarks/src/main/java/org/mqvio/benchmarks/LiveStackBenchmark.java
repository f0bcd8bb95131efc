package org.mqvio.benchmarks;

import java.util.concurrent.TimeUnit;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.LiveRun;
import org.mqvio.harness.workload.RunResult;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The full live stack's IOPS on this machine: 4 KiB random reads at iodepth 16, one clone per vCPU, for
 * {@code dataplane} x {@code vcpus} x {@code pvSpinThreshold}. Each invocation is one whole {@link LiveRun} of
 * {@link #RUNTIME_NS} (stack built, threads started, drained, joined); {@code iops} is the run's measured IOPS
 * inside its window. It is an EVENTS counter: each iteration line shows one run's IOPS, and the summary row is
 * the SUM over the measurement iterations (divide by {@code -i}). The code is still warming up during the first
 * few runs, more so with 2 vCPUs: use at least 3 warm-up iterations. Run it with {@link HandoffBenchmark}'s
 * command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LiveStackBenchmark {
    static final long RUNTIME_NS = 500_000_000L;
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();

    @Param({"baseline", "mq"})
    public String dataplane;

    @Param({"1", "2"})
    public int vcpus;

    /**
     * {@code cost.pv_spin_threshold} in ns: {@code default} keeps the cost table's (vCPU waiters on a ticket
     * lock halt after spinning that long and the unlocker kicks them); {@code 0} makes them spin until their
     * turn, as the live runtime did before it modelled paravirt spinlocks: the two side by side in one run.
     */
    @Param({"default", "0"})
    public String pvSpinThreshold;

    private StackConfig config;

    @Setup(Level.Trial)
    public void setUp() {
        StackConfig c = StackConfig.defaults(vcpus).withDataPlane(dataplane);
        config = pvSpinThreshold.equals("default") ? c : c.withSetting("cost.pv_spin_threshold", pvSpinThreshold);
    }

    /** The IOPS of the run, per invocation. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Iops {
        public long iops;
    }

    @Benchmark
    public RunResult run(Iops out) {
        RunResult r = LiveRun.run(REGISTRY, config, JobSpec.randread(vcpus, 16, RUNTIME_NS));
        out.iops += (long) r.iops();
        return r;
    }
}
