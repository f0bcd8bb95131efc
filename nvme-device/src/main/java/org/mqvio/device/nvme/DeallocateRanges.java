package org.mqvio.device.nvme;

/**
 * The range list of a Dataset Management command (NVM Command Set 1.0, figure 38): 16 bytes per range,
 * context attributes in bytes 0-3, the length in logical blocks in bytes 4-7 (unsigned) and the starting
 * LBA in bytes 8-15.
 */
final class DeallocateRanges {
    /** Bytes per range descriptor. */
    static final int BYTES = 16;

    private DeallocateRanges() {
    }

    /** A buffer holding one range of {@code blocks} blocks from {@code slba}. */
    static byte[] single(long slba, long blocks) {
        byte[] b = new byte[BYTES];
        LittleEndian.putI32(b, 4, (int) blocks);
        LittleEndian.putI64(b, 8, slba);
        return b;
    }

    static long start(byte[] ranges, int index) {
        return LittleEndian.i64(ranges, index * BYTES + 8);
    }

    static long length(byte[] ranges, int index) {
        return Integer.toUnsignedLong(LittleEndian.i32(ranges, index * BYTES + 4));
    }
}
