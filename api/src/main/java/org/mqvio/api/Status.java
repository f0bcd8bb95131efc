package org.mqvio.api;

/**
 * The outcome of a block request, as the block layer sees it. The set follows Linux's
 * {@code blk_status_t}; virtio-blk's OK/IOERR/UNSUPP and NVMe's status codes map onto it.
 */
public enum Status {
    /** Completed successfully. */
    OK,
    /** The device does not support the operation (virtio-blk UNSUPP, NVMe invalid opcode or field). */
    NOT_SUPPORTED,
    /** The request addressed sectors outside the device (NVMe LBA out of range). */
    TARGET_ERROR,
    /** The medium failed (NVMe unrecovered read error, write fault). */
    MEDIUM_ERROR,
    /** The request did not complete in time and was aborted by the host. */
    TIMEOUT,
    /** Any other I/O error (virtio-blk IOERR, NVMe internal error). */
    IO_ERROR;

    /** Whether this status reports success. */
    public boolean isOk() {
        return this == OK;
    }
}
