package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.OptionalLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;

/**
 * Little's law on fio's own terms: for every clone, I/Os per second times the mean total latency (fio's
 * {@code lat}, from the I/O's preparation to its reap) equals the time-averaged depth fio keeps (I/Os
 * prepared and not yet reaped). Latency stamped anywhere but at fio's reap breaks it as soon as completions
 * queue behind a busy CPU.
 *
 * <p>The generated jobs stop after {@link #IOS_PER_DEPTH} I/Os per unit of iodepth and are measured whole
 * (no ramp; the window ends at the last reap), so every I/O lies inside the window and the law has no edge
 * terms; such a job lasts about that many latencies, which keeps each run short whatever the latency.
 * A time-limited window adds edge terms of the order of a latency (or of a host scheduling round, where
 * CPUs are oversubscribed) over the runtime: the example below is one whose latency is short beside it.
 */
class LittlesLawPropertyTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final long MS = 1_000_000L;
    private static final double TOLERANCE = 0.03;
    private static final int IOS_PER_DEPTH = 40;

    /** One generated run: the job (time-limited when {@code runtimeNs > 0}), and the stack it runs on. */
    record Setup(ReadWrite rw, int iodepth, int numjobs, int hostCpus, String dataPlane, String guestBlockLayer,
                 String hostBlockLayer, long runtimeNs, JobPacing pacing) {
        Setup(ReadWrite rw, int iodepth, int numjobs, int hostCpus, String dataPlane, String guestBlockLayer,
              String hostBlockLayer, long runtimeNs) {
            this(rw, iodepth, numjobs, hostCpus, dataPlane, guestBlockLayer, hostBlockLayer, runtimeNs, JobPacing.NONE);
        }

        JobSpec job() {
            long numberIos = runtimeNs > 0 ? 0 : (long) IOS_PER_DEPTH * iodepth;
            return new JobSpec("little", rw, 4096, iodepth, numjobs, runtimeNs, 0, 0, 50, 0, 0, numberIos,
                    OptionalLong.empty(), List.of(), 0).withPacing(pacing);
        }

        StackConfig stack() {
            return StackConfig.defaults(numjobs).withHostCpus(hostCpus).withDataPlane(dataPlane)
                    .withGuestBlockLayer(guestBlockLayer).withHostBlockLayer(hostBlockLayer);
        }
    }

    @Provide
    Arbitrary<Setup> setups() {
        Arbitrary<String> layers = Arbitraries.of("blk-mq", "single-queue");
        return Combinators.combine(Arbitraries.of(ReadWrite.RANDREAD, ReadWrite.RANDWRITE, ReadWrite.RANDRW),
                        Arbitraries.integers().between(1, 128), Arbitraries.integers().between(1, 8),
                        Arbitraries.integers().between(1, 16), Arbitraries.of("baseline", "mq", "native"),
                        layers, layers)
                .as((rw, depth, jobs, cpus, plane, guest, host) -> new Setup(rw, depth, jobs, cpus, plane, guest, host, 0))
                .flatMap(s -> pacings(s.iodepth()).map(p -> new Setup(s.rw(), s.iodepth(), s.numjobs(), s.hostCpus(),
                        s.dataPlane(), s.guestBlockLayer(), s.hostBlockLayer(), 0, p)));
    }

    /**
     * fio's timing options under which the law still holds (it holds for any arrival pattern, the window covering
     * every I/O): submit and reap batching with a low-water mark, think time, a rate. Half the runs keep fio's
     * defaults.
     */
    private static Arbitrary<JobPacing> pacings(int iodepth) {
        Arbitrary<BatchPolicy> batch = Combinators.combine(Arbitraries.integers().between(0, iodepth),
                        Arbitraries.integers().between(0, Math.min(iodepth, 8)),
                        Arbitraries.integers().between(0, iodepth), Arbitraries.integers().between(0, iodepth))
                .as(BatchPolicy::new);
        Arbitrary<ThinkTime> think = Combinators.combine(Arbitraries.of(0L, 5_000L, 20_000L),
                        Arbitraries.longs().between(1, 4), Arbitraries.of(false, true))
                .as((ns, blocks, issued) -> new ThinkTime(ns, ns / 2, blocks, issued));
        Arbitrary<RateLimit> rate = Arbitraries.of(0L, 20_000L, 200_000L).map(iops -> iops == 0 ? RateLimit.NONE
                : new RateLimit(PerDirection.ZERO, PerDirection.both(iops), PerDirection.ZERO, PerDirection.ZERO,
                        RateLimit.Process.POISSON, RateLimit.DEFAULT_CYCLE_NS, false));
        Arbitrary<JobPacing> paced = Combinators.combine(batch, think, rate)
                .as((b, t, r) -> JobPacing.NONE.withBatch(b).withThink(t).withRate(r));
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(JobPacing.NONE)), Tuple.of(1, paced));
    }

    @Property(tries = 40)
    void iopsTimesMeanLatencyIsFiosMeanDepth(@ForAll("setups") Setup setup) {
        check(setup);
    }

    /**
     * Issue 14's case ({@code --numjobs=1 --iodepth=128 --dataplane=mq --runtime=100ms}): the job saturates its
     * vCPU, so completions wait there to be reaped, and fio's latency is about 128 / IOPS.
     */
    @Example
    void aSaturatedVcpuKeepsLittlesLawOverATimeLimitedWindow() {
        CloneResult clone = check(new Setup(ReadWrite.RANDREAD, 128, 1, 4, "mq", "blk-mq", "blk-mq", 100 * MS));
        assertThat(clone.meanDepth()).as("fio keeps its iodepth in flight").isCloseTo(128, within(1.0));
    }

    /** Checks every clone of {@code setup}'s run; returns the first. */
    private static CloneResult check(Setup setup) {
        RunResult run = SimulationRun.run(REGISTRY, setup.stack(), setup.job());
        for (CloneResult clone : run.jobs().get(0).clones()) {
            LatencyStats lat = clone.read().lat().copy();
            lat.add(clone.write().lat());
            double iops = clone.read().iops() + clone.write().iops();
            double littles = iops * lat.mean() / 1e9;
            assertThat(clone.ios()).as("clone %d of %s completed I/O", clone.index(), setup).isPositive();
            assertThat(littles / clone.meanDepth())
                    .as("clone %d of %s: IOPS %.0f x mean lat %.0f ns = %.2f against mean depth %.2f",
                            clone.index(), setup, iops, lat.mean(), littles, clone.meanDepth())
                    .isBetween(1 - TOLERANCE, 1 + TOLERANCE);
        }
        return run.jobs().get(0).clones().get(0);
    }
}
