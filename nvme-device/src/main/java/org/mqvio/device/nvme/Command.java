package org.mqvio.device.nvme;

import java.util.Arrays;

/**
 * One 64-byte NVMe submission queue entry, decoded: the fields this model reads (NVM Express Base 2.0,
 * figure 88, "Common Command Format"). The factories build the commands the host driver sends; any other
 * value may arrive in a ring and is the controller's to reject.
 *
 * <p>Layout (little endian): byte 0 opcode, bytes 2-3 command identifier, bytes 4-7 namespace id, bytes
 * 24-31 PRP entry 1 (the data buffer's address), dwords 10 to 12 at bytes 40, 44 and 48. For Read, Write
 * and Write Zeroes, dwords 10-11 hold the starting LBA, dword 12 bits 15:0 the number of logical blocks
 * minus one and bit 30 force unit access. Dataset Management: dword 10 bits 7:0 the number of ranges minus
 * one, dword 11 bit 2 "attribute deallocate". Identify: dword 10 bits 7:0 the CNS. Abort: dword 10 bits 15:0
 * the submission queue id, bits 31:16 the command id.
 *
 * <p>Mutable, so that the controller decodes each entry it fetches into a command slot of its own, reused
 * once the command's completion is posted ({@link CommandSlot}), rather than into a new object per command.
 * A command is a value only while its owner does not reuse it.
 */
final class Command {
    /** Bytes per submission queue entry. */
    static final int BYTES = 64;
    /** The namespace this model exposes. */
    static final int NAMESPACE = 1;
    /** "Every namespace", allowed for Flush. */
    static final int ALL_NAMESPACES = 0xFFFF_FFFF;
    /** The most logical blocks one Read, Write or Write Zeroes can address (a 16-bit count minus one). */
    static final int MAX_BLOCKS = 1 << 16;

    private static final int OPCODE = 0;
    private static final int CID = 2;
    private static final int NSID = 4;
    private static final int PRP1 = 24;
    private static final int CDW10 = 40;
    private static final int CDW11 = 44;
    private static final int CDW12 = 48;
    private static final int FUA_BIT = 1 << 30;
    private static final int DEALLOCATE_BIT = 1 << 2;

    private int opcode;
    private int cid;
    private int nsid;
    private long prp1;
    private int cdw10;
    private int cdw11;
    private int cdw12;

    /** A command to decode into. */
    Command() {
    }

    /**
     * @param opcode the opcode byte
     * @param cid    the command identifier, unique among the commands in flight on its submission queue
     * @param nsid   the namespace id (1 for the only namespace; all ones for "every namespace")
     * @param prp1   the address of the data buffer in host memory, 0 for none
     * @param cdw10  command dword 10
     * @param cdw11  command dword 11
     * @param cdw12  command dword 12
     */
    Command(int opcode, int cid, int nsid, long prp1, int cdw10, int cdw11, int cdw12) {
        this.opcode = opcode;
        this.cid = cid;
        this.nsid = nsid;
        this.prp1 = prp1;
        this.cdw10 = cdw10;
        this.cdw11 = cdw11;
        this.cdw12 = cdw12;
    }

    int opcode() {
        return opcode;
    }

    int cid() {
        return cid;
    }

    int nsid() {
        return nsid;
    }

    long prp1() {
        return prp1;
    }

    int cdw10() {
        return cdw10;
    }

    int cdw11() {
        return cdw11;
    }

    int cdw12() {
        return cdw12;
    }

    static Command read(int cid, long slba, int blocks, long prp1) {
        return blockCommand(Opcodes.READ, cid, slba, blocks, false, prp1);
    }

    static Command write(int cid, long slba, int blocks, boolean fua, long prp1) {
        return blockCommand(Opcodes.WRITE, cid, slba, blocks, fua, prp1);
    }

    static Command writeZeroes(int cid, long slba, int blocks) {
        return blockCommand(Opcodes.WRITE_ZEROES, cid, slba, blocks, false, 0);
    }

    static Command flush(int cid) {
        return new Command(Opcodes.FLUSH, cid, NAMESPACE, 0, 0, 0, 0);
    }

    /** Dataset Management with {@code ranges} range descriptors at {@code prp1}, attribute deallocate set. */
    static Command deallocate(int cid, int ranges, long prp1) {
        return new Command(Opcodes.DATASET_MANAGEMENT, cid, NAMESPACE, prp1, ranges - 1, DEALLOCATE_BIT, 0);
    }

    static Command identify(int cid, int cns, long prp1) {
        return new Command(Opcodes.IDENTIFY, cid, 0, prp1, cns, 0, 0);
    }

