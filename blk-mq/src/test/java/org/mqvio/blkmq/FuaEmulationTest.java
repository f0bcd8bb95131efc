package org.mqvio.blkmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.spi.BlockLayerProvider;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.api.spi.Parameters;
import org.mqvio.api.stats.Statistics;

/**
 * FUA over a driver that does not honour it, in both block layers: the write reaches the driver without FUA,
 * then a flush; the FUA write completes, once, with the flush's status when the flush completes, or with its
 * own failure and no flush; over a driver that honours FUA nothing changes.
 */
class FuaEmulationTest {
    private static final List<BlockLayerProvider> LAYERS = List.of(new BlkMqProvider(), new SingleQueueProvider());

    /** A block layer over a {@link HeldDriver}, with one submitting CPU, and what completed upward. */
    private static final class Rig {
        final ManualPlatform platform = new ManualPlatform();
        final ExecutionContext cpu = platform.newContext(ContextSpec.of("cpu0", ContextKind.VCPU));
        final HeldDriver driver;
        final BlockLayer layer;
        final String name;
        final List<BlockRequest> completed = new ArrayList<>();
        final Map<Long, Integer> completions = new HashMap<>();

        Rig(BlockLayerProvider provider, boolean honoursFua) {
            driver = new HeldDriver(platform, honoursFua, 32);
            name = provider.name();
            layer = provider.create(new BlockLayerSetup(platform, Parameters.resolve(provider.parameters(), Map.of()),
                    BlockLayerSetup.Role.GUEST, List.of(cpu), driver));
        }

        BlockRequest submit(long id, Operation op, long sector, boolean fua) {
            BlockRequest r = BlockRequest.builder(op).id(id).sector(sector).length(op == Operation.FLUSH ? 0 : 4096)
                    .fua(fua).cpu(0).completion((ctx, done) -> {
                        completed.add(done);
                        completions.merge(done.id(), 1, Integer::sum);
                    }).build();
            cpu.post(0, () -> layer.submit(cpu, r));
            return r;
        }

        long stat(String name) {
            Statistics s = layer.statistics();
            return s.get(s.counters().named(name));
        }
    }

    @Example
    void aFuaWriteReachesADriverWithoutFuaAsAWriteThenAFlushAndCompletesAfterTheFlush() {
        for (BlockLayerProvider p : LAYERS) {
            Rig rig = new Rig(p, false);
            BlockRequest fua = rig.submit(1, Operation.WRITE, 8, true);
            rig.platform.runUntilIdle();
            assertThat(rig.driver.given).as(rig.name).singleElement()
                    .satisfies(w -> assertThat(w.operation()).isEqualTo(Operation.WRITE))
                    .satisfies(w -> assertThat(w.fua()).as("FUA is not passed to a driver without it").isFalse());

            rig.driver.complete(0, Status.OK);
            assertThat(fua.isCompleted()).as(rig.name + ": the FUA write waits for its flush").isFalse();
            assertThat(rig.driver.given).as(rig.name).hasSize(2);
            assertThat(rig.driver.given.get(1).operation()).as(rig.name + ": a flush follows the write")
                    .isEqualTo(Operation.FLUSH);

            rig.driver.complete(0, Status.OK);
            assertThat(fua.status()).as(rig.name).isEqualTo(Status.OK);
            assertThat(rig.completions).as(rig.name + ": completed once").containsExactly(Map.entry(1L, 1));
            assertThat(rig.stat("fua_emulated")).as(rig.name).isEqualTo(1);
            assertThat(rig.stat("submitted")).as(rig.name).isEqualTo(1);
            assertThat(rig.stat("completed")).as(rig.name).isEqualTo(1);
            assertThat(rig.stat("dispatched")).as(rig.name + ": the write and the flush").isEqualTo(2);
            assertThat(rig.stat("in_flight")).as(rig.name).isZero();
            assertThat(rig.stat("tags_in_use")).as(rig.name).isZero();
        }
    }

