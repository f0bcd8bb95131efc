package org.mqvio.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Example;
import org.mqvio.api.Operation;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.spi.ProviderRegistry;

/**
 * Each standard invariant fails, with a readable message, on a run whose path to the device is deliberately
 * wrong ({@link WrongPath}); and holds on the same case without the fault. This is how we know the checks are
 * not vacuous.
 */
class InvariantsCanFailTest {
    private static final ProviderRegistry REGISTRY = SharedRegistry.get();

    private static List<Violation> violations(String commandLine, UnaryOperator<StorageDevice> path) {
        RunRecord run = ConformanceRun.run(REGISTRY, ConformanceCase.parse(commandLine), path);
        assertThat(run.rejected()).as("the case builds").isFalse();
        return ConformanceCheck.violations(run, Invariants.standard(StackSpace::mayReorderByDefault));
    }

    private static List<String> broken(String commandLine, UnaryOperator<StorageDevice> path) {
        assertThat(violations(commandLine, UnaryOperator.identity())).as("the case holds without the fault").isEmpty();
        return violations(commandLine, path).stream().map(Violation::invariant).distinct().toList();
    }

    @Example
    void aLostCompletionBreaksExactlyOnceAndLeavesResourcesHeld() {
        String c = "--dataplane=baseline --vcpus=1 --job=cpu0,qd2:W0+8,R0+8";
        assertThat(broken(c, WrongPath.LosesACompletion::new)).contains(ExactlyOnce.NAME);
        List<Violation> v = violations("--dataplane=native --vcpus=1 --job=cpu0,qd1:W0+8",
                WrongPath.LosesACompletion::new);
        assertThat(v).anyMatch(x -> x.message().contains("#0.0") && x.message().contains("never completed"));
    }

    @Example
    void aDoubleCompletionIsCaughtWhereItHappens() {
        List<Violation> v = violations("--dataplane=mq --vcpus=2 --job=cpu0,qd1:W0+8 --job=cpu1,qd1:R8+8",
                WrongPath.CompletesTwice::new);
        assertThat(v).anyMatch(x -> x.invariant().equals(NothingThrown.NAME) && x.message().contains("completed twice"));
    }

    @Example
    void anErrorTurnedIntoSuccessBreaksTheDeviceStatus() {
        assertThat(broken("--dataplane=native --vcpus=1 --bad-sectors=3 --job=cpu0,qd1:W0+8",
                WrongPath.HidesErrors::new)).contains(DeviceStatus.NAME);
        assertThat(broken("--dataplane=baseline --vcpus=1 --set nvme.capacity_sectors=64 --job=cpu0,qd1:W0+8,Rend-4+8",
                WrongPath.HidesErrors::new)).isEmpty();
        // A read past the end never reaches the device: the host block layer fails it first (bio_check_eod),
        // so a device that hides errors has nothing to hide.
        assertThat(broken("--dataplane=native --vcpus=1 --set nvme.capacity_sectors=64 --job=cpu0,qd1:Rend-4+8",
                WrongPath.HidesErrors::new)).isEmpty();
    }

    @Example
    void anInventedErrorBreaksTheDeviceStatus() {
        assertThat(broken("--dataplane=mq --vcpus=1 --job=cpu0,qd1:W0+8", WrongPath.InventsAnError::new))
                .contains(DeviceStatus.NAME);
    }

    @Example
    void damagedWriteDataIsCaughtAtTheDevice() {
        List<Violation> v = violations("--dataplane=baseline --vcpus=1 --job=cpu0,qd1:W0+2", WrongPath.DamagesWrites::new);
        assertThat(v).anyMatch(x -> x.invariant().equals(WritePayload.NAME) && x.message().contains("unrecognised"));
    }

    @Example
    void aWriteOvertakingAnEarlierOneBreaksPerQueueOrder() {
        assertThat(broken("--dataplane=native --vcpus=1 --job=cpu0,qd2:W0+8,W8+8",
                d -> new WrongPath.SendsTheNextOneFirst(d, Operation.WRITE))).containsExactly(WriteOrder.NAME);
    }

    @Example
    void aWriteOvertakingAFlushIsCaught() {
        assertThat(broken("--dataplane=native --vcpus=1 --job=cpu0,qd2:F,W0+8",
                d -> new WrongPath.SendsTheNextOneFirst(d, Operation.FLUSH))).containsExactly(FlushBarrier.NAME);
    }

    @Example
    void theFailureMessageIsTheCounterExample() {
        RunRecord run = ConformanceRun.run(REGISTRY, ConformanceCase.parse(
                "--dataplane=native --vcpus=1 --seed=5 --job=cpu0,qd1:W0+8"), WrongPath.LosesACompletion::new);
        assertThatThrownBy(() -> ConformanceCheck.assertHolds(run, Invariants.standard(c -> false)))
                .isInstanceOf(ConformanceFailure.class)
                .hasMessageContaining("conformance violated: exactly-once completion")
                .hasMessageContaining("seed:    5")
                .hasMessageContaining("replay:  ConformanceCheck.replay(\"--dataplane=native")
                .hasMessageContaining("--job=cpu0,qd1:W0+8")
                .hasMessageContaining("submit   #0.0 WRITE 0+8")
                .hasMessageContaining("device   q0 accepts cmd 0 WRITE 0+8");
    }

    @Example
    void nondeterminismIsCaught() {
        ConformanceCase c = ConformanceCase.parse("--dataplane=baseline --vcpus=1 --job=cpu0,qd2:W0+8,R0+8,W8+8");
        ConformanceCheck.assertDeterministic(REGISTRY, c);
        int[] runs = {0};
        assertThatThrownBy(() -> ConformanceCheck.assertDeterministic(REGISTRY, c,
                d -> ++runs[0] == 1 ? d : new WrongPath.InventsAnError(d)))
                .isInstanceOf(ConformanceFailure.class).hasMessageContaining("determinism")
                .hasMessageContaining("completion 0 was");
    }
}
