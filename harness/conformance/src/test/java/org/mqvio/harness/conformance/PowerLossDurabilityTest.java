package org.mqvio.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Example;
import org.mqvio.api.device.StorageDevice;

/**
 * The power-loss check fails on a path that loses flushed or FUA writes across a real power loss of the NVMe
 * model, and holds on the same cases without the fault.
 */
class PowerLossDurabilityTest {
    private static final String NVME = " --set nvme.memory_backed=true --set nvme.write_cache=true";

    private static List<Violation> violations(String commandLine, UnaryOperator<StorageDevice> path) {
        RunRecord run = ConformanceRun.run(SharedRegistry.get(), ConformanceCase.parse(commandLine), path);
        assertThat(run.rejected()).as("the case builds").isFalse();
        assertThat(run.memoryBacked()).isTrue();
        return ConformanceCheck.violations(run, List.of(Invariants.powerLossDurability()));
    }

    @Example
    void aFlushedWriteSurvivesAndTheCheckSeesAFlushThatNeverReachedTheDevice() {
        // The write and the flush complete within a few microseconds; the power goes at 100 µs.
        String c = "--dataplane=native --vcpus=1" + NVME + " --set nvme.power_loss_at_ns=100000 --job=cpu0,qd1:W0+8,F";
        assertThat(violations(c, UnaryOperator.identity())).isEmpty();
        List<Violation> v = violations(c, WrongPath.AcksFlushes::new);
        assertThat(v).anyMatch(x -> x.invariant().equals(PowerLossDurability.NAME)
                && x.message().contains("after the power loss at 100000 ns") && x.message().contains("zeroes"));
    }

    @Example
    void aFuaWriteSurvivesThroughTheGuestsEmulationAndTheCheckSeesADroppedFuaBit() {
        String c = "--dataplane=native --vcpus=1" + NVME + " --set nvme.power_loss_at_ns=100000 --job=cpu0,qd1:W8+8!";
        assertThat(violations(c, UnaryOperator.identity())).isEmpty();
        assertThat(violations(c, WrongPath.DropsFua::new)).extracting(Violation::invariant)
                .contains(PowerLossDurability.NAME);
        String virtualized = "--dataplane=mq --vcpus=1" + NVME + " --set nvme.power_loss_at_ns=150000"
                + " --job=cpu0,qd1:W8+8!";
        assertThat(violations(virtualized, UnaryOperator.identity())).isEmpty();
    }

    @Example
    void aWriteNeitherFlushedNorFuaMayBeLostAndThatIsNotAViolation() {
        String c = "--dataplane=native --vcpus=1" + NVME + " --set nvme.power_loss_at_ns=100000 --job=cpu0,qd1:W0+8";
        RunRecord run = ConformanceRun.run(SharedRegistry.get(), ConformanceCase.parse(c), UnaryOperator.identity());
        assertThat(run.statistics().orElseThrow().device().get(StorageDevice.POWER_LOSSES)).isEqualTo(1);
        assertThat(ConformanceCheck.violations(run, List.of(Invariants.powerLossDurability()))).isEmpty();
    }
}
