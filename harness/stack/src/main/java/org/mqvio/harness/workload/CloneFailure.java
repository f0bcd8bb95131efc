package org.mqvio.harness.workload;

import java.util.Objects;

/**
 * Why a clone ended early with an error, as fio reports a job's error ({@code td_verror()}): the error number, the
 * function fio names, and the message fio logs.
 *
 * @param errno    the error number fio reports ({@code "error"} in its JSON): 5 (EIO) for a missed minimum rate,
 *                 110 (ETIMEDOUT) for a latency target missed at depth 1, 84 (EILSEQ) for data that failed its
 *                 verification
 * @param error    the error's text ({@code strerror})
 * @param function what fio names as the failing function ({@code check_min_rate}, {@code max latency exceeded})
 * @param message  what fio logs, one or more lines ({@code rate_iops_min=200 not met, got 95 IOPS})
 */
public record CloneFailure(int errno, String error, String function, String message) {
    public CloneFailure {
        Objects.requireNonNull(error, "error");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(message, "message");
    }

    /** A missed {@code rate_min} or {@code rate_iops_min} ({@code check_min_rate()} in fio's {@code backend.c}). */
    static CloneFailure minimumRate(String message) {
        return new CloneFailure(5, "Input/output error", "check_min_rate", message);
    }

    /** A latency target missed at depth 1 ({@code lat_fatal()} in fio's {@code io_u.c}). */
    static CloneFailure latencyTarget(long latNs, long targetNs) {
        return new CloneFailure(110, "Connection timed out", "max latency exceeded", "latency of " + latNs
                + " nsec exceeds specified max (" + targetNs + " nsec)");
    }

    /**
     * A block read back that failed its check ({@code verify_io_u()} in fio's {@code verify.c} returns EILSEQ, and
     * {@code io_u_queued_complete()} in {@code io_u.c} ends the job with it); {@code log} is what fio logs about it.
     */
    static CloneFailure verify(java.util.List<String> log) {
        return new CloneFailure(84, "Invalid or incomplete multibyte or wide character", "io_u_queued_complete",
                String.join("\n", log));
    }
}
