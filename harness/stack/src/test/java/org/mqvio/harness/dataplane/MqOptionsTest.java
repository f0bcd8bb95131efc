package org.mqvio.harness.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.stats.Statistics;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.ReadWrite;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.RunStatistics;
import org.mqvio.harness.workload.SimulationRun;

/** The mq data plane's mapping, polling and merging options, and the guest's kick placement. */
class MqOptionsTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();

    private static RunResult run(StackConfig config, JobSpec job) {
        return SimulationRun.run(REGISTRY, config, job);
    }

    private static RunResult randread(StackConfig config, int jobs) {
        return run(config, JobSpec.randread(jobs, 16, 5_000_000));
    }

    /** A counter of the run's data plane, by name (the data plane must declare it). */
    private static long dataPlane(RunResult r, String name) {
        Statistics s = r.statistics().components().dataPlane();
        return s.get(s.counters().named(name));
    }

    @Test
    void explicitMappingPlacesQueuesOnTheNamedThreads() {
        RunResult r = randread(StackConfig.defaults(4).withDataPlane("mq").withSetting("mq.mapping", "a:0,2;b:1,3"), 4);
        assertThat(r.cpuPercent()).containsKeys("a", "b").doesNotContainKey("iothread0");
        assertThat(dataPlane(r, "iothreads")).isEqualTo(2);
        assertThat(dataPlane(r, "virtqueues")).isEqualTo(4);
        assertThat(r.statistics().run().get(RunStatistics.LOST_AFTER_DRAIN)).isZero();
    }

    @Test
    void anInvalidMappingReachesTheUserAsQemuWordsIt() {
        // Every rule of the parser is tested in mq-dataplane (IoThreadVqMappingTest); this is the path to the user.
        assertThatThrownBy(() -> randread(StackConfig.defaults(4).withDataPlane("mq").withSetting("mq.mapping", "a:0,1;b:2"), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("virtqueue 3 is not assigned to any IoThread");
    }

    @Test
    void adaptivePollingReplacesKicksAndStaysWithinItsCeiling() {
        // 8 host CPUs: a CPU each for 4 vCPUs and 4 IoThreads, so polling IoThreads do not share them. null_blk (no
        // link), as the other polling tests: its completions come back inline. With the default PCIe link and the
        // ring's line transfers 154 of 2,915 I/Os still kick (5%), against more than half without polling.
        StackConfig mq = StackConfig.defaults(4).withDataPlane("mq").withHostCpus(8).withSetting("nvme.link", "none");
        RunResult plain = randread(mq, 4);
        RunResult adaptive = randread(mq.withSetting("mq.poll", "adaptive").withSetting("mq.poll_max_ns", "32000"), 4);
        assertThat(dataPlane(plain, "kicks")).isGreaterThan(plain.ios() / 2);
        assertThat(dataPlane(adaptive, "kicks")).isLessThan(adaptive.ios() / 100);
        assertThat(dataPlane(adaptive, "iothread_poll_doorbells")).isPositive();
        assertThat(dataPlane(adaptive, "iothread_poll_window_ns")).isBetween(1L, 4 * 32_000L);
        assertThat(adaptive.iops()).isGreaterThan(plain.iops());
    }

    @Test
    void adaptivePollingShrinksWhenWorkIsRare() {
        RunResult r = run(StackConfig.defaults(1).withDataPlane("mq").withSetting("mq.poll", "adaptive")
                .withSetting("nvme.completion", "timer").withSetting("nvme.completion_nsec", "200000"),
                JobSpec.randread(1, 1, 5_000_000));
        assertThat(dataPlane(r, "iothread_poll_shrunk")).isPositive();
        assertThat(r.cpuPercent().get("iothread0")).as("it does not burn its CPU while nothing comes").isLessThan(50.0);
    }

    @Test
    void constantPollingNeverNeedsAKickAndBurnsItsCpu() {
        // null_blk (no link): completions come back inline, so no device interrupt shares the IoThread's CPU.
        RunResult r = randread(StackConfig.defaults(2).withDataPlane("mq").withSetting("mq.poll", "always")
                .withSetting("nvme.link", "none"), 2);
        assertThat(dataPlane(r, "kicks")).isLessThanOrEqualTo(2L);
        assertThat(r.cpuPercent().get("iothread0")).isGreaterThan(99.0);
        assertThat(r.statistics().run().get(RunStatistics.LOST_AFTER_DRAIN)).isZero();
    }

    @Test
    void mergingJoinsAdjacentWritesOnlyWhenEnabled() {
        JobSpec seqWrite = new JobSpec("w", ReadWrite.WRITE, 4096, 32, 1, 5_000_000, 0, 0, 50);
        StackConfig base = StackConfig.defaults(1).withSetting("cost.iothread_submit", "200");
        RunResult off = run(base, seqWrite);
        RunResult on = run(base.withSetting("virtio.merge", "true"), seqWrite);
        assertThat(dataPlane(off, "iothread_host_requests")).isEqualTo(dataPlane(off, "iothread_submitted"));
        assertThat(dataPlane(on, "iothread_host_requests")).isLessThan(dataPlane(on, "iothread_submitted"));
    }

    private static double meanHoldNs(RunResult r) {
        Statistics lock = r.statistics().locks().stream().filter(l -> l.label().equals("vq0 (ticket)")).findFirst()
                .orElseThrow().statistics();
        return lock.get(PlatformLock.HOLD_NS) / (double) lock.get(PlatformLock.ACQUISITIONS);
    }

    @Test
    void kickingInsideTheLockCostsTheSharedQueue() {
        // The shared queue's lock is held through the kick's VM exit. With the default costs the single IoThread,
        // not this lock, bounds IOPS at 4 jobs, so the cost shows in the lock's hold time. null_blk (no link): with
        // the PCIe link's completion interrupts on the 4 oversubscribed host CPUs, the holders' descheduling moves
        // the mean hold by more than the kick's rare exits do (1,982 ns outside the lock against 1,851 inside).
        StackConfig baseline = StackConfig.defaults(4).withSetting("nvme.link", "none");
        RunResult outside = randread(baseline, 4);
        RunResult inside = randread(baseline.withSetting("virtio.kick_in_lock", "true"), 4);
        assertThat(meanHoldNs(inside)).isGreaterThan(meanHoldNs(outside));
    }
}