    static Command abort(int cid, int sqid, int targetCid) {
        return new Command(Opcodes.ABORT, cid, 0, 0, (targetCid << 16) | sqid, 0, 0);
    }

    private static Command blockCommand(int opcode, int cid, long slba, int blocks, boolean fua, long prp1) {
        return new Command(opcode, cid, NAMESPACE, prp1, (int) slba, (int) (slba >>> 32), blockDword12(blocks, fua));
    }

    /**
     * Encodes a Read, Write or Write Zeroes at {@code offset} of {@code ring}, as {@link #read} and the others
     * build it and {@link #writeTo} writes it, without the object: the host driver fills its submission ring
     * so, one entry per I/O.
     */
    static void writeBlockCommand(byte[] ring, int offset, int opcode, int cid, long slba, int blocks, boolean fua,
                                  long prp1) {
        write(ring, offset, opcode, cid, NAMESPACE, prp1, (int) slba, (int) (slba >>> 32), blockDword12(blocks, fua));
    }

    private static int blockDword12(int blocks, boolean fua) {
        if (blocks < 1 || blocks > MAX_BLOCKS) {
            throw new IllegalArgumentException("a command addresses 1.." + MAX_BLOCKS + " blocks, not " + blocks);
        }
        return (blocks - 1) | (fua ? FUA_BIT : 0);
    }

    /** Decodes the entry at {@code offset} of {@code ring} into this command. */
    void readFrom(byte[] ring, int offset) {
        opcode = ring[offset + OPCODE] & 0xFF;
        cid = LittleEndian.u16(ring, offset + CID);
        nsid = LittleEndian.i32(ring, offset + NSID);
        prp1 = LittleEndian.i64(ring, offset + PRP1);
        cdw10 = LittleEndian.i32(ring, offset + CDW10);
        cdw11 = LittleEndian.i32(ring, offset + CDW11);
        cdw12 = LittleEndian.i32(ring, offset + CDW12);
    }

    /** Encodes this entry at {@code offset} of {@code ring}; every other byte of the entry is zero. */
    void writeTo(byte[] ring, int offset) {
        write(ring, offset, opcode, cid, nsid, prp1, cdw10, cdw11, cdw12);
    }

    private static void write(byte[] ring, int offset, int opcode, int cid, int nsid, long prp1, int cdw10, int cdw11,
                              int cdw12) {
        Arrays.fill(ring, offset, offset + BYTES, (byte) 0);
        ring[offset + OPCODE] = (byte) opcode;
        LittleEndian.putU16(ring, offset + CID, cid);
        LittleEndian.putI32(ring, offset + NSID, nsid);
        LittleEndian.putI64(ring, offset + PRP1, prp1);
        LittleEndian.putI32(ring, offset + CDW10, cdw10);
        LittleEndian.putI32(ring, offset + CDW11, cdw11);
        LittleEndian.putI32(ring, offset + CDW12, cdw12);
    }

    /** The command id stored in the entry at {@code offset} of {@code ring}, without decoding the rest. */
    static int cidAt(byte[] ring, int offset) {
        return LittleEndian.u16(ring, offset + CID);
    }

    /** Starting LBA (Read, Write, Write Zeroes), unsigned. */
    long slba() {
        return (Integer.toUnsignedLong(cdw11) << 32) | Integer.toUnsignedLong(cdw10);
    }

    /** Number of logical blocks (Read, Write, Write Zeroes), 1 to {@link #MAX_BLOCKS}. */
    int blocks() {
        return (cdw12 & 0xFFFF) + 1;
    }

    /** Force unit access (Write, Write Zeroes). */
    boolean fua() {
        return (cdw12 & FUA_BIT) != 0;
    }

    /** Dataset Management: the number of ranges, 1 to 256. */
    int ranges() {
        return (cdw10 & 0xFF) + 1;
    }

    /** Dataset Management: whether the ranges are to be deallocated. */
    boolean deallocates() {
        return (cdw11 & DEALLOCATE_BIT) != 0;
    }

    /** Identify: the controller or namespace structure asked for. */
    int cns() {
        return cdw10 & 0xFF;
    }

    /** Abort: the submission queue of the command to abort. */
    int abortSqid() {
        return cdw10 & 0xFFFF;
    }

    /** Abort: the command id of the command to abort. */
    int abortCid() {
        return cdw10 >>> 16;
    }

    @Override
    public String toString() {
        return "Command[opcode=" + opcode + ", cid=" + cid + ", nsid=" + nsid + ", prp1=" + prp1 + ", cdw10=" + cdw10
                + ", cdw11=" + cdw11 + ", cdw12=" + cdw12 + "]";
    }
}
