package org.mqvio.device.nvme;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The Identify data structures the controller returns (NVM Express Base 2.0, figure 275, and NVM Command
 * Set 1.0, figure 97), 4096 bytes each, with the fields this model fills: the controller's serial number
 * (bytes 4-23, ASCII padded with spaces), model and firmware, queue entry sizes, one namespace, the
 * optional commands supported (Dataset Management, Write Zeroes) and whether a volatile write cache is
 * present; the namespace's size in 512-byte LBAs and that deallocated blocks read as zeroes.
 */
final class IdentifyData {
    /** Bytes of an Identify data structure. */
    static final int BYTES = 4096;
    /** Length of the serial number field. */
    static final int SERIAL_BYTES = 20;

    private static final int SERIAL = 4;
    private static final int MODEL = 24;
    private static final int MODEL_BYTES = 40;
    private static final int FIRMWARE = 64;
    private static final int FIRMWARE_BYTES = 8;
    private static final int SQES = 512;
    private static final int CQES = 513;
    private static final int NN = 516;
    private static final int ONCS = 520;
    private static final int VWC = 525;
    private static final int ONCS_DSM = 1 << 2;
    private static final int ONCS_WRITE_ZEROES = 1 << 3;

    private static final int NSZE = 0;
    private static final int NCAP = 8;
    private static final int NUSE = 16;
    private static final int DLFEAT = 33;
    private static final int LBAF0 = 128;
    private static final int LBADS_512 = 9;

    private IdentifyData() {
    }

    /** Fills {@code into} with the controller data structure. */
    static void controller(byte[] into, String serial, boolean writeCache) {
        Arrays.fill(into, 0, BYTES, (byte) 0);
        ascii(into, SERIAL, SERIAL_BYTES, serial);
        ascii(into, MODEL, MODEL_BYTES, "mqvio NVMe controller model");
        ascii(into, FIRMWARE, FIRMWARE_BYTES, "0.1.0");
        into[SQES] = 0x66;
        into[CQES] = 0x44;
        LittleEndian.putI32(into, NN, 1);
        LittleEndian.putU16(into, ONCS, ONCS_DSM | ONCS_WRITE_ZEROES);
        into[VWC] = (byte) (writeCache ? 1 : 0);
    }

    /** Fills {@code into} with the namespace data structure for a namespace of {@code blocks} 512-byte LBAs. */
    static void namespace(byte[] into, long blocks) {
        Arrays.fill(into, 0, BYTES, (byte) 0);
        LittleEndian.putI64(into, NSZE, blocks);
        LittleEndian.putI64(into, NCAP, blocks);
        LittleEndian.putI64(into, NUSE, blocks);
        into[DLFEAT] = 1;
        LittleEndian.putI32(into, LBAF0, LBADS_512 << 16);
    }

    /**
     * The serial number in a controller data structure as a block-layer identification string: the 20
     * bytes with their trailing space padding turned into zero padding (virtio-blk's GET_ID convention).
     */
    static byte[] serialAsId(byte[] controllerData) {
        byte[] id = Arrays.copyOfRange(controllerData, SERIAL, SERIAL + SERIAL_BYTES);
        for (int i = id.length - 1; i >= 0 && id[i] == ' '; i--) {
            id[i] = 0;
        }
        return id;
    }

    private static void ascii(byte[] into, int offset, int length, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(into, offset, offset + length, (byte) ' ');
        System.arraycopy(b, 0, into, offset, Math.min(length, b.length));
    }
}
