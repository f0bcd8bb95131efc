package org.mqvio.device.nvme;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Arbitration on its own: with every queue always holding commands, weighted round robin gives each class
 * exactly its weight per round whatever the burst, urgent queues and the admin queue go first, round robin
 * is fair, and no arbiter ever names a queue without commands.
 */
class ArbiterTest {

    /** Serves {@code commands} commands; {@code backlog[q]} commands wait on queue q (-1: unlimited). */
    private static int[] serve(Arbiter arbiter, int queues, int[] backlog, int commands) {
        int[] served = new int[queues];
        int[] left = backlog.clone();
        int total = 0;
        while (total < commands) {
            Arbiter.Grant g = arbiter.next(q -> left[q] != 0);
            if (g == null) {
                break;
            }
            assertThat(left[g.qid()]).as("granted queue %d has commands", g.qid()).isNotZero();
            int n = Math.min(g.max(), commands - total);
            if (left[g.qid()] > 0) {
                n = Math.min(n, left[g.qid()]);
                left[g.qid()] -= n;
            }
            served[g.qid()] += n;
            total += n;
            arbiter.served(g, n);
        }
        return served;
    }

    @Property(tries = 300)
    void weightedClassesGetTheirWeightPerRound(@ForAll @IntRange(min = 1, max = 16) int high,
                                               @ForAll @IntRange(min = 1, max = 16) int medium,
                                               @ForAll @IntRange(min = 1, max = 16) int low,
                                               @ForAll @IntRange(min = 0, max = 4) int burstLog,
                                               @ForAll @IntRange(min = 1, max = 20) int rounds) {
        PriorityClass[] classes = {PriorityClass.URGENT, PriorityClass.HIGH, PriorityClass.MEDIUM, PriorityClass.LOW,
                PriorityClass.HIGH};
        int burst = burstLog == 4 ? 0 : 1 << burstLog;
        WeightedRoundRobinArbiter wrr = new WeightedRoundRobinArbiter(classes, new int[] {high, medium, low}, burst);
        int[] backlog = {0, -1, -1, -1, -1};
        int[] served = serve(wrr, 5, backlog, rounds * (high + medium + low));
        assertThat(served[1] + served[4]).as("high class").isEqualTo(rounds * high);
        assertThat(served[2]).as("medium class").isEqualTo(rounds * medium);
        assertThat(served[3]).as("low class").isEqualTo(rounds * low);
        assertThat(served[1]).as("both high queues get turns").isPositive();
        assertThat(served[4]).isEqualTo(rounds * high - served[1]);
    }

    @Example
    void adminThenUrgentGoFirstAndAnIdleClassGivesUpItsShare() {
        PriorityClass[] classes = {PriorityClass.URGENT, PriorityClass.URGENT, PriorityClass.HIGH, PriorityClass.LOW};
        WeightedRoundRobinArbiter wrr = new WeightedRoundRobinArbiter(classes, new int[] {8, 4, 1}, 1);
        int[] served = serve(wrr, 4, new int[] {3, 5, -1, -1}, 8);
        assertThat(served).containsExactly(3, 5, 0, 0);
        served = serve(wrr, 4, new int[] {0, 0, 0, -1}, 10);
        assertThat(served).as("low alone takes everything").containsExactly(0, 0, 0, 10);
        assertThat(wrr.next(q -> false)).isNull();
    }

    @Property(tries = 100)
    void roundRobinIsFairAmongBusyQueues(@ForAll @IntRange(min = 1, max = 8) int queues,
                                         @ForAll @IntRange(min = 0, max = 3) int burstLog,
                                         @ForAll @IntRange(min = 1, max = 30) int laps) {
        int burst = 1 << burstLog;
        int[] backlog = new int[queues];
        Arrays.fill(backlog, -1);
        int[] served = serve(new RoundRobinArbiter(queues, burst), queues, backlog, laps * queues * burst);
        assertThat(served).containsOnly(laps * burst);
    }
}
