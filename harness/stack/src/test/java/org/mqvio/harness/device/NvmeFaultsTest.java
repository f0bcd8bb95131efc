package org.mqvio.harness.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;

/**
 * Every command completes exactly once under any mix of faults and bad input: bad blocks, random media and
 * internal errors, lost commands the host times out and aborts, stalled commands that complete after the
 * host gave up on them, LBAs past the end, requests NVMe cannot express, GET_ID; in every completion mode,
 * with small queues, a bounded controller, coalescing and either arbitration. Each status is one the
 * request may have, and after the drain every command id is free again.
 */
class NvmeFaultsTest {
    private static final long CAPACITY = 1 << 16;

    /** A generated device configuration (as settings) and workload seed. */
    record Case(Map<String, String> settings, int queues, long seed) {
        @Override
        public String toString() {
            return "queues=" + queues + " seed=" + seed + " " + settings;
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        return Builders.withBuilder(() -> new LinkedHashMap<String, String>())
                .use(Arbitraries.of("none", "timer", "flash")).in((m, v) -> put(m, "nvme.completion", v))
                .use(Arbitraries.of("2", "3", "8", "32")).in((m, v) -> put(m, "nvme.queue_depth", v))
                .use(Arbitraries.of("0", "30000", "200000")).in((m, v) -> put(m, "nvme.timeout_ns", v))
                .use(Arbitraries.of(0.0, 0.05, 0.3)).in((m, v) -> put(m, "nvme.lost_probability", String.valueOf(v)))
                .use(Arbitraries.of(0.0, 0.1, 0.4)).in((m, v) -> put(m, "nvme.stall_probability", String.valueOf(v)))
                .use(Arbitraries.of("0", "50000", "400000")).in((m, v) -> put(m, "nvme.stall_ns", v))
                .use(Arbitraries.of(0.0, 0.1, 0.5)).in((m, v) -> put(m, "nvme.error_probability", String.valueOf(v)))
                .use(Arbitraries.of("", "0-999", "100-163,4000-4003,60000-65535")).in((m, v) -> put(m, "nvme.badblocks", v))
                .use(Arbitraries.of("0", "1", "4")).in((m, v) -> put(m, "nvme.max_active", v))
                .use(Arbitraries.of("rr", "wrr")).in((m, v) -> put(m, "nvme.arbitration", v))
                .use(Arbitraries.of(true, false)).in((m, v) -> {
                    if (v) {
                        put(m, "nvme.irq_coalesce_threshold", "4");
                        put(m, "nvme.irq_coalesce_time_ns", "25000");
                    }
                    return m;
                })
                .use(Arbitraries.of(true, false)).in((m, v) -> put(m, "nvme.memory_backed", String.valueOf(v)))
                .build(m -> {
                    if (m.get("nvme.timeout_ns").equals("0")) {
                        m.put("nvme.lost_probability", "0.0");
                    }
                    m.put("nvme.capacity_sectors", String.valueOf(CAPACITY));
                    m.put("nvme.read_latency_ns", "20000");
                    m.put("nvme.program_latency_ns", "60000");
                    return m;
                })
                .flatMap(m -> Arbitraries.integers().between(1, 3).flatMap(q -> Arbitraries.longs().between(1, 1 << 40)
                        .map(seed -> {
                            Map<String, String> s = new LinkedHashMap<>(m);
                            s.put("nvme.queues", String.valueOf(q));
                            return new Case(s, q, seed);
                        })));
    }

    private static LinkedHashMap<String, String> put(LinkedHashMap<String, String> m, String k, Object v) {
        m.put(k, String.valueOf(v));
        return m;
    }

