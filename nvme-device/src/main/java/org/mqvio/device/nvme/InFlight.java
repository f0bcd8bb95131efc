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
 * upward on the reaping context ({@link #run}), so a completion costs no object of its own. Each command has
 * its own record, never reused, so it may still be read (the timeout watch does) after its id is free.
 */
final class InFlight implements Runnable {
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
    /** Set when the completion entry is reaped: the request's block status. */
    Status status;
    /** Set when reaped: the queue whose room the request gives back once complete upward, or null. */
    HostQueue releases;
    /** Set when reaped: the context that reaped the entry, where the request completes upward. */
    ExecutionContext completing;
    /** The driver's upward completion of a reaped command; null for an Abort, which completes nothing upward. */
    private final Consumer<InFlight> upward;

    private InFlight(Kind kind, BlockRequest request, InFlight target, HostQueue targetQueue,
                     Consumer<InFlight> upward) {
        this.kind = kind;
        this.request = request;
        this.target = target;
        this.targetQueue = targetQueue;
        this.upward = upward;
    }

    static InFlight io(BlockRequest request, Consumer<InFlight> upward) {
        return new InFlight(Kind.IO, request, null, null, upward);
    }

    static InFlight identify(BlockRequest request, Consumer<InFlight> upward) {
        return new InFlight(Kind.IDENTIFY, request, null, null, upward);
    }

    static InFlight abort(InFlight target, HostQueue targetQueue) {
        return new InFlight(Kind.ABORT, null, target, targetQueue, null);
    }

    /** Completes the reaped command's request upward. */
    @Override
    public void run() {
        upward.accept(this);
    }
}
