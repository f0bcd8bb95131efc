package org.mqvio.device.nvme;

import java.util.function.IntPredicate;

/**
 * Round robin arbitration: every submission queue, the admin queue included, is an equal candidate; the
 * turn passes from queue to queue in id order, each giving at most the arbitration burst (NVM Express Base
 * 2.0, section 3.4.4.1).
 */
final class RoundRobinArbiter implements Arbiter {
    private final int queues;
    private final int burst;
    private int last = -1;

    /**
     * @param queues submission queues, ids {@code 0..queues-1} (0 is the admin queue)
     * @param burst  the arbitration burst, 0 for no limit
     */
    RoundRobinArbiter(int queues, int burst) {
        this.queues = queues;
        this.burst = Arbiter.burstLimit(burst);
    }

    @Override
    public Grant next(IntPredicate hasCommands) {
        for (int i = 1; i <= queues; i++) {
            int q = Math.floorMod(last + i, queues);
            if (hasCommands.test(q)) {
                last = q;
                return new Grant(q, burst);
            }
        }
        return null;
    }

    @Override
    public void served(Grant grant, int fetched) {
    }
}
