package org.mqvio.device.nvme;

/**
 * The NVMe opcodes the model knows (NVM Express Base 2.0, figure 28 for admin commands; NVM Command Set
 * 1.0, figure 18 for I/O commands). Opcodes are plain bytes because a submission entry may carry any value:
 * one the controller does not implement completes with {@link NvmeStatus#INVALID_OPCODE}.
 */
final class Opcodes {
    /** I/O: Flush the volatile write cache. */
    static final int FLUSH = 0x00;
    /** I/O: Write logical blocks. */
    static final int WRITE = 0x01;
    /** I/O: Read logical blocks. */
    static final int READ = 0x02;
    /** I/O: Write Zeroes. */
    static final int WRITE_ZEROES = 0x08;
    /** I/O: Dataset Management (deallocate = discard). */
    static final int DATASET_MANAGEMENT = 0x09;

    /** Admin: Identify. */
    static final int IDENTIFY = 0x06;
    /** Admin: Abort a command. */
    static final int ABORT = 0x08;

    /** Identify CNS: the namespace data structure. */
    static final int CNS_NAMESPACE = 0x00;
    /** Identify CNS: the controller data structure. */
    static final int CNS_CONTROLLER = 0x01;

    private Opcodes() {
    }
}