    @Example
    void aFailedFlushFailsTheFuaWrite() {
        for (BlockLayerProvider p : LAYERS) {
            Rig rig = new Rig(p, false);
            BlockRequest fua = rig.submit(1, Operation.WRITE, 8, true);
            rig.platform.runUntilIdle();
            rig.driver.complete(0, Status.OK);
            rig.driver.complete(0, Status.IO_ERROR);
            assertThat(fua.status()).as(rig.name + ": the flush's status").isEqualTo(Status.IO_ERROR);
            assertThat(rig.completions).as(rig.name).containsExactly(Map.entry(1L, 1));
        }
    }

    @Example
    void aFailedWriteFailsTheFuaWriteWithoutAFlush() {
        for (BlockLayerProvider p : LAYERS) {
            Rig rig = new Rig(p, false);
            BlockRequest fua = rig.submit(1, Operation.WRITE, 8, true);
            rig.platform.runUntilIdle();
            rig.driver.complete(0, Status.MEDIUM_ERROR);
            assertThat(fua.status()).as(rig.name + ": the write's status").isEqualTo(Status.MEDIUM_ERROR);
            assertThat(rig.driver.given).as(rig.name + ": no flush after a failed write").hasSize(1);
            assertThat(rig.stat("fua_emulated")).as(rig.name).isZero();
            assertThat(rig.completions).as(rig.name).containsExactly(Map.entry(1L, 1));
        }
    }

    @Example
    void aDriverThatHonoursFuaGetsTheFuaWriteAsItIs() {
        for (BlockLayerProvider p : LAYERS) {
            Rig rig = new Rig(p, true);
            BlockRequest fua = rig.submit(1, Operation.WRITE, 8, true);
            rig.platform.runUntilIdle();
            assertThat(rig.driver.given).as(rig.name).singleElement()
                    .satisfies(w -> assertThat(w.fua()).isTrue());
            rig.driver.complete(0, Status.OK);
            assertThat(fua.status()).as(rig.name).isEqualTo(Status.OK);
            assertThat(rig.driver.given).as(rig.name + ": no flush").hasSize(1);
            assertThat(rig.stat("fua_emulated")).as(rig.name).isZero();
        }
    }

    @Example
    void mergedFuaWritesShareOneFlushAndNeverMergeWithPlainWrites() {
        for (BlockLayerProvider p : LAYERS) {
            Rig rig = new Rig(p, false);
            rig.cpu.post(0, () -> {
                // one work item: the layer may merge what it submits back to back
                rig.submit(1, Operation.WRITE, 0, true);
                rig.submit(2, Operation.WRITE, 8, true);
                rig.submit(3, Operation.WRITE, 16, false);
            });
            rig.platform.runUntilIdle();
            List<BlockRequest> writes = List.copyOf(rig.driver.given);
            assertThat(writes).as(rig.name).allSatisfy(w -> assertThat(w.fua()).isFalse());
            assertThat(writes.stream().mapToLong(BlockRequest::sectors).sum()).as(rig.name).isEqualTo(24);
            BlockRequest plain = writes.stream().filter(w -> w.sector() == 16).findFirst().orElseThrow();
            assertThat(plain.sectors()).as(rig.name + ": the plain write stays apart").isEqualTo(8);
            int fuaCommands = writes.size() - 1;
            while (!rig.driver.held.isEmpty()) {
                rig.driver.complete(0, Status.OK);
            }
            assertThat(rig.stat("fua_emulated")).as(rig.name + ": one flush per FUA command").isEqualTo(fuaCommands);
            assertThat(rig.driver.given.stream().filter(r -> r.operation() == Operation.FLUSH).count())
                    .as(rig.name).isEqualTo(fuaCommands);
            assertThat(rig.completions).as(rig.name).containsOnlyKeys(1L, 2L, 3L).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
            assertThat(rig.stat("merged")).as(rig.name + ": the two FUA writes merge").isEqualTo(3 - writes.size());
        }
    }

