package org.mqvio.device.nvme;

import org.mqvio.api.Status;

/**
 * The NVMe statuses the controller reports (NVM Express Base 2.0, section 4.6.1: status code type and
 * status code) and how the host maps each onto a block {@link Status}, as Linux's {@code nvme_error_status}
 * does: invalid opcode, field or namespace are "not supported", LBA out of range is a target error, read
 * and write failures are medium errors, an abort after a host timeout is a timeout, anything else an I/O
 * error.
 */
enum NvmeStatus {
    SUCCESS(0, 0x00, Status.OK),
    INVALID_OPCODE(0, 0x01, Status.NOT_SUPPORTED),
    INVALID_FIELD(0, 0x02, Status.NOT_SUPPORTED),
    INTERNAL_ERROR(0, 0x06, Status.IO_ERROR),
    ABORT_REQUESTED(0, 0x07, Status.TIMEOUT),
    INVALID_NAMESPACE(0, 0x0B, Status.NOT_SUPPORTED),
    LBA_OUT_OF_RANGE(0, 0x80, Status.TARGET_ERROR),
    WRITE_FAULT(2, 0x80, Status.MEDIUM_ERROR),
    UNRECOVERED_READ_ERROR(2, 0x81, Status.MEDIUM_ERROR);

    /** Do Not Retry: bit 14 of the status field, set on every error this model reports. */
    private static final int DNR = 1 << 14;
    /** {@link #values()} once: it copies the array on every call, and every reaped entry is looked up. */
    private static final NvmeStatus[] ALL = values();

    private final int type;
    private final int code;
    private final Status blockStatus;

    NvmeStatus(int type, int code, Status blockStatus) {
        this.type = type;
        this.code = code;
        this.blockStatus = blockStatus;
    }

    /** The 15-bit status field of a completion entry: code in bits 7:0, type in bits 10:8, DNR on errors. */
    int field() {
        return this == SUCCESS ? 0 : (type << 8) | code | DNR;
    }

    /** The block status this NVMe status maps to. */
    Status blockStatus() {
        return blockStatus;
    }

    /** The block status for a status field read from a completion entry; unknown codes are I/O errors. */
    static Status blockStatusOf(int field) {
        int typeAndCode = field & 0x7FF;
        for (NvmeStatus s : ALL) {
            if (((s.type << 8) | s.code) == typeAndCode) {
                return s.blockStatus;
            }
        }
        return Status.IO_ERROR;
    }
}
