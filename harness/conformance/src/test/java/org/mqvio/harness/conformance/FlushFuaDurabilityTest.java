package org.mqvio.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import net.jqwik.api.Example;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.stack.StackStatistics;

/** The flush and FUA durability check on hand-made device traces. */
class FlushFuaDurabilityTest {
    private final EventLog log = new EventLog();
    private long command;

    private long guest(long from, long to, Operation op, boolean fua) {
        long id = RequestIds.of(0, (int) log.of(Event.Submitted.class).size());
        log.add(new Event.Submitted(from, id, 0, op, 0, op == Operation.FLUSH ? 0 : 512, fua));
        log.add(new Event.Completed(to, id, Status.OK, null));
        return id;
    }

    private void device(long from, long to, Operation op, boolean fua, Long carries) {
        long c = command++;
        log.add(new Event.DeviceQueued(from, c, 0, 0, op, 0, op == Operation.FLUSH ? 0 : 512, fua, from,
                carries == null ? null : List.of(Stamp.written(carries, 0))));
        log.add(new Event.DeviceCompleted(to, c, 0, Status.OK, Status.OK, false));
    }

    private List<Violation> check() {
        RunRecord run = new RunRecord(ConformanceCase.parse("--job=cpu0,qd1:F"), Optional.empty(), Optional.empty(),
                log, 1 << 20, false, true, 100, List.of(), Optional.empty(), 0, 0);
        return Invariants.flushFuaDurability().check(run);
    }

    @Example
    void aFuaWriteMustReachTheDeviceWithFuaOrBeFlushed() {
        long w = guest(0, 30, Operation.WRITE, true);
        device(5, 10, Operation.WRITE, false, w);
        assertThat(check()).singleElement().satisfies(v -> assertThat(v.message()).contains("FUA write #0.0")
                .contains("without FUA"));
        device(12, 20, Operation.FLUSH, false, null);
        assertThat(check()).isEmpty();
    }

    @Example
    void aFuaWriteWithFuaAtTheDeviceIsDurable() {
        long w = guest(0, 30, Operation.WRITE, true);
        device(5, 10, Operation.WRITE, true, w);
        assertThat(check()).isEmpty();
    }

    @Example
    void aFlushCoversOnlyWritesCompletedBeforeIt() {
        long w = guest(0, 20, Operation.WRITE, false);
        device(5, 10, Operation.WRITE, false, w);
        guest(25, 60, Operation.FLUSH, false);
        assertThat(check()).singleElement().satisfies(v -> assertThat(v.message()).contains("flush #0.1")
                .contains("write #0.0"));
        device(30, 50, Operation.FLUSH, false, null);
        assertThat(check()).isEmpty();
    }

    @Example
    void aDeviceFlushAcceptedBeforeTheWriteCompletedDoesNotCoverIt() {
        long w = guest(0, 20, Operation.WRITE, false);
        device(1, 10, Operation.FLUSH, false, null);
        device(5, 12, Operation.WRITE, false, w);
        guest(25, 60, Operation.FLUSH, false);
        assertThat(check()).hasSize(1);
    }

    @Example
    void aStackThatCarriesNoDataIsNotChecked() {
        guest(0, 30, Operation.WRITE, true);
        device(5, 10, Operation.WRITE, false, null);
        assertThat(check()).isEmpty();
        assertThat(StackConfig.defaults(1).dataPlane()).isEqualTo("baseline");
    }

    private static RunRecord run(String commandLine, UnaryOperator<StorageDevice> path) {
        RunRecord run = ConformanceRun.run(SharedRegistry.get(), ConformanceCase.parse(commandLine), path);
        assertThat(run.rejected()).as("the case builds").isFalse();
        return run;
    }

    private static List<Violation> durability(RunRecord run) {
        return ConformanceCheck.violations(run, List.of(Invariants.flushFuaDurability()));
    }

    @Example
    void aFuaBitDroppedOnTheWayToTheDeviceIsCaught() {
        String c = "--dataplane=native --vcpus=1 --job=cpu0,qd1:W0+8!";
        assertThat(durability(run(c, UnaryOperator.identity()))).isEmpty();
        assertThat(durability(run(c, WrongPath.DropsFua::new))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("FUA write #0.0").contains("without FUA"));
    }

    @Example
    void aFlushAnsweredWithoutTheDeviceIsCaught() {
        String c = "--dataplane=baseline --vcpus=1 --job=cpu0,qd1:W0+8,F";
        assertThat(durability(run(c, UnaryOperator.identity()))).isEmpty();
        assertThat(durability(run(c, WrongPath.AcksFlushes::new))).singleElement()
                .satisfies(v -> assertThat(v.message()).contains("flush #0.1").contains("write #0.0"));
    }

    @Example
    void aGuestFuaWriteOverVirtioReachesTheDeviceAsAWriteThenAFlushAndCompletesAfterIt() {
        for (String dataPlane : List.of("baseline", "mq")) {
            String c = "--dataplane=" + dataPlane + " --vcpus=1 --job=cpu0,qd1:W0+8!";
            RunRecord run = run(c, UnaryOperator.identity());
            assertThat(durability(run)).as(dataPlane).isEmpty();
            assertThat(ConformanceCheck.violations(run, Invariants.standard(StackSpace::mayReorderByDefault)))
                    .as(dataPlane).isEmpty();
            StackStatistics stats = run.statistics().orElseThrow();
            assertThat(stats.guestBlockLayer().orElseThrow().get(BlockLayer.FUA_EMULATED)).as(dataPlane).isEqualTo(1);
            assertThat(stats.hostBlockLayer().get(BlockLayer.FUA_EMULATED)).as(dataPlane + ": NVMe has FUA").isZero();
            List<Event.DeviceQueued> commands = run.log().of(Event.DeviceQueued.class);
            assertThat(commands).as(dataPlane).extracting(Event.DeviceQueued::operation)
                    .containsExactly(Operation.WRITE, Operation.FLUSH);
            assertThat(commands.get(0).fua()).as(dataPlane + ": virtio-blk carries no FUA").isFalse();
            long flushDone = run.log().of(Event.DeviceCompleted.class).stream()
                    .filter(d -> d.command() == commands.get(1).command()).findFirst().orElseThrow().timeNs();
            assertThat(run.log().of(Event.Completed.class)).singleElement()
                    .satisfies(done -> assertThat(done.timeNs()).isGreaterThan(flushDone));
        }
    }
}
