package org.mqvio.harness.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * A memory-backed device returns for every read, sector by sector, the data of the last write completed
 * before the read was submitted, or of a write that overlapped the read in time (concurrent overlapping
 * writes have no order, so either may win): with reads, writes with and without FUA, Write Zeroes,
 * discards and flushes racing on a small device from several CPUs, in every completion mode.
 */
class NvmeMemoryBackedTest {
    private static final int SECTORS = 48;

    /** One write as the host saw it: its number (0 for zeroes) and when it was submitted and completed. */
    private record Write(int number, long submitted, long completed) {
    }

    private long sequence;

    @Property(tries = 40)
    void readsReturnTheLastCompletedWriteOrAConcurrentOne(
            @ForAll @IntRange(min = 1, max = 3) int queues,
            @ForAll @IntRange(min = 0, max = 2) int modeIndex,
            @ForAll boolean writeCache,
            @ForAll boolean boundedController,
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("nvme.queues", String.valueOf(queues));
        settings.put("nvme.queue_depth", "8");
        settings.put("nvme.completion", List.of("none", "timer", "flash").get(modeIndex));
        settings.put("nvme.memory_backed", "true");
        settings.put("nvme.write_cache", String.valueOf(writeCache));
        settings.put("nvme.read_latency_ns", "20000");
        settings.put("nvme.program_latency_ns", "50000");
        settings.put("nvme.dies", "4");
        settings.put("nvme.channels", "2");
        settings.put("nvme.capacity_sectors", "4096");
        settings.put("nvme.max_active", boundedController ? "2" : "0");
        NvmeRig rig = new NvmeRig(4, queues, seed, settings);
        SplittableRandom random = new SplittableRandom(seed);
        Map<Long, List<Write>> writes = new HashMap<>();
        List<BlockRequest> reads = new ArrayList<>();
        Map<Long, long[]> times = new HashMap<>();
        sequence = 0;
        int number = 0;
        long at = 0;
        for (int b = 0; b < 80; b++) {
            int cpu = random.nextInt(queues);
            List<BlockRequest> batch = new ArrayList<>();
            for (int i = 1 + random.nextInt(4); i > 0; i--) {
                int kind = random.nextInt(10);
                long first = random.nextInt(SECTORS - 8);
                int n = 1 + random.nextInt(8);
                BlockRequest r;
                if (kind < 4) {
                    int w = ++number;
                    r = rig.request(Operation.WRITE, first, n * 512, cpu, random.nextBoolean(),
                            SectorPattern.payload(w, first, n), (ctx, done) -> record(writes, times, done, w));
                } else if (kind < 8) {
                    r = rig.request(Operation.READ, first, n * 512, cpu, false, null, (ctx, done) -> stamp(times, done));
                    reads.add(r);
                } else if (kind == 8) {
                    r = rig.request(random.nextBoolean() ? Operation.WRITE_ZEROES : Operation.DISCARD, first, n * 512,
                            cpu, false, null, (ctx, done) -> record(writes, times, done, 0));
                } else {
                    r = rig.request(Operation.FLUSH, 0, 0, cpu, false, null, (ctx, done) -> stamp(times, done));
                }
                batch.add(r);
            }
            submit(rig, at, batch, times);
            at += random.nextLong(40_000);
        }
        rig.runUntil(1_000_000_000L);

        assertThat(reads).isNotEmpty();
        for (BlockRequest read : reads) {
            assertThat(read.status()).isEqualTo(Status.OK);
            long[] t = times.get(read.id());
            byte[] data = read.data();
            assertThat(data).as("data of %s", read).isNotNull().hasSize(read.length());
            for (int i = 0; i < read.sectors(); i++) {
                long sector = read.sector() + i;
                int got = SectorPattern.writeIn(data, read.sector(), i);
                assertThat(got).as("sector %d of %s", sector, read)
                        .isIn(allowed(writes.getOrDefault(sector, List.of()), t[0], t[1]));
            }
        }
    }

    /**
     * The writes a read submitted at {@code submitted} and completed at {@code completed} may return: every
     * write (and the initial zeroes) submitted before the read completed, except those that a later write
     * certainly overwrote before the read began (that write started after it completed and completed
     * before the read was submitted).
     */
    private static Set<Integer> allowed(List<Write> writes, long submitted, long completed) {
        List<Write> all = new ArrayList<>(writes);
        all.add(new Write(0, -2, -1));
        Set<Integer> ok = new HashSet<>();
        for (Write w : all) {
            if (w.submitted() > completed) {
                continue;
            }
            boolean overwritten = all.stream().anyMatch(v -> v.submitted() > w.completed() && v.completed() < submitted);
            if (!overwritten) {
                ok.add(w.number());
            }
        }
        return ok;
    }

    @Example
    void withoutConcurrencyAReadReturnsExactlyTheLastWrite() {
        NvmeRig rig = new NvmeRig(2, 1, 1, Map.of("nvme.memory_backed", "true", "nvme.completion", "timer"));
        List<BlockRequest> done = new ArrayList<>();
        byte[] first = SectorPattern.payload(1, 10, 4);
        byte[] second = SectorPattern.payload(2, 12, 1);
        List<BlockRequest> steps = List.of(
                rig.request(Operation.WRITE, 10, 2048, 0, false, first, (c, r) -> done.add(r)),
                rig.request(Operation.WRITE, 12, 512, 0, true, second, (c, r) -> done.add(r)),
                rig.request(Operation.READ, 8, 4096, 0, false, null, (c, r) -> done.add(r)));
        for (int i = 0; i < steps.size(); i++) {
            rig.submitLater(i * 1_000_000L, List.of(steps.get(i)));
        }
        rig.runUntil(10_000_000);
        byte[] data = steps.get(2).data();
        int[] got = new int[8];
        for (int i = 0; i < 8; i++) {
            got[i] = SectorPattern.writeIn(data, 8, i);
        }
        assertThat(got).containsExactly(0, 0, 1, 1, 2, 1, 0, 0);
        assertThat(done).hasSize(3).allMatch(r -> r.status() == Status.OK);
    }

    private void submit(NvmeRig rig, long at, List<BlockRequest> batch, Map<Long, long[]> times) {
        ExecutionContext cpu = rig.cpus.get(batch.get(0).cpu());
        rig.platform.schedule(at, () -> cpu.post(0, () -> {
            for (BlockRequest r : batch) {
                times.put(r.id(), new long[] {sequence++, Long.MAX_VALUE});
            }
            rig.host.submitAll(cpu, batch);
        }));
    }

    private void stamp(Map<Long, long[]> times, BlockRequest r) {
        times.get(r.id())[1] = sequence++;
    }

    private void record(Map<Long, List<Write>> writes, Map<Long, long[]> times, BlockRequest r, int number) {
        stamp(times, r);
        assertThat(r.status()).isEqualTo(Status.OK);
        long[] t = times.get(r.id());
        for (long s = r.sector(); s < r.sector() + r.sectors(); s++) {
            writes.computeIfAbsent(s, k -> new ArrayList<>()).add(new Write(number, t[0], t[1]));
        }
    }
}
