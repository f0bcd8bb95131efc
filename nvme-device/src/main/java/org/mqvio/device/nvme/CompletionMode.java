package org.mqvio.device.nvme;

/** When a command completes (null_blk's {@code irqmode}). */
enum CompletionMode {
    /** At once, in the submitting context (irqmode 0). */
    NONE,
    /** After a fixed service time, through the queue's interrupt (irqmode 2). */
    TIMER
}
