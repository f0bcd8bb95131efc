package org.mqvio.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.ReadWrite;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.SimulationRun;

/**
 * Over generated stacks and jobs: every request issued completes, exactly once (a second completion throws
 * inside the run), with OK status, and every layer saw the same number of requests.
 */
class StackConservationTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();

    record Case(StackConfig config, JobSpec job) {
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<String> dataPlane = Arbitraries.of("baseline", "mq", "native");
        Arbitrary<Integer> jobs = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> depth = Arbitraries.integers().between(1, 32);
        Arbitrary<Integer> hostCpus = Arbitraries.integers().between(1, 4);
        Arbitrary<Integer> queueSize = Arbitraries.of(1, 2, 4, 8, 128);
        Arbitrary<String> lock = Arbitraries.of("ticket", "mcs", "mutex");
        Arbitrary<Boolean> eventIdx = Arbitraries.of(true, false);
        Arbitrary<Boolean> indirect = Arbitraries.of(true, false);
        Arbitrary<String> completion = Arbitraries.of("none", "timer");
        Arbitrary<String> poll = Arbitraries.of("none", "adaptive", "always");
        Arbitrary<Boolean> merge = Arbitraries.of(true, false);
        Arbitrary<ReadWrite> rw = Arbitraries.of(ReadWrite.RANDREAD, ReadWrite.RANDRW, ReadWrite.WRITE);
        return Combinators.combine(dataPlane, jobs, depth, hostCpus, queueSize, lock, eventIdx, indirect)
                .flatAs((dp, j, d, cpus, qs, lk, ei, ind) -> Combinators.combine(completion, rw,
                                Arbitraries.longs().between(1, 1000), poll, merge)
                        .as((comp, mode, seed, pl, mg) -> new Case(
                                StackConfig.defaults(j).withDataPlane(dp).withHostCpus(cpus).withSeed(seed)
                                        .withSetting("virtio.queue_size", String.valueOf(ind ? qs : Math.max(4, qs)))
                                        .withSetting("virtio.lock", lk)
                                        .withSetting("virtio.event_idx", String.valueOf(ei))
                                        .withSetting("virtio.indirect", String.valueOf(ind))
                                        .withSetting("nvme.completion", comp)
                                        .withSetting("virtio.merge", String.valueOf(mg))
                                        .withSetting(dp.equals("mq") ? "mq.poll" : "virtio.kick_in_lock",
                                                dp.equals("mq") ? pl : String.valueOf(pl.equals("always"))),
                                new JobSpec("prop", mode, 4096, d, j, 2_000_000, 0, 1 << 24, 70))));
    }

    /**
     * Regression: pollers that never sleep once starved the interrupt contexts pinned to their CPUs, because
     * a stale slice check hid the one a newly queued waiter needed; two commands never completed.
     */
    @net.jqwik.api.Example
    void constantPollersDoNotStarveInterruptHandlers() {
        StackConfig config = StackConfig.defaults(3).withDataPlane("mq").withHostCpus(4)
                .withSetting("virtio.queue_size", "1").withSetting("virtio.merge", "true")
                .withSetting("nvme.completion", "timer").withSetting("mq.poll", "always");
        RunResult r = SimulationRun.run(REGISTRY, config,
                new JobSpec("regression", ReadWrite.RANDREAD, 4096, 1, 3, 2_000_000, 0, 1 << 24, 70));
        assertThat(r.statistics().get("run").get("issued")).isPositive();
        assertThat(r.statistics().get("run").get("lost_after_drain")).isZero();
    }

    @Property(tries = 500)
    void everyIssuedRequestCompletesOnceWithItsStatus(@ForAll("cases") Case c) {
        RunResult r = SimulationRun.run(REGISTRY, c.config(), c.job());
        var run = r.statistics().get("run");
        boolean pollersMayStarveTheJobs = "always".equals(c.config().settings().get("mq.poll"))
                && c.config().hostCpus() < 2 * c.config().vcpus();
        if (!pollersMayStarveTheJobs) {
            assertThat(run.get("issued")).as("the job issued I/O").isPositive();
        }
        assertThat(run.get("lost_after_drain")).as("requests issued but never completed").isZero();
        assertThat(r.errors()).isZero();
        var guest = r.statistics().getOrDefault("guest_block_layer", r.statistics().get("host_block_layer"));
        var host = r.statistics().get("host_block_layer");
        var device = r.statistics().get("device");
        assertThat(guest.get("completed")).isEqualTo(run.get("issued"));
        assertThat(host.get("completed")).isEqualTo(host.get("submitted"));
        assertThat(device.get("completions")).isEqualTo(device.get("commands"));
        var dataPlane = r.statistics().get("data_plane");
        assertThat(dataPlane.getOrDefault("pushed", 0L)).isEqualTo(dataPlane.getOrDefault("popped", 0L));
        assertThat(dataPlane.getOrDefault("broken_queues", 0L)).isZero();
    }
}
