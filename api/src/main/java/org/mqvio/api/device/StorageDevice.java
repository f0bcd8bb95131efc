package org.mqvio.api.device;

import java.util.Map;
import org.mqvio.api.block.BlockDriver;

/**
 * A multi-queue storage device: a number of hardware queues with a depth each; it accepts commands on a
 * queue and completes them through that queue's interrupt, by calling
 * {@link org.mqvio.api.block.BlockLayer#complete} on the interrupt's context. A device never lets an
 * exception escape into the host: an invalid command completes with an error status.
 */
public interface StorageDevice extends BlockDriver {

    /** The identification string served to GET_ID (at most 20 bytes of ASCII). */
    String serial();

    /** Statistics: at least {@code commands} and {@code completions}. */
    Map<String, Long> statistics();
}
