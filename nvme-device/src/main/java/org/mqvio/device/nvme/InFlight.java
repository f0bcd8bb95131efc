package org.mqvio.device.nvme;

import java.util.function.Consumer;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Status;
import org.mqvio.api.runtime.ExecutionContext;

/**
 * The host driver's record of one command from the moment it is staged until its command id is free
 * again: what it carries out (a block request, an Identify for GET_ID, or an Abort), its command id, its
 * mapped data buffer, its timeout deadline and whether it timed out.
 *
 * <p>A command that times out gets an Abort and completes upward with its own completion entry; its command id
 * stays taken until both that entry and the completion of the Abort have been seen ({@link #holds}), so that
 * the Abort can never hit a later command that reused the id.
 *
 * <p>Once its completion entry is reaped, the record is also the continuation that completes its request
 * upward on the reaping context ({@link #run}), so a completion costs no object of its own.
 *
 * <p>Reuse: an I/O command's record comes from its queue's {@link IoRecords} and goes back there just before its
 * request is handed upward, once {@link #run} has taken every field it needs; the driver reads nothing of it after
 * that, since the block layer may hand the request, or another, back at once. Queues with a timeout watch do not
 * reuse records: the watch and an Abort may still read a record after its request has completed upward.
 */
final class InFlight implements Runnable {
    /** What the command does. */
    enum Kind { IO, IDENTIFY, ABORT }

    final Kind kind;
    BlockRequest request;
    /** For an Abort: the command it aborts and that command's queue. */
    final InFlight target;
    final HostQueue targetQueue;
    int cid = -1;
    byte[] buffer;
    long address;
    long deadlineNs;
    boolean timedOut;
    /** Completion entries still to be seen before the command id is free: 1, or 2 after a timeout. */
    int holds = 1;
    /** Set when the completion entry is reaped: the request's block status. */
    Status status;
    /** Set when reaped: the queue whose room the request gives back once complete upward, or null. */
    HostQueue releases;
    /** Set when reaped: the context that reaped the entry, where the request completes upward. */
    ExecutionContext completing;
    /** The driver's upward completion of a reaped command; null for an Abort, which completes nothing upward. */
    private final Consumer<InFlight> upward;
    /** Its index among its queue's {@link IoRecords}, or -1 for a record used once. */
    final int index;
    /** While free in its {@link IoRecords}: index + 1 of the next free record, 0 for none. */
    int nextFree;
    /** Whether the command's request has not yet been handed upward (from taking until {@link #completedUpward}). */
    private boolean inFlight = true;

    private InFlight(Kind kind, BlockRequest request, InFlight target, HostQueue targetQueue,
                     Consumer<InFlight> upward, int index) {
        this.kind = kind;
        this.request = request;
        this.target = target;
        this.targetQueue = targetQueue;
        this.upward = upward;
        this.index = index;
    }

    /** The record of one I/O command, used once. */
    static InFlight io(BlockRequest request, Consumer<InFlight> upward) {
        return io(request, upward, -1);
    }

    /** Record {@code index} of a queue's {@link IoRecords}, for its first command. */
    static InFlight io(BlockRequest request, Consumer<InFlight> upward, int index) {
        return new InFlight(Kind.IO, request, null, null, upward, index);
    }

    static InFlight identify(BlockRequest request, Consumer<InFlight> upward) {
        return new InFlight(Kind.IDENTIFY, request, null, null, upward, -1);
    }

    static InFlight abort(InFlight target, HostQueue targetQueue) {
        return new InFlight(Kind.ABORT, null, target, targetQueue, null, -1);
    }

    /** Whether the record belongs to its queue's {@link IoRecords}, to be given back there once done with. */
    boolean reused() {
        return index >= 0;
    }

    /**
     * Makes this I/O record, done with, the record of a new command for {@code request}: every field as new.
     *
     * @throws IllegalStateException if its request has not been handed upward yet (the record is still in use)
     */
    InFlight reuse(BlockRequest request) {
        if (inFlight) {
            throw new IllegalStateException("NVMe record of command " + cid + " (" + this.request
                    + ") taken for " + request + " while still in use");
        }
        inFlight = true;
        this.request = request;
        cid = -1;
        buffer = null;
        address = 0;
        deadlineNs = 0;
        timedOut = false;
        holds = 1;
        status = null;
        releases = null;
        completing = null;
        return this;
    }

    /** The driver has read what it needs and hands the request upward: the record is free for its next command. */
    void completedUpward() {
        inFlight = false;
    }

    /** Completes the reaped command's request upward. */
    @Override
    public void run() {
        upward.accept(this);
    }
}
