package org.mqvio.api;

/**
 * What a block request asks the storage to do. The set is virtio-blk's (virtio 1.x, section 5.2.6) and
 * maps one to one onto Linux's {@code REQ_OP_*} and onto NVMe I/O commands.
 */
public enum Operation {
    /** Read {@code length} bytes starting at {@code sector} (virtio-blk IN, NVMe Read). */
    READ(true, false),
    /** Write {@code length} bytes starting at {@code sector} (virtio-blk OUT, NVMe Write). */
    WRITE(true, true),
    /** Make every write completed before this request was submitted durable. Carries no data. */
    FLUSH(false, true),
    /** Tell the device the range is no longer needed (virtio-blk DISCARD, NVMe deallocate). */
    DISCARD(false, true),
    /** Set the range to zeroes without transferring data (virtio-blk WRITE_ZEROES). */
    WRITE_ZEROES(false, true),
    /** Return the device's identification string (virtio-blk GET_ID, 20 bytes; NVMe Identify). */
    GET_ID(true, false);

    private final boolean transfersData;
    private final boolean modifies;

    Operation(boolean transfersData, boolean modifies) {
        this.transfersData = transfersData;
        this.modifies = modifies;
    }

    /** Whether the request moves a data buffer between host and device. */
    public boolean transfersData() {
        return transfersData;
    }

    /** Whether the request changes what the device stores (or its durability). */
    public boolean modifies() {
        return modifies;
    }

    /** Whether the request addresses a sector range of the device. */
    public boolean addressesSectors() {
        return this == READ || this == WRITE || this == DISCARD || this == WRITE_ZEROES;
    }
}
