package org.mqvio.harness.conformance;

import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.statistics.Statistics;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.device.StorageDevice;

/**
 * The conformance kit on whole stacks, as a jqwik contract: a test class implements this interface (or one
 * that extends it: {@link DataPlaneContract}, {@link BlockLayerContract}, {@link StorageDeviceContract}), says
 * which {@link #stackSpace() stacks} to check, and inherits every property below. Each property generates
 * cases ({@link ConformanceArbitraries}: scripted workloads on generated stacks), runs them on the
 * deterministic simulation with a complete event log ({@link ConformanceRun}) and checks the invariants of
 * docs/architecture.md#invariants. A failure is a {@link ConformanceFailure} that jqwik shrinks to a small case; its
 * message prints the stack, the seed, the events, and the line that replays it.
 *
 * <p>Configurations the providers reject with {@link IllegalArgumentException} are discarded, not failures.
 * Tries: each property has its own default; {@code -Dmqvio.conformance.tries=N} sets them all
 * ({@link ConformanceDepth}).
 */
public interface StackContract {

    /** The stacks to check. */
    StackSpace stackSpace();

    /** The invariants checked on every run: by default {@link Invariants#standard}. */
    default List<Invariant> invariants() {
        return Invariants.standard(stackSpace()::mayReorder);
    }

    /** Cases over {@link #stackSpace()}. */
    @Provide
    default Arbitrary<ConformanceCase> stackCases() {
        return ConformanceArbitraries.cases(stackSpace());
    }

    /**
     * Cases over the devices of {@link #stackSpace()} that store data and can lose power, each cutting the power
     * once, at a generated time between 5 µs and 200 µs of virtual time (while the jobs run).
     */
    @Provide
    default Arbitrary<ConformanceCase> powerLossCases() {
        StackSpace space = stackSpace().powerLoss();
        return net.jqwik.api.Combinators.combine(ConformanceArbitraries.cases(space),
                        net.jqwik.api.Arbitraries.longs().between(5_000, 200_000))
                .as((c, lossNs) -> c.withStack(c.stack().withSetting(DeviceFeatures.powerLossParameter(
                        space.registry(), c.stack().device()).orElseThrow(), Long.toString(lossNs))));
    }

    /** Cases over the memory-backed devices of {@link #stackSpace()}, set to store data. */
    @Provide
    default Arbitrary<ConformanceCase> memoryBackedCases() {
        return ConformanceArbitraries.cases(stackSpace().memoryBacked());
    }

    /**
     * Invariants 1a, 1b, 1c, 2, 4a, 4b and 6a: every request completes exactly once with the device's status, write
     * data arrives intact, everything is free after the drain, writes keep their order per queue and never overtake a
     * flush; nothing throws.
     */
    @Property(tries = 200)
    @AddLifecycleHook(ConformanceDepth.class)
    default void everyRunKeepsTheInvariants(@ForAll("stackCases") ConformanceCase conformanceCase) {
        RunRecord run = ConformanceCheck.check(stackSpace().registry(), conformanceCase, invariants());
        Statistics.label("data plane").collect(conformanceCase.stack().dataPlane());
        Statistics.label("device errors").collect(run.log().of(Event.DeviceCompleted.class).stream()
                .anyMatch(e -> !e.reported().isOk()) ? "some" : "none");
        Statistics.label("busy answers").collect(run.total(BlockLayer.BUSY) > 0 ? "some" : "none");
    }

    /** Invariant 5a: the same case and seed run twice give the same events and the same results. */
    @Property(tries = 25)
    @AddLifecycleHook(ConformanceDepth.class)
    default void sameSeedSameRun(@ForAll("stackCases") ConformanceCase conformanceCase) {
        ConformanceCheck.assertDeterministic(stackSpace().registry(), conformanceCase);
    }

    /**
     * Invariant 3a: on a memory-backed device, reads return what completed writes put there (plus
     * every other invariant). Skipped, saying why, when no device of the space stores data.
     */
    @Property(tries = 100)
    @AddLifecycleHook(ConformanceDepth.class)
    @AddLifecycleHook(SkipWithoutMemoryBackedDevice.class)
    default void readsReturnWhatCompletedWritesPut(@ForAll("memoryBackedCases") ConformanceCase conformanceCase) {
        RunRecord run = ConformanceCheck.check(stackSpace().registry(), conformanceCase, invariants());
        if (!run.memoryBacked()) {
            throw new AssertionError("the device of " + conformanceCase.stackOptions() + " was set to store data"
                    + " but the kit does not see it as memory-backed");
        }
    }

    /**
     * Invariant 3b, on the device's trace ({@link FlushFuaDurability}): a FUA write completes OK only after
     * the device completed the command carrying its data with FUA, or completed a flush it accepted after that
     * command completed; a flush completes OK only after the same holds for every write that completed before the
     * flush was submitted. These are the writes a power loss must keep; checked on any device (the power itself is
     * cut by {@link #flushedAndFuaWritesSurviveAPowerLoss}). Runs by default;
     * {@code -Dmqvio.conformance.durability_from_trace=false} skips it ({@link TraceDurabilitySwitch}).
     */
    @Property(tries = 100)
    @AddLifecycleHook(ConformanceDepth.class)
    @AddLifecycleHook(TraceDurabilitySwitch.class)
    default void flushedAndFuaWritesAreDurable(@ForAll("stackCases") ConformanceCase conformanceCase) {
        RunRecord run = ConformanceCheck.check(stackSpace().registry(), conformanceCase,
                List.of(Invariants.flushFuaDurability()));
        Statistics.label("FUA emulated with a flush").collect(run.total(BlockLayer.FUA_EMULATED) > 0
                ? "some" : "none");
    }

    /**
     * Invariant 3c, across a real power loss ({@link PowerLossDurability}): the device loses power once
     * while the jobs run; afterwards every sector they wrote is read back, and each must hold at least the newest
     * write that was sure to survive (completed with FUA before the loss, or followed by a flush that completed
     * before it). Skipped, saying why, when no device of the space can lose power and store data.
     */
    @Property(tries = 60)
    @AddLifecycleHook(ConformanceDepth.class)
    @AddLifecycleHook(SkipWithoutPowerLossDevice.class)
    default void flushedAndFuaWritesSurviveAPowerLoss(@ForAll("powerLossCases") ConformanceCase conformanceCase) {
        RunRecord run = ConformanceCheck.check(stackSpace().registry(), conformanceCase, List.of(
                Invariants.nothingThrown(), Invariants.exactlyOnce(), Invariants.powerLossDurability()));
        int readBack = ConformanceRun.readBackJob(conformanceCase);
        boolean someSurvivorRequired = run.log().of(Event.Submitted.class).stream()
                .anyMatch(e -> RequestIds.job(e.request()) == readBack);
        Statistics.label("sectors read back after the loss").collect(someSurvivorRequired ? "some" : "none");
        Statistics.label("device lost power").collect(run.total(StorageDevice.POWER_LOSSES) > 0 ? "yes" : "no");
    }
}
