package org.mqvio.device.nvme;

/**
 * One 16-byte NVMe completion queue entry, decoded (NVM Express Base 2.0, figure 89): dword 0 is
 * command-specific, bytes 8-9 the submission queue head as the controller saw it when it posted the entry,
 * bytes 10-11 the submission queue id, bytes 12-13 the command id, and bytes 14-15 the status field shifted
 * left by one above the phase tag in bit 0.
 *
 * <p>Mutable, so that each side decodes into or encodes from an entry of its own instead of one per
 * completion: the host driver reads every entry it consumes into its queue pair's entry (under the queue's
 * lock, {@link CompletionQueue#poll}), as a driver reads the fields straight from the ring in host memory.
 * An entry is a value only while its owner does not reuse it; one kept longer (the controller's entries
 * that wait for room in a full queue) is a new object.
 */
final class CompletionEntry {
    /** Bytes per completion queue entry. */
    static final int BYTES = 16;

    private static final int DW0 = 0;
    private static final int SQ_HEAD = 8;
    private static final int SQID = 10;
    private static final int CID = 12;
    private static final int STATUS = 14;

    private int dw0;
    private int sqHead;
    private int sqid;
    private int cid;
    private int status;

    /** An entry to decode into. */
    CompletionEntry() {
    }

    /**
     * @param dw0    command-specific result (Abort: bit 0 set if the command was not aborted)
     * @param sqHead the submission queue head pointer when the entry was posted
     * @param sqid   the submission queue the command came from
     * @param cid    the command identifier
     * @param status the 15-bit status field ({@link NvmeStatus#field()})
     */
    CompletionEntry(int dw0, int sqHead, int sqid, int cid, int status) {
        this.dw0 = dw0;
        this.sqHead = sqHead;
        this.sqid = sqid;
        this.cid = cid;
        this.status = status;
    }

    int dw0() {
        return dw0;
    }

    int sqHead() {
        return sqHead;
    }

    int sqid() {
        return sqid;
    }

    int cid() {
        return cid;
    }

    int status() {
        return status;
    }

    /** The phase tag of the entry at {@code offset}: 0 or 1. */
    static int phaseAt(byte[] ring, int offset) {
        return ring[offset + STATUS] & 1;
    }

    /** Decodes the entry at {@code offset} of {@code ring} into this one. */
    void readFrom(byte[] ring, int offset) {
        dw0 = LittleEndian.i32(ring, offset + DW0);
        sqHead = LittleEndian.u16(ring, offset + SQ_HEAD);
        sqid = LittleEndian.u16(ring, offset + SQID);
        cid = LittleEndian.u16(ring, offset + CID);
        status = LittleEndian.u16(ring, offset + STATUS) >>> 1;
    }

    /** Writes this entry with {@code phase} at {@code offset} ({@link #write}). */
    void writeTo(byte[] ring, int offset, int phase) {
        write(ring, offset, phase, dw0, sqHead, sqid, cid, status);
    }

    /**
     * Writes an entry with {@code phase} at {@code offset}. The status half-word, which carries the phase
     * tag, is written last, as a controller must make the entry visible only once it is complete.
     */
    static void write(byte[] ring, int offset, int phase, int dw0, int sqHead, int sqid, int cid, int status) {
        LittleEndian.putI32(ring, offset + DW0, dw0);
        LittleEndian.putI32(ring, offset + 4, 0);
        LittleEndian.putU16(ring, offset + SQ_HEAD, sqHead);
        LittleEndian.putU16(ring, offset + SQID, sqid);
        LittleEndian.putU16(ring, offset + CID, cid);
        LittleEndian.putU16(ring, offset + STATUS, (status << 1) | (phase & 1));
    }

    @Override
    public String toString() {
        return "CompletionEntry[cid=" + cid + ", sqid=" + sqid + ", sqHead=" + sqHead + ", status=" + status + ", dw0="
                + dw0 + "]";
    }
}