    @Property(tries = 80)
    void everyRequestCompletesExactlyOnceWithAStatusItMayHave(@ForAll("cases") Case c) {
        NvmeRig rig = new NvmeRig(4, c.queues(), c.seed(), c.settings());
        SplittableRandom random = new SplittableRandom(c.seed());
        List<BlockRequest> all = new ArrayList<>();
        long at = 0;
        for (int b = 0; b < 60; b++) {
            int cpu = random.nextInt(c.queues());
            List<BlockRequest> batch = new ArrayList<>();
            for (int i = 1 + random.nextInt(6); i > 0; i--) {
                batch.add(randomRequest(rig, random, cpu));
            }
            all.addAll(batch);
            rig.submitLater(at, batch);
            at += random.nextLong(30_000);
        }
        rig.runUntil(20_000_000_000L);

        boolean timeouts = !c.settings().get("nvme.timeout_ns").equals("0");
        long timedOut = 0;
        for (BlockRequest r : all) {
            assertThat(rig.host.completionsOf(r.id())).as("completions of %s", r).isEqualTo(1);
            assertThat(r.status()).as("status of %s", r).isIn(allowed(r, timeouts, c.settings()));
            timedOut += r.status() == Status.TIMEOUT ? 1 : 0;
            Statistics.label("status").collect(r.status());
        }
        assertThat(rig.stat("outstanding")).as("command ids still taken after the drain").isZero();
        assertThat(rig.stat("dma_buffers")).as("data buffers still mapped after the drain").isZero();
        assertThat(rig.stat("invalid_completions")).isZero();
        assertThat(rig.stat("completions")).isEqualTo(all.size());
        if (timeouts) {
            // A command past its deadline gets an Abort and ends TIMEOUT if the controller aborted it, or with
            // its own status if it finished first (a late completion).
            assertThat(rig.stat("timeouts")).isEqualTo(timedOut + rig.stat("late_completions"));
            assertThat(rig.stat("aborts")).isEqualTo(rig.stat("timeouts"));
        }
        Statistics.label("status").coverage(k -> {
            k.check(Status.TIMEOUT).count(n -> n > 0);
            k.check(Status.MEDIUM_ERROR).count(n -> n > 0);
            k.check(Status.TARGET_ERROR).count(n -> n > 0);
        });
    }

    private static BlockRequest randomRequest(NvmeRig rig, SplittableRandom random, int cpu) {
        int kind = random.nextInt(20);
        long sector = random.nextInt(8) == 0 ? CAPACITY - random.nextInt(16) : random.nextLong(CAPACITY - 64);
        int bytes = 512 * (1 + random.nextInt(16));
        Operation op = switch (kind) {
            case 0 -> Operation.FLUSH;
            case 1 -> Operation.DISCARD;
            case 2 -> Operation.WRITE_ZEROES;
            case 3 -> Operation.GET_ID;
            case 4, 5, 6, 7, 8, 9 -> Operation.WRITE;
            default -> Operation.READ;
        };
        if (op == Operation.FLUSH) {
            return rig.request(op, 0, 0, cpu, false, null, (ctx, r) -> { });
        }
        if (op == Operation.GET_ID) {
            return rig.request(op, 0, BlockRequest.ID_BYTES, cpu, false, null, (ctx, r) -> { });
        }
        if (op == Operation.READ && random.nextInt(15) == 0) {
            bytes = 0;
        }
        byte[] data = op == Operation.WRITE ? new byte[bytes] : null;
        return rig.request(op, sector, bytes, cpu, op == Operation.WRITE && random.nextBoolean(), data, (ctx, r) -> { });
    }

    /** The statuses request {@code r} may end with under the configured faults. */
    private static Set<Status> allowed(BlockRequest r, boolean timeouts, Map<String, String> s) {
        Set<Status> ok = EnumSet.noneOf(Status.class);
        if (r.operation() == Operation.GET_ID) {
            ok.add(Status.OK);
            return ok;
        }
        if (r.operation().addressesSectors() && r.sectors() == 0) {
            ok.add(Status.NOT_SUPPORTED);
            return ok;
        }
        if (timeouts) {
            ok.add(Status.TIMEOUT);
        }
        if (r.operation().addressesSectors() && r.sector() + r.sectors() > CAPACITY) {
            ok.add(Status.TARGET_ERROR);
            return ok;
        }
        ok.add(Status.OK);
        if (Double.parseDouble(s.get("nvme.error_probability")) > 0) {
            ok.add(Status.MEDIUM_ERROR);
            ok.add(Status.IO_ERROR);
        }
        boolean media = r.operation() == Operation.READ || r.operation() == Operation.WRITE
                || r.operation() == Operation.WRITE_ZEROES;
        if (media && !s.get("nvme.badblocks").isEmpty()) {
            ok.add(Status.MEDIUM_ERROR);
        }
        return ok;
    }
}
