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
 * clone reaped it (or when the prepared I/O was abandoned before it was submitted).
 *
 * <p>The unit owns its request as an {@code io_u} owns its fields for its whole life: the request is built at the
 * unit's first submission and rebuilt ({@link BlockRequest.Builder#rebuild}) for each later one. That is safe by
 * {@link BlockRequest}'s ownership rule: once the block layer has completed the request nothing below touches it,
 * and the clone reads it (its recorder, verification, rate and latency search) only until its reap, after which
 * the unit goes back on the free list; the next I/O the unit carries is prepared later still. A completion reaching
 * a unit that carries nothing (given back too early) throws; one that repeats a completed request's is refused by
 * {@link BlockRequest#complete} until the request is rebuilt.
 *
 * <p>Written on the clone's CPU and read there by the reap, which that CPU runs only after the submission's
 * continuation.
 */
final class IoUnit implements Completion {
    private final CloneReaper reaper;
    /** Whether the unit is taken: between {@link CloneReaper#prepared} and its reap (or abandonment). */
    private boolean inUse;
    /** Whether the unit carries its request: from its submission until the unit is given back. */
    private boolean carrying;
    /** The unit's request, built at its first submission and rebuilt for each later one; null before. */
    private BlockRequest request;
    /** The fields of the unit's next request; kept, like the request, for the unit's life. */
    private final BlockRequest.Builder fields = BlockRequest.builder(Operation.READ);
    /** When the submission returned to the clone, or -1 before. */
    long issueNs = -1;
    /** What the I/O is to verification, and the logged block it writes or reads back. */
    CloneVerifier.Role role = CloneVerifier.Role.PLAIN;
    VerifyLog.Piece piece;

    IoUnit(CloneReaper reaper) {
        this.reaper = reaper;
    }

    /** The request this unit carries; the unit must have been submitted and not yet given back. */
    BlockRequest request() {
        if (!carrying) {
            throw new IllegalStateException("io_u read while it carries no request");
        }
        return request;
    }

    /** Whether the unit carries a request: it was submitted and not given back since. */
    boolean carrying() {
        return carrying;
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

    /**
     * The unit carries a request for {@code op} (whose completion is this unit) to the block layer: its own request,
     * rebuilt with these fields, or built at its first submission. Returns it.
     *
     * @throws IllegalStateException if the unit is free or carries a request already
     */
    BlockRequest submit(Operation op, long id, long sector, int length, int cpu, long createdNs, byte[] data) {
        if (!inUse || carrying) {
            throw new IllegalStateException("io_u submitted while " + (inUse ? "carrying " + request : "free"));
        }
        // Every field is set again each time (fua stays false): the builder holds nothing from the last I/O.
        fields.operation(op).id(id).sector(sector).length(length).cpu(cpu).createdNs(createdNs).data(data)
                .completion(this);
        request = fields.buildOrRebuild(request);
        carrying = true;
        return request;
    }

    void issued(long nowNs) {
        issueNs = nowNs;
    }

    @Override
    public void completed(ExecutionContext context, BlockRequest done) {
        if (!carrying || done != request) {
            throw new IllegalStateException("completion of " + done + " reached an io_u that carries "
                    + (carrying ? request : "no request") + ": the unit was given back while in flight");
        }
        reaper.completed(this);
    }

    /** Taken from the free list. */
    void take() {
        if (inUse) {
            throw new IllegalStateException("io_u taken while in use" + (carrying ? ", carrying " + request : ""));
        }
        inUse = true;
    }

    /** Given back to the free list: it carries nothing any more. */
    void giveBack() {
        if (!inUse) {
            throw new IllegalStateException("io_u given back twice");
        }
        inUse = false;
        carrying = false;
        issueNs = -1;
        role = CloneVerifier.Role.PLAIN;
        piece = null;
    }
}
