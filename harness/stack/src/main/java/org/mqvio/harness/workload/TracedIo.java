package org.mqvio.harness.workload;

import java.util.Objects;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;

/**
 * One I/O of a replayed trace, with the replay options already applied (fio's {@code io_piece}).
 *
 * @param operation   read or write
 * @param offsetBytes where, in bytes from the start of the device, a multiple of 512
 * @param length      bytes, a positive multiple of 512
 * @param delayNs     how long after the previous I/O's issue this one is issued at the earliest (fio's
 *                    {@code ipo->delay}, waited by {@code iolog_delay()} in {@code iolog.c}); 0: as soon as the
 *                    depth allows
 * @param notBeforeNs the earliest issue time from the start of the run (an iolog v2 {@code wait}); 0: none
 */
public record TracedIo(Operation operation, long offsetBytes, int length, long delayNs, long notBeforeNs) {
    public TracedIo {
        Objects.requireNonNull(operation, "operation");
        if (offsetBytes < 0 || offsetBytes % BlockRequest.SECTOR_SIZE != 0) {
            throw new IllegalArgumentException("offset " + offsetBytes + " is invalid; allowed: a multiple of 512 >= 0");
        }
        if (length <= 0 || length % BlockRequest.SECTOR_SIZE != 0) {
            throw new IllegalArgumentException("length " + length + " is invalid; allowed: a positive multiple of 512");
        }
        if (delayNs < 0 || notBeforeNs < 0) {
            throw new IllegalArgumentException("a trace's delays must be >= 0");
        }
    }
}
