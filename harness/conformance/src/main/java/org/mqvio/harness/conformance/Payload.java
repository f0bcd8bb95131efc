package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.List;
import org.mqvio.api.BlockRequest;

/**
 * The data scripted writes carry: every 512-byte sector is stamped with the writing request's id and the
 * sector it is meant for, and the rest of the sector is a pattern derived from both, so the kit can tell
 * from any copy of the data which write it came from, whether it landed on the right sector, and whether a
 * byte of it was damaged. This is how the kit traces a write through every layer to the device.
 */
final class Payload {
    private static final long MAGIC = 0x6D7176696F53544DL;
    private static final int HEADER = 24;

    private Payload() {
    }

    /** The data of {@code request} writing {@code sectors} sectors from {@code firstSector}. */
    static byte[] of(long request, long firstSector, int sectors) {
        byte[] data = new byte[sectors * BlockRequest.SECTOR_SIZE];
        for (int s = 0; s < sectors; s++) {
            int at = s * BlockRequest.SECTOR_SIZE;
            long sector = firstSector + s;
            putLong(data, at, MAGIC);
            putLong(data, at + 8, request);
            putLong(data, at + 16, sector);
            long pattern = mix(request, sector);
            for (int j = HEADER; j < BlockRequest.SECTOR_SIZE; j++) {
                data[at + j] = (byte) (pattern >>> ((j & 7) * 8));
            }
        }
        return data;
    }

    /** What each whole sector of {@code data} holds; a trailing partial sector is ignored. */
    static List<Stamp> read(byte[] data) {
        int sectors = data.length / BlockRequest.SECTOR_SIZE;
        List<Stamp> out = new ArrayList<>(sectors);
        for (int s = 0; s < sectors; s++) {
            out.add(sector(data, s * BlockRequest.SECTOR_SIZE));
        }
        return out;
    }

    private static Stamp sector(byte[] data, int at) {
        if (getLong(data, at) != MAGIC) {
            for (int j = 0; j < BlockRequest.SECTOR_SIZE; j++) {
                if (data[at + j] != 0) {
                    return Stamp.unrecognised();
                }
            }
            return Stamp.zeroes();
        }
        long request = getLong(data, at + 8);
        long sector = getLong(data, at + 16);
        long pattern = mix(request, sector);
        for (int j = HEADER; j < BlockRequest.SECTOR_SIZE; j++) {
            if (data[at + j] != (byte) (pattern >>> ((j & 7) * 8))) {
                return Stamp.unrecognised();
            }
        }
        return Stamp.written(request, sector);
    }

    private static long mix(long request, long sector) {
        long h = (request * 0x9E3779B97F4A7C15L) ^ (sector + 0x632BE59BD9B4E019L);
        h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (b[at + i] & 0xFFL) << (8 * i);
        }
        return v;
    }
}
