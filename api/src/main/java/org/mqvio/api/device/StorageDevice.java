package org.mqvio.api.device;

import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;

/**
 * A multi-queue storage device: a number of hardware queues with a depth each; it accepts commands on a
 * queue and completes them through that queue's interrupt, by calling
 * {@link org.mqvio.api.block.BlockLayer#complete} on the interrupt's context. A device never lets an
 * exception escape into the host: an invalid command completes with an error status.
 */
public interface StorageDevice extends BlockDriver {
    /** Commands accepted. */
    Counter COMMANDS = Counter.declare("commands", Unit.EVENTS, "commands accepted");
    /** Commands completed. */
    Counter COMPLETIONS = Counter.declare("completions", Unit.EVENTS, "commands completed");
    /** Power losses: reported only by a device that models losing power (and its volatile write cache). */
    Counter POWER_LOSSES = Counter.declare("power_losses", Unit.EVENTS, "power losses");


    /** The identification string served to GET_ID (at most 20 bytes of ASCII). */
    String serial();

    /** Statistics since creation: at least {@link #COMMANDS} and {@link #COMPLETIONS}. */
    Statistics statistics();
}
