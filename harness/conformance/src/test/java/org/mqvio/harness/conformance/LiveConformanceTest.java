package org.mqvio.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.statistics.Statistics;
import org.mqvio.harness.live.LivePlatform;
import org.mqvio.harness.stack.StackConfig;

/**
 * The kit's invariants in live mode: generated workloads on generated stacks of every data plane and block
 * layer, over a memory-backed NVMe device, run on real threads ({@link ConformanceRun#runLive}); every request
 * completes exactly once with the device's status, write data arrives intact, reads return what completed writes
 * put there, writes keep their order and never overtake a flush, flush and FUA obligations hold on the trace,
 * everything is free after the drain, nothing throws, and no thread is left running.
 */
class LiveConformanceTest {
    private static final long LIMIT_NS = 5_000_000_000L;

    /**
     * Each data plane over each host block layer (the guest's is blk-mq or single-queue), 1 to 4 vCPUs on 2
     * host CPUs, the NVMe device storing data; the providers' parameters at their defaults, so every case runs.
     */
    @Provide
    Arbitrary<ConformanceCase> liveCases() {
        Arbitrary<StackConfig> stacks = Combinators.combine(Arbitraries.of("baseline", "mq", "native"),
                        Arbitraries.of("blk-mq", "single-queue"), Arbitraries.of("blk-mq", "single-queue"),
                        Arbitraries.integers().between(1, 4))
                .as((dataPlane, guest, host, vcpus) -> StackConfig.defaults(vcpus).withDataPlane(dataPlane)
                        .withGuestBlockLayer(guest).withHostBlockLayer(host).withHostCpus(2)
                        .withSetting("nvme.memory_backed", "true"));
        return stacks.flatMap(ConformanceArbitraries::cases);
    }

    @Property(tries = 120, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE)
    void theInvariantsHoldOnRealThreads(@ForAll("liveCases") ConformanceCase conformanceCase) {
        RunRecord run = ConformanceRun.runLive(SharedRegistry.get(), conformanceCase, LIMIT_NS);
        Statistics.label("stack").collect(run.rejected() ? "rejected: " + run.rejection().orElse("")
                : conformanceCase.stack().dataPlane() + " over " + conformanceCase.stack().hostBlockLayer());
        if (run.rejected()) {
            return;
        }
        Statistics.label("requests completed").collect(run.log().of(Event.Completed.class).size() >= 10 ? ">= 10" : "< 10");
        List<Invariant> invariants = new ArrayList<>(Invariants.standard(StackSpace::mayReorderByDefault));
        invariants.add(Invariants.flushFuaDurability());
        ConformanceCheck.assertHolds(run, invariants);
        assertThat(run.finished()).as("live run of %s finished", conformanceCase.commandLine()).isTrue();
    }

    @AfterProperty
    void noLiveThreadIsLeft() {
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
                && t.getName().startsWith(LivePlatform.THREAD_PREFIX));
    }

    /** The live check can fail: a path that loses a completion, or one that hides device errors, is caught. */
    @net.jqwik.api.Example
    void aWrongPathIsCaughtLiveToo() {
        ConformanceCase lossy = ConformanceCase.parse("--dataplane=mq --vcpus=2 --host-cpus=2"
                + " --job=cpu0,qd2:W0+8,R0+8,W8+8 --job=cpu1,qd1:R16+8,W16+8");
        RunRecord lost = ConformanceRun.runLive(SharedRegistry.get(), lossy, 500_000_000L,
                WrongPath.LosesACompletion::new);
        assertThat(ConformanceCheck.violations(lost, List.of(Invariants.exactlyOnce())))
                .anyMatch(v -> v.message().contains("never completed"));
        ConformanceCase bad = ConformanceCase.parse("--dataplane=baseline --vcpus=1 --host-cpus=2 --bad-sectors=3"
                + " --job=cpu0,qd1:W0+8");
        RunRecord hidden = ConformanceRun.runLive(SharedRegistry.get(), bad, LIMIT_NS, WrongPath.HidesErrors::new);
        assertThat(ConformanceCheck.violations(hidden, List.of(Invariants.deviceStatus())))
                .extracting(Violation::invariant).contains(DeviceStatus.NAME);
        RunRecord right = ConformanceRun.runLive(SharedRegistry.get(), bad, LIMIT_NS);
        assertThat(ConformanceCheck.violations(right, List.of(Invariants.deviceStatus(), Invariants.exactlyOnce())))
                .isEmpty();
    }
}
