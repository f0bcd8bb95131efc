package org.mqvio.harness.blocklayer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.PlatformLock;
import org.mqvio.harness.sim.SimLock;

/**
 * What the single-queue layer does beyond what the in-tree layers share ({@link BlockLayerBehaviour}): one queue,
 * one lock, and what the lock costs.
 */
class SingleQueueBehaviourTest {

    private static SimLock queueLock(Rig rig) {
        return rig.platform.locks().stream().filter(l -> l.name().startsWith("single-queue")).findFirst().orElseThrow();
    }

    private static long holdNs(Rig rig) {
        return queueLock(rig).statistics().get(PlatformLock.HOLD_NS);
    }

    @Test
    void everyRequestGoesThroughOneQueueToHardwareQueueZero() {
        Rig rig = Rig.of("single-queue").cpus(4).driver(d -> d.queues(4)).build();
        for (int cpu = 0; cpu < 4; cpu++) {
            rig.submitAt(1_000 + cpu, cpu, List.of(rig.request(Operation.READ, 100L * cpu, 1, cpu)));
        }
        rig.drain();
        assertThat(rig.driver.arrivals).hasSize(4).allMatch(a -> a.queue() == 0);
    }

    @Test
    void submitDispatchAndCompletionTakeTheQueueLockForTheirHoldTimesAndTheLinesMove() {
        Rig rig = Rig.of("single-queue").set("single-queue.lock", "mcs").build();
        rig.submitAt(1_000, 0, List.of(rig.request(Operation.READ, 5, 1, 0)));
        rig.drain();
        long uncontended = rig.platform.costs().get(Cost.LOCK_UNCONTENDED);
        long line = rig.platform.costs().get(Cost.LOCK_HANDOFF);
        assertThat(queueLock(rig).statistics().get(PlatformLock.ACQUISITIONS)).as("a round to submit and dispatch, one to finish")
                .isEqualTo(2);
        assertThat(rig.stat("lock_rounds")).isEqualTo(2);
        assertThat(rig.stat("lock_bounces")).as("the second round ran on the interrupt context").isEqualTo(1);
        assertThat(holdNs(rig)).isEqualTo(2 * uncontended + 200 + 100 + 150 + 8 * line);
    }

    @Test
    void oneCpuKeepsTheQueueInItsCacheWhileTwoPullItsLinesBackAndForth() {
        Rig one = Rig.of("single-queue").set("single-queue.lock", "mcs").set("single-queue.hot_lines", 10)
                .completeOnCpu(q -> 0).build();
        one.submitAt(1_000, 0, List.of(one.request(Operation.READ, 5, 1, 0)));
        one.submitAt(500_000, 0, List.of(one.request(Operation.READ, 9, 1, 0)));
        one.drain();
        assertThat(one.stat("lock_bounces")).isZero();

        Rig two = Rig.of("single-queue").cpus(2).set("single-queue.lock", "mcs").set("single-queue.hot_lines", 10)
                .completeOnCpu(q -> 0).build();
        two.submitAt(1_000, 0, List.of(two.request(Operation.READ, 5, 1, 0)));
        two.submitAt(500_000, 1, List.of(two.request(Operation.READ, 9, 1, 1)));
        two.drain();
        assertThat(two.stat("lock_bounces")).as("cpu1 submits after cpu0, cpu0 completes after cpu1").isEqualTo(2);
        assertThat(holdNs(two)).isEqualTo(holdNs(one) + 2 * 10 * two.platform.costs().get(Cost.LOCK_HANDOFF));
    }

    @Test
    void submissionsInOneItemShareOneRoundOfTheLock() {
        Rig rig = Rig.of("single-queue").build();
        rig.submitAt(1_000, 0, List.of(rig.request(Operation.READ, 5, 1, 0), rig.request(Operation.READ, 50, 1, 0),
                rig.request(Operation.READ, 500, 1, 0)));
        rig.drain();
        for (BlockRequest r : rig.submitted) {
            assertThat(rig.completions.get(r)).isEqualTo(1);
        }
        assertThat(rig.driver.arrivals).hasSize(3);
        assertThat(rig.driver.arrivals).extracting(TestDriver.Arrival::last).containsExactly(false, false, true);
        assertThat(queueLock(rig).statistics().get(PlatformLock.ACQUISITIONS)).as("one round to submit, one per completion")
                .isEqualTo(1 + 3);
    }
}
