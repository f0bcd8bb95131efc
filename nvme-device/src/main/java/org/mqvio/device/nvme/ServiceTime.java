package org.mqvio.device.nvme;

import org.mqvio.api.runtime.Platform;

/**
 * How long the media takes to serve a valid I/O command: the completion mode's timing. {@link #serve}
 * runs {@code done} exactly once when the command's media work is over, at once (mode none, null_blk's
 * irqmode 0), after a fixed time (mode timer, irqmode 2) or when a NAND array has served it (mode flash,
 * {@link FlashArray}). Timed completions run in device time (a timer), never on a CPU.
 */
interface ServiceTime {

    /** Serves {@code command}, then runs {@code done}. */
    void serve(Command command, Runnable done);

    /** Whether {@link #serve} runs {@code done} at once, in the caller, whatever the command. */
    default boolean isImmediate() {
        return false;
    }

    /** Mode none: done at once, in the caller (the doorbell write). */
    static ServiceTime immediate() {
        return new ServiceTime() {
            @Override
            public void serve(Command command, Runnable done) {
                done.run();
            }

            @Override
            public boolean isImmediate() {
                return true;
            }
        };
    }

    /** Mode timer: done {@code serviceNs} later, whatever the command. */
    static ServiceTime timer(Platform platform, long serviceNs) {
        return (command, done) -> platform.after(serviceNs, done);
    }
}