    /**
     * Random FUA and plain writes and flushes over a driver without FUA that completes what it holds in any
     * order with any status: every request completes exactly once; none reaches the driver with FUA; a FUA
     * write that completes OK does so after a write covering it completed OK and then a flush the driver took
     * after that completed OK.
     *
     * @param ops      each value: 0-3 a plain write, 4-6 a FUA write, 7 a flush, 8-9 the driver completes one
     * @param statuses each value picks the status of one driver completion (0 is an error, else OK)
     */
    @Property(tries = 150)
    void everyRequestCompletesOnceAndEveryOkFuaWriteWaitedForAFlush(
            @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 9) Integer> ops,
            @ForAll @Size(min = 1, max = 20) List<@IntRange(min = 0, max = 4) Integer> statuses,
            @ForAll @IntRange(min = 0, max = 1) int layerIndex) {
        Rig rig = new Rig(LAYERS.get(layerIndex), false);
        List<BlockRequest> submitted = new ArrayList<>();
        Map<Long, Long> upwardAt = new HashMap<>();
        int s = 0;
        long id = 0;
        for (int op : ops) {
            if (op <= 7) {
                Operation o = op == 7 ? Operation.FLUSH : Operation.WRITE;
                submitted.add(rig.submit(id, o, (id % 5) * 8, op >= 4 && op <= 6));
                id++;
            } else if (!rig.driver.held.isEmpty()) {
                Status st = statuses.get(s++ % statuses.size()) == 0 ? Status.IO_ERROR : Status.OK;
                rig.driver.complete(op % rig.driver.held.size(), st);
            }
            rig.platform.runUntilIdle();
            for (BlockRequest r : rig.completed) {
                upwardAt.putIfAbsent(r.id(), rig.driver.clock);
            }
        }
        for (int rounds = 0; !rig.driver.held.isEmpty(); rounds++) {
            assertThat(rounds).as("the drain ends").isLessThan(1000);
            rig.driver.complete(0, Status.OK);
            for (BlockRequest r : rig.completed) {
                upwardAt.putIfAbsent(r.id(), rig.driver.clock);
            }
        }
        assertThat(rig.completions).as("each request completed once").hasSize(submitted.size())
                .allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
        assertThat(rig.stat("submitted")).isEqualTo(submitted.size());
        assertThat(rig.stat("completed")).isEqualTo(submitted.size());
        assertThat(rig.stat("in_flight")).isZero();
        assertThat(rig.driver.given).as("nothing reaches a driver without FUA with FUA").noneMatch(BlockRequest::fua);
        long ownFlushes = rig.driver.given.stream().filter(r -> r.operation() == Operation.FLUSH).count()
                - submitted.stream().filter(r -> r.operation() == Operation.FLUSH).count();
        assertThat(rig.stat("fua_emulated")).as("post-flushes counted").isEqualTo(ownFlushes);
        for (BlockRequest r : submitted) {
            if (!r.fua() || r.status() != Status.OK) {
                continue;
            }
            long up = upwardAt.get(r.id());
            boolean flushedAfterItsWrite = rig.driver.given.stream().anyMatch(w -> w.operation() == Operation.WRITE
                    && w.status() == Status.OK && w.sector() <= r.sector()
                    && w.sector() + w.sectors() >= r.sector() + r.sectors() && rig.driver.doneAt.get(w) < up
                    && rig.driver.given.stream().anyMatch(f -> f.operation() == Operation.FLUSH && f.status() == Status.OK
                            && rig.driver.givenAt.get(f) > rig.driver.doneAt.get(w) && rig.driver.doneAt.get(f) <= up));
            assertThat(flushedAfterItsWrite).as("FUA write " + r + " completed OK at step " + up
                    + " after a covering write and then a flush completed OK; driver saw " + rig.driver.given).isTrue();
        }
    }
}
