package org.mqvio.harness.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;

/**
 * Phase tags and doorbells on the whole device: with tiny queues driven round their rings many times, in
 * every completion mode, with and without interrupt coalescing and a bounded controller, every request
 * completes exactly once and successfully, no completion entry is misread (the driver would count an
 * invalid one), every command id is free at the end, and every queue's completion ring wrapped many times.
 * The admin queue, as small as the I/O queues, carries the GET_IDs mixed in (and queues them in the driver
 * when its few command ids are taken).
 */
class NvmeQueueWrapTest {

    @Property(tries = 40)
    void everyQueueWrapsManyTimesAndEveryCommandCompletesOnce(
            @ForAll @IntRange(min = 1, max = 4) int queues,
            @ForAll @IntRange(min = 2, max = 8) int depth,
            @ForAll @IntRange(min = 0, max = 2) int modeIndex,
            @ForAll boolean coalesce,
            @ForAll @IntRange(min = 0, max = 3) int maxActive,
            @ForAll boolean wrr,
            @ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
        String mode = List.of("none", "timer", "flash").get(modeIndex);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("nvme.queues", String.valueOf(queues));
        settings.put("nvme.queue_depth", String.valueOf(depth));
        settings.put("nvme.admin_queue_depth", String.valueOf(depth));
        settings.put("nvme.completion", mode);
        settings.put("nvme.read_latency_ns", "5000");
        settings.put("nvme.max_active", String.valueOf(maxActive));
        settings.put("nvme.arbitration", wrr ? "wrr" : "rr");
        if (coalesce) {
            settings.put("nvme.irq_coalesce_threshold", "3");
            settings.put("nvme.irq_coalesce_time_ns", "20000");
        }
        NvmeRig rig = new NvmeRig(4, queues, seed, settings);
        SplittableRandom random = new SplittableRandom(seed);
        int perQueue = 30 * depth;
        List<BlockRequest> all = new ArrayList<>();
        for (int cpu = 0; cpu < queues; cpu++) {
            long at = 0;
            for (int sent = 0; sent < perQueue; ) {
                int burst = Math.min(perQueue - sent, 1 + random.nextInt(2 * depth));
                List<BlockRequest> batch = new ArrayList<>();
                for (int i = 0; i < burst; i++) {
                    boolean getId = random.nextInt(6) == 0;
                    batch.add(rig.request(getId ? Operation.GET_ID : Operation.READ, random.nextLong(1 << 20) * 8,
                            getId ? BlockRequest.ID_BYTES : 4096, cpu, false, null, (ctx, r) -> { }));
                }
                all.addAll(batch);
                rig.submitLater(at, batch);
                at += random.nextLong(40_000);
                sent += burst;
            }
        }
        rig.runUntil(2_000_000_000L);

        for (BlockRequest r : all) {
            assertThat(rig.host.completionsOf(r.id())).as("completions of %s", r).isEqualTo(1);
            assertThat(r.status()).isEqualTo(Status.OK);
            if (r.operation() == Operation.GET_ID) {
                assertThat(new String(r.data(), StandardCharsets.US_ASCII)).startsWith("MQVIO-NVME-0001");
            }
        }
        assertThat(rig.stat("invalid_completions")).isZero();
        assertThat(rig.stat("outstanding")).isZero();
        assertThat(rig.stat("dma_buffers")).isZero();
        assertThat(rig.stat("commands")).isEqualTo(all.size());
        assertThat(rig.stat("completions")).isEqualTo(all.size());
        assertThat(rig.stat("sq_doorbells")).isBetween(1L, (long) all.size());
        assertThat(rig.stat("cq_doorbells")).isBetween(1L, (long) all.size());
        // A completion ring of depth entries wraps once per depth entries; the GET_IDs went to the admin ring.
        long ids = all.stream().filter(r -> r.operation() == Operation.GET_ID).count();
        long io = all.size() - ids;
        assertThat(rig.stat("cq_wraps")).isGreaterThanOrEqualTo(io / depth - queues + ids / depth - 1);
        if (!mode.equals("none")) {
            assertThat(rig.stat("interrupts")).isPositive();
        }
    }
}
