package org.mqvio.device.nvme;

/**
 * One 16-byte NVMe completion queue entry, decoded (NVM Express Base 2.0, figure 89): dword 0 is
 * command-specific, bytes 8-9 the submission queue head as the controller saw it when it posted the entry,
 * bytes 10-11 the submission queue id, bytes 12-13 the command id, and bytes 14-15 the status field shifted
 * left by one above the phase tag in bit 0.
 *
 * @param dw0    command-specific result (Abort: bit 0 set if the command was not aborted)
 * @param sqHead the submission queue head pointer when the entry was posted
 * @param sqid   the submission queue the command came from
 * @param cid    the command identifier
 * @param status the 15-bit status field ({@link NvmeStatus#field()})
 */
record CompletionEntry(int dw0, int sqHead, int sqid, int cid, int status) {
    /** Bytes per completion queue entry. */
    static final int BYTES = 16;

    private static final int DW0 = 0;
    private static final int SQ_HEAD = 8;
    private static final int SQID = 10;
    private static final int CID = 12;
    private static final int STATUS = 14;

    /** The phase tag of the entry at {@code offset}: 0 or 1. */
    static int phaseAt(byte[] ring, int offset) {
        return ring[offset + STATUS] & 1;
    }

    static CompletionEntry readFrom(byte[] ring, int offset) {
        return new CompletionEntry(LittleEndian.i32(ring, offset + DW0), LittleEndian.u16(ring, offset + SQ_HEAD),
                LittleEndian.u16(ring, offset + SQID), LittleEndian.u16(ring, offset + CID),
                LittleEndian.u16(ring, offset + STATUS) >>> 1);
    }

    /**
     * Writes the entry with {@code phase} at {@code offset}. The status half-word, which carries the phase
     * tag, is written last, as a controller must make the entry visible only once it is complete.
     */
    void writeTo(byte[] ring, int offset, int phase) {
        LittleEndian.putI32(ring, offset + DW0, dw0);
        LittleEndian.putI32(ring, offset + 4, 0);
        LittleEndian.putU16(ring, offset + SQ_HEAD, sqHead);
        LittleEndian.putU16(ring, offset + SQID, sqid);
        LittleEndian.putU16(ring, offset + CID, cid);
        LittleEndian.putU16(ring, offset + STATUS, (status << 1) | (phase & 1));
    }
}
