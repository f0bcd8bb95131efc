package org.mqvio.virtio.blk;

import org.mqvio.api.Operation;
import org.mqvio.api.Status;

/**
 * virtio-blk's request format (virtio 1.x, section 5.2.6): a 16-byte header (le32 type, le32 reserved,
 * le64 sector in 512-byte units), the data buffers, and a one-byte status written by the device.
 */
public final class VirtioBlkProtocol {
    /** Size of the request header in bytes. */
    public static final int HEADER_BYTES = 16;
    /** Offset of the le64 sector field in the header. */
    public static final int HEADER_SECTOR_OFFSET = 8;

    public static final int T_IN = 0;
    public static final int T_OUT = 1;
    public static final int T_FLUSH = 4;
    public static final int T_GET_ID = 8;
    public static final int T_DISCARD = 11;
    public static final int T_WRITE_ZEROES = 13;

    public static final int S_OK = 0;
    public static final int S_IOERR = 1;
    public static final int S_UNSUPP = 2;

    private VirtioBlkProtocol() {
    }

    /** The request type a guest writes for {@code operation}. */
    public static int typeOf(Operation operation) {
        return switch (operation) {
            case READ -> T_IN;
            case WRITE -> T_OUT;
            case FLUSH -> T_FLUSH;
            case GET_ID -> T_GET_ID;
            case DISCARD -> T_DISCARD;
            case WRITE_ZEROES -> T_WRITE_ZEROES;
        };
    }

    /** The operation for a request type, or null for a type the device does not support. */
    public static Operation operationOf(long type) {
        return switch ((int) type) {
            case T_IN -> Operation.READ;
            case T_OUT -> Operation.WRITE;
            case T_FLUSH -> Operation.FLUSH;
            case T_GET_ID -> Operation.GET_ID;
            case T_DISCARD -> Operation.DISCARD;
            case T_WRITE_ZEROES -> Operation.WRITE_ZEROES;
            default -> null;
        };
    }

    /** The status byte the device writes for a block-layer status. */
    public static int statusByte(Status status) {
        return switch (status) {
            case OK -> S_OK;
            case NOT_SUPPORTED -> S_UNSUPP;
            default -> S_IOERR;
        };
    }

    /** The block-layer status the guest reads from a status byte. */
    public static Status statusOf(int statusByte) {
        return switch (statusByte) {
            case S_OK -> Status.OK;
            case S_UNSUPP -> Status.NOT_SUPPORTED;
            default -> Status.IO_ERROR;
        };
    }
}
