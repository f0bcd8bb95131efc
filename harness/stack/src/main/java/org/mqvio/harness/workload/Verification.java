package org.mqvio.harness.workload;

import java.util.Objects;
import java.util.Optional;

/**
 * What a job does with the data it writes, with fio's meaning (fio's HOWTO, "Verification", and {@code backend.c},
 * {@code verify.c}): the blocks it writes carry fio's verify header and checksum, and are read back and checked after
 * the write phase ({@code do_verify}) or every {@code verify_backlog} writes; and whether the write phase covers the
 * whole device ({@code fill_device}). Verifying needs a device that stores data.
 *
 * @param type          fio's {@code verify}, empty for none
 * @param doVerify      fio's {@code do_verify}: read back after the write phase (default true)
 * @param interval      fio's {@code verify_interval}: bytes per header, 0 for the write block size
 * @param offset        fio's {@code verify_offset}: where in each interval the header is stored, 0 for its start
 * @param pattern       fio's {@code verify_pattern}: the data written instead of random bytes
 * @param fatal         fio's {@code verify_fatal}: stop checking a block at its first bad interval
 * @param backlog       fio's {@code verify_backlog}: verify after every this many writes, 0 only after the phase
 * @param backlogBatch  fio's {@code verify_backlog_batch}: blocks read back each time, 0 for {@code backlog}
 * @param writeSequence fio's {@code verify_write_sequence}: check the header's write number (default true)
 * @param headerSeed    fio's {@code verify_header_seed}: check the header's data seed (default true)
 * @param fillDevice    fio's {@code fill_device}: without a size, the write phase covers the device from the offset
 */
public record Verification(Optional<VerifyType> type, boolean doVerify, int interval, int offset,
                           Optional<VerifyPattern> pattern, boolean fatal, long backlog, long backlogBatch,
                           boolean writeSequence, boolean headerSeed, boolean fillDevice) {
    /** No verification, fio's defaults. */
    public static final Verification NONE = new Verification(Optional.empty(), true, 0, 0, Optional.empty(), false, 0,
            0, true, true, false);

    public Verification {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(pattern, "pattern");
        if (interval < 0 || offset < 0 || backlog < 0 || backlogBatch < 0) {
            throw new IllegalArgumentException("verify_interval, verify_offset, verify_backlog and verify_backlog_batch"
                    + " must be >= 0");
        }
        if (type.isPresent() && (type.get() == VerifyType.PATTERN || type.get() == VerifyType.PATTERN_HDR)
                && pattern.isEmpty()) {
            throw new IllegalArgumentException("verify=" + type.get().fioName() + " needs verify_pattern; allowed: a"
                    + " verify_pattern such as 0xdeadbeef, or another verify type");
        }
        if (offset > 0 && offset < VerifyType.HEADER_BYTES) {
            throw new IllegalArgumentException("verify_offset=" + offset + " is invalid; allowed: 0, or >= "
                    + VerifyType.HEADER_BYTES + " (fio's header size)");
        }
    }

    /** Whether the job verifies: a type is set. */
    public boolean verifies() {
        return type.isPresent();
    }

    /** This with {@code fillDevice}. */
    public Verification withFillDevice(boolean fill) {
        return new Verification(type, doVerify, interval, offset, pattern, fatal, backlog, backlogBatch, writeSequence,
                headerSeed, fill);
    }
}
