package org.mqvio.harness.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * Arbitration on the whole device under saturation: each CPU keeps its own I/O queue full while the
 * controller works on two commands at a time, so commands wait in the submission queues and arbitration
 * decides who is served. Weighted round robin serves the high, medium and low queues in proportion to
 * their weights; an urgent queue is served before all of them; round robin serves every queue equally.
 */
class NvmeArbitrationTest {
    private static final long WARM_UP = 1_000_000;
    private static final long WINDOW = 10_000_000;

    /** Runs three saturated queues, without a link and returns the commands each completed in the window. */
    private static int[] saturate(Map<String, String> extra) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("nvme.queues", "3");
        s.put("nvme.queue_depth", "16");
        s.put("nvme.completion", "timer");
        s.put("nvme.completion_nsec", "10000");
        s.put("nvme.max_active", "2");
        s.put("nvme.link", "none"); // the service rate below is the timer's alone, no data transfer
        s.putAll(extra);
        NvmeRig rig = new NvmeRig(4, 3, 1, s);
        int[] served = new int[3];
        for (int cpu = 0; cpu < 3; cpu++) {
            ExecutionContext context = rig.cpus.get(cpu);
            int c = cpu;
            context.post(0, () -> {
                for (int i = 0; i < 15; i++) {
                    submitForever(rig, context, c, served);
                }
            });
        }
        rig.runUntil(WARM_UP + WINDOW);
        return served;
    }

    private static void submitForever(NvmeRig rig, ExecutionContext cpu, int index, int[] served) {
        BlockRequest r = rig.request(Operation.READ, 8L * index, 4096, index, false, null, (ctx, done) -> {
            long now = rig.platform.nanoTime();
            if (now >= WARM_UP && now < WARM_UP + WINDOW) {
                served[index]++;
            }
            cpu.post(0, () -> submitForever(rig, cpu, index, served));
        });
        rig.host.submitAll(cpu, List.of(r));
    }

    @Property(tries = 12)
    void weightedRoundRobinServesInProportionToTheWeights(@ForAll @IntRange(min = 1, max = 8) int high,
                                                          @ForAll @IntRange(min = 1, max = 8) int medium,
                                                          @ForAll @IntRange(min = 1, max = 8) int low,
                                                          @ForAll @IntRange(min = 0, max = 2) int burstLog) {
        int[] served = saturate(Map.of("nvme.arbitration", "wrr", "nvme.queue_priority", "0=high,1=medium,2=low",
                "nvme.wrr_high_weight", String.valueOf(high), "nvme.wrr_medium_weight", String.valueOf(medium),
                "nvme.wrr_low_weight", String.valueOf(low), "nvme.arbitration_burst", String.valueOf(1 << burstLog)));
        int total = served[0] + served[1] + served[2];
        // Two commands at a time for 10 us each: 200k commands/s, 2000 in the window.
        assertThat(total).isBetween(1990, 2010);
        int[] weights = {high, medium, low};
        int sum = high + medium + low;
        for (int c = 0; c < 3; c++) {
            double expected = (double) total * weights[c] / sum;
            assertThat((double) served[c]).as("class %d served %s of %d, weights %d:%d:%d", c, served[c], total,
                    high, medium, low).isBetween(expected - sum - 2, expected + sum + 2);
        }
    }

    @Example
    void anUrgentQueueIsServedBeforeTheWeightedOnes() {
        int[] served = saturate(Map.of("nvme.arbitration", "wrr", "nvme.queue_priority", "0=low,1=urgent,2=high"));
        assertThat(served[1]).isBetween(1990, 2010);
        assertThat(served[0] + served[2]).isZero();
    }

    @Example
    void roundRobinServesEveryQueueAlike() {
        int[] served = saturate(Map.of("nvme.arbitration", "rr"));
        assertThat(served[0]).isBetween(660, 674);
        assertThat(served[1]).isBetween(660, 674);
        assertThat(served[2]).isBetween(660, 674);
    }
}
