package org.mqvio.harness.device;

import java.nio.ByteBuffer;
import org.mqvio.api.BlockRequest;

/**
 * Sector contents that say which write put them there: bytes 0-3 the write's number, bytes 4-11 the
 * sector, the rest a byte derived from both. Number 0 is a sector of zeroes (never written, zeroed or
 * deallocated).
 */
final class SectorPattern {
    private SectorPattern() {
    }

    /** The payload of write number {@code write} over {@code sectors} sectors from {@code first}. */
    static byte[] payload(int write, long first, int sectors) {
        ByteBuffer b = ByteBuffer.allocate(sectors * BlockRequest.SECTOR_SIZE);
        for (int i = 0; i < sectors; i++) {
            int base = i * BlockRequest.SECTOR_SIZE;
            b.putInt(base, write);
            b.putLong(base + 4, first + i);
            for (int k = 12; k < BlockRequest.SECTOR_SIZE; k++) {
                b.put(base + k, filler(write, first + i));
            }
        }
        return b.array();
    }

    /**
     * The write number held by sector {@code index} of {@code data}, which covers sectors from
     * {@code first}.
     *
     * @throws AssertionError if the sector is neither zeroes nor exactly one write's pattern for that sector
     */
    static int writeIn(byte[] data, long first, int index) {
        ByteBuffer b = ByteBuffer.wrap(data);
        int base = index * BlockRequest.SECTOR_SIZE;
        int write = b.getInt(base);
        long sector = first + index;
        for (int k = 0; k < BlockRequest.SECTOR_SIZE; k++) {
            byte expected;
            if (write == 0) {
                expected = 0;
            } else if (k < 4) {
                expected = (byte) (write >>> (24 - 8 * k));
            } else if (k < 12) {
                expected = (byte) (sector >>> (56 - 8 * (k - 4)));
            } else {
                expected = filler(write, sector);
            }
            if (data[base + k] != expected) {
                throw new AssertionError("sector " + sector + " holds garbage at byte " + k + " (write " + write + ")");
            }
        }
        return write;
    }

    private static byte filler(int write, long sector) {
        return (byte) (write * 31 + sector * 7 + 1);
    }
}
