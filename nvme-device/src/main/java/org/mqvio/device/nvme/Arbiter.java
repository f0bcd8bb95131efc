package org.mqvio.device.nvme;

import java.util.function.IntPredicate;

/**
 * Command arbitration (NVM Express Base 2.0, section 3.4.4): which submission queue the controller fetches
 * from next when it can take more commands. A turn ({@link Grant}) names a queue and how many commands it
 * may give at most, the arbitration burst.
 *
 * <p>Contract: {@link #next} only names a queue for which {@code hasCommands} is true, and returns null
 * when there is none; after fetching, the controller reports how many commands it took with
 * {@link #served}. Not thread-safe: the controller calls it from its fetch loop.
 */
interface Arbiter {

    /** A turn: fetch at most {@code max} commands from submission queue {@code qid}. */
    record Grant(int qid, int max) {
    }

    /** The next turn among the queues with commands, or null if none has any. */
    Grant next(IntPredicate hasCommands);

    /** The controller fetched {@code fetched} commands in {@code grant}. */
    void served(Grant grant, int fetched);

    /** The arbitration burst as a limit: 0 (no limit) becomes {@link Integer#MAX_VALUE}. */
    static int burstLimit(int burst) {
        return burst == 0 ? Integer.MAX_VALUE : burst;
    }
}
