package org.mqvio.harness.workload;

import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;

/**
 * What fio's {@code io_u} adds to a clone's request: when its submission returned and, for a verifying job, what
 * the I/O is to verification. Written on the clone's CPU and read there by the reap, which that CPU runs only after
 * the submission's continuation.
 */
final class IoUnit {
    /** When the submission returned to the clone, or -1 before. */
    long issueNs = -1;
    /** What the I/O is to verification, and the logged block it writes or reads back. */
    CloneVerifier.Role role = CloneVerifier.Role.PLAIN;
    VerifyLog.Piece piece;

    /** The data of a verifying job's I/O: a write's verify blocks, a checked read's buffer, or null. */
    byte[] verified(CloneVerifier verifier, Operation op, VerifyLog.Piece readBack, long offset, int length,
                    long startNs) {
        role = readBack != null ? CloneVerifier.Role.CHECKED_READ : verifier.roleOf(op);
        piece = readBack;
        return switch (role) {
            case LOGGED_WRITE -> {
                VerifyLog.Piece[] logged = new VerifyLog.Piece[1];
                byte[] b = verifier.write(offset, length, startNs, logged);
                piece = logged[0];
                yield b;
            }
            case CHECKED_READ -> new byte[length];
            case PLAIN -> null;
        };
    }

    void issued(long nowNs) {
        issueNs = nowNs;
    }

    /** An I/O waiting in one of fio's queues: prepared and not yet submitted, or completed and not yet reaped. */
    record Pending(IoUnit io, BlockRequest request) {
    }
}
