package org.mqvio.harness.workload;

import org.mqvio.api.BlockRequest;
import org.mqvio.api.Completion;
import org.mqvio.api.Operation;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * fio's {@code io_u}: one of a clone's I/O units, carrying one request from its preparation to its reap, and what
 * fio adds to it: when its submission returned and, for a verifying job, what the I/O is to verification. It is the
 * request's {@link Completion}: a completion (in whatever context completed the request) hands the unit to the
 * clone's {@link CloneReaper}.
 *
 * <p>Reused, as fio reuses its {@code io_u}s: fio allocates a job's units once ({@code init_io_u()} in
 * {@code backend.c}), takes one from the job's free list when it prepares an I/O ({@code get_io_u()} in {@code io_u.c})
 * and puts it back when the I/O has been reaped ({@code put_io_u()}). The clone's {@link CloneReaper} keeps that free
 * list: a unit is taken at {@link CloneReaper#prepared}, and is back on it only after its request completed and the
 * clone reaped it (or when the prepared I/O was abandoned before it was submitted). Its request completes exactly
 * once ({@link BlockRequest#complete} refuses a second completion), so no completion can reach a unit that was
 * given back; a completion for a request the unit does not carry (a unit given back too early) throws.
 *
 * <p>Written on the clone's CPU and read there by the reap, which that CPU runs only after the submission's
 * continuation.
 */
final class IoUnit implements Completion {
    private final CloneReaper reaper;
    /** Whether the unit is taken: between {@link CloneReaper#prepared} and its reap (or abandonment). */
    private boolean inUse;
    /** The request the unit carries, from its submission until the unit is given back; null before. */
    private BlockRequest request;
    /** When the submission returned to the clone, or -1 before. */
    long issueNs = -1;
    /** What the I/O is to verification, and the logged block it writes or reads back. */
    CloneVerifier.Role role = CloneVerifier.Role.PLAIN;
    VerifyLog.Piece piece;

    IoUnit(CloneReaper reaper) {
        this.reaper = reaper;
    }

    /** The request this unit carries; the unit must have been submitted. */
    BlockRequest request() {
        return request;
    }

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

    /** The unit carries {@code r} (whose completion is this unit) to the block layer. */
    void submitted(BlockRequest r) {
        if (!inUse || request != null) {
            throw new IllegalStateException("io_u submitted while " + (inUse ? "carrying " + request : "free"));
        }
        request = r;
    }

    void issued(long nowNs) {
        issueNs = nowNs;
    }

    @Override
    public void completed(ExecutionContext context, BlockRequest done) {
        if (done != request) {
            throw new IllegalStateException("completion of " + done + " reached an io_u that carries "
                    + (request == null ? "no request" : request) + ": the unit was given back while in flight");
        }
        reaper.completed(this);
    }

    /** Taken from the free list. */
    void take() {
        if (inUse) {
            throw new IllegalStateException("io_u taken while in use, carrying " + request);
        }
        inUse = true;
    }

    /** Given back to the free list: it carries nothing any more. */
    void giveBack() {
        if (!inUse) {
            throw new IllegalStateException("io_u given back twice");
        }
        inUse = false;
        request = null;
        issueNs = -1;
        role = CloneVerifier.Role.PLAIN;
        piece = null;
    }
}
