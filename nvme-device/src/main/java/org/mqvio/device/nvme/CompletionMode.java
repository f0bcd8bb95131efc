package org.mqvio.device.nvme;

/** When a command completes (null_blk's {@code irqmode}, plus a NAND model). */
enum CompletionMode {
    /** At once, in the submitting context (irqmode 0). */
    NONE,
    /** After a fixed service time, through the queue's interrupt (irqmode 2). */
    TIMER,
    /** When a NAND array of dies and channels has served it, through the queue's interrupt. */
    FLASH
}
