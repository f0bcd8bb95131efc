package org.mqvio.device.nvme;

import org.mqvio.api.BlockRequest;

/**
 * The host driver's record of one command from the moment it is staged until its command id is free
 * again: what it carries out (a block request, an Identify for GET_ID, or an Abort), its command id, its
 * mapped data buffer, its timeout deadline and whether it timed out.
 *
 * <p>A command that times out gets an Abort and completes upward with its own completion entry; its command id
 * stays taken until both that entry and the completion of the Abort have been seen ({@link #holds}), so that
 * the Abort can never hit a later command that reused the id.
 */
final class InFlight {
    /** What the command does. */
    enum Kind { IO, IDENTIFY, ABORT }

    final Kind kind;
    final BlockRequest request;
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

    private InFlight(Kind kind, BlockRequest request, InFlight target, HostQueue targetQueue) {
        this.kind = kind;
        this.request = request;
        this.target = target;
        this.targetQueue = targetQueue;
    }

    static InFlight io(BlockRequest request) {
        return new InFlight(Kind.IO, request, null, null);
    }

    static InFlight identify(BlockRequest request) {
        return new InFlight(Kind.IDENTIFY, request, null, null);
    }

    static InFlight abort(InFlight target, HostQueue targetQueue) {
        return new InFlight(Kind.ABORT, null, target, targetQueue);
    }
}
