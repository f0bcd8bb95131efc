package org.mqvio.harness.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;

/**
 * After a simulated power loss ({@code nvme.power_loss_at_ns}) every flushed or FUA write is intact and
 * exactly the writes that were neither are gone. Steps run one after another: a batch of writes to
 * disjoint ranges (some FUA, some Write Zeroes or discards), spread over the queues and racing each other,
 * or a flush. Before the power loss a full read returns the latest data; after it, the durable image the
 * steps imply.
 */
class NvmePowerLossTest {
    private static final int SECTORS = 64;
    private static final long POWER_LOSS_AT = 500_000_000L;

    /** One write of a step: where, how long, FUA, and whether it writes zeroes (Write Zeroes or discard). */
    record Write(int first, int sectors, boolean fua, int zeroKind) {
    }

    /** A step: a batch of writes to disjoint ranges, or a flush (an empty batch). */
    record Step(List<Write> writes) {
        @Override
        public String toString() {
            return writes.isEmpty() ? "flush" : writes.toString();
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Write> write = Combinators.combine(Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(1, 8), Arbitraries.of(true, false, false),
                Arbitraries.of(0, 0, 0, 0, 1, 2)).as((slot, n, fua, zero) -> new Write(slot * 8, n, fua, zero));
        Arbitrary<Step> batch = write.list().ofMinSize(1).ofMaxSize(5).uniqueElements(Write::first).map(Step::new);
        Arbitrary<Step> flush = Arbitraries.just(new Step(List.of()));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, batch), net.jqwik.api.Tuple.of(1, flush))
                .list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 60)
    void flushedAndFuaWritesSurviveAndNothingElseDoes(@ForAll("steps") List<Step> steps,
                                                      @ForAll @IntRange(min = 1, max = 3) int queues,
                                                      @ForAll @IntRange(min = 0, max = 2) int modeIndex,
                                                      @ForAll boolean writeCache) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("nvme.queues", String.valueOf(queues));
        settings.put("nvme.completion", List.of("none", "timer", "flash").get(modeIndex));
        settings.put("nvme.memory_backed", "true");
        settings.put("nvme.write_cache", String.valueOf(writeCache));
        settings.put("nvme.power_loss_at_ns", String.valueOf(POWER_LOSS_AT));
        NvmeRig rig = new NvmeRig(4, queues, 7, settings);

        Map<Integer, Integer> durable = new HashMap<>();
        Map<Integer, Integer> cached = new HashMap<>();
        int[] number = {0};
        List<List<BlockRequest>> batches = new ArrayList<>();
        for (Step step : steps) {
            List<BlockRequest> batch = new ArrayList<>();
            if (step.writes().isEmpty()) {
                batch.add(rig.request(Operation.FLUSH, 0, 0, 0, false, null, (c, r) -> { }));
                durable.putAll(cached);
                cached.clear();
            }
            for (int i = 0; i < step.writes().size(); i++) {
                Write w = step.writes().get(i);
                int id = w.zeroKind() == 0 ? ++number[0] : 0;
                Operation op = w.zeroKind() == 0 ? Operation.WRITE : w.zeroKind() == 1 ? Operation.WRITE_ZEROES
                        : Operation.DISCARD;
                boolean fua = op == Operation.WRITE && w.fua();
                byte[] data = op == Operation.WRITE ? SectorPattern.payload(id, w.first(), w.sectors()) : null;
                batch.add(rig.request(op, w.first(), w.sectors() * 512, i % queues, fua, data, (c, r) -> { }));
                for (int s = w.first(); s < w.first() + w.sectors(); s++) {
                    if (writeCache && !fua) {
                        cached.put(s, id);
                    } else {
                        cached.remove(s);
                        durable.put(s, id);
                    }
                }
            }
            batches.add(batch);
        }
        Map<Integer, Integer> latest = new HashMap<>(durable);
        latest.putAll(cached);
        Statistics.label("writes lost").collect(cached.values().stream().anyMatch(v -> v != 0) ? "some" : "none");

        runInOrder(rig, batches);
        rig.runUntil(POWER_LOSS_AT - 10_000_000);
        for (List<BlockRequest> batch : batches) {
            assertThat(batch).allMatch(r -> r.status() == Status.OK, "completed OK before the power loss");
        }
        assertThat(readAll(rig, rig.platform.nanoTime())).as("contents before the power loss").isEqualTo(image(latest));
        assertThat(readAll(rig, POWER_LOSS_AT + 1_000_000)).as("contents after the power loss").isEqualTo(image(durable));
        assertThat(rig.stat("power_losses")).isEqualTo(1);
        // The generator loses writes in about a quarter of the tries (20-33% in seven runs of 60); a floor of 15% failed
        // one clean run in about forty (9 of 60), so the floor only asks that the case is not rare (more than 3 of 60).
        Statistics.label("writes lost").coverage(c -> c.check("some").percentage(p -> p > 5));
    }

    /** Submits each batch once the previous one has completed entirely, each request on its own CPU. */
    private static void runInOrder(NvmeRig rig, List<List<BlockRequest>> batches) {
        submitFrom(rig, batches, 0, 0);
    }

    private static void submitFrom(NvmeRig rig, List<List<BlockRequest>> batches, int index, long delay) {
        if (index == batches.size()) {
            return;
        }
        List<BlockRequest> batch = batches.get(index);
        rig.platform.schedule(delay, () -> {
            for (BlockRequest r : batch) {
                rig.cpus.get(r.cpu()).post(0, () -> rig.host.submitAll(rig.cpus.get(r.cpu()), List.of(r)));
            }
        });
        // Watch the batch: when its last request completes, the next batch starts.
        rig.platform.schedule(delay, () -> poll(rig, batches, index));
    }

    private static void poll(NvmeRig rig, List<List<BlockRequest>> batches, int index) {
        if (batches.get(index).stream().allMatch(BlockRequest::isCompleted)) {
            submitFrom(rig, batches, index + 1, 1_000);
        } else {
            rig.platform.schedule(5_000, () -> poll(rig, batches, index));
        }
    }

    /** Reads the whole small device at {@code at} and returns each sector's write number. */
    private static int[] readAll(NvmeRig rig, long at) {
        BlockRequest read = rig.request(Operation.READ, 0, SECTORS * 512, 0, false, null, (c, r) -> { });
        rig.submitLater(Math.max(0, at - rig.platform.nanoTime()), List.of(read));
        rig.runUntil(at + 5_000_000);
        assertThat(read.status()).isEqualTo(Status.OK);
        int[] got = new int[SECTORS];
        for (int s = 0; s < SECTORS; s++) {
            got[s] = SectorPattern.writeIn(read.data(), 0, s);
        }
        return got;
    }

    private static int[] image(Map<Integer, Integer> contents) {
        int[] image = new int[SECTORS];
        contents.forEach((s, v) -> image[s] = v);
        return image;
    }
}
