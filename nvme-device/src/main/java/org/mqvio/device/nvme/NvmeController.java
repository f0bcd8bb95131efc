package org.mqvio.device.nvme;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;

/**
 * The NVMe controller: the device side of the queue pairs. It fetches commands from the submission queues
 * when the host writes a tail doorbell (and, when it works on at most {@code maxActive} I/O commands at
 * once, whenever one finishes), choosing among I/O queues with its {@link Arbiter}; admin commands are
 * always fetched at once and do not count against {@code maxActive}. It validates each command; runs it
 * through fault injection, its {@link ServiceTime} and, when memory-backed, the {@link Media}; and posts a
 * completion entry to the paired completion queue, raising that queue's {@link InterruptVector}.
 *
 * <p>Commands: Read, Write (FUA), Flush, Write Zeroes, Dataset Management (deallocate) on the I/O queues;
 * Identify (controller and namespace) and Abort on the admin queue. Anything else completes with an NVMe
 * status ({@link NvmeStatus}): never an exception. Statuses: invalid opcode, invalid namespace, invalid
 * field (a bad CNS, a missing or short data buffer, an Abort naming no I/O queue), LBA out of range, and
 * the injected media and internal errors.
 *
 * <p>Inline completion (mode none, null_blk's irqmode 0): entries posted to the completion queue paired
 * with the submission queue whose doorbell is being written raise no interrupt, because the writer reaps
 * them right after; entries posted at any other time (a stalled command, an aborted one) do.
 *
 * <p>Runs in device time: in the doorbell writes and in timers. Not thread-safe by itself; live, its entry
 * points would run under one controller monitor (a device-internal lock, not a modelled cost).
 */
final class NvmeController {
    static final Counter FETCHED = Counter.declare("fetched", Unit.EVENTS, "commands fetched from submission queues");
    static final Counter ACTIVE = Counter.declare("active", Unit.ITEMS, "commands fetched and not yet completed");
    static final Counter SQ_DOORBELLS = Counter.declare("sq_doorbells", Unit.EVENTS,
            "submission queue doorbell writes");
    static final Counter CQ_DOORBELLS = Counter.declare("cq_doorbells", Unit.EVENTS,
            "completion queue doorbell writes");
    static final Counter INVALID_DOORBELLS = Counter.declare("invalid_doorbells", Unit.EVENTS,
            "doorbell writes with an invalid value, ignored");
    static final Counter INTERRUPTS = Counter.declare("interrupts", Unit.EVENTS, "MSI-X interrupts raised");
    static final Counter CQ_WRAPS = Counter.declare("cq_wraps", Unit.EVENTS, "completion queue wrap-arounds");
    static final Counter CQ_FULL = Counter.declare("cq_full", Unit.EVENTS,
            "completions that waited for room in a full completion queue");
    static final Counter LOST = Counter.declare("lost", Unit.EVENTS, "commands lost by fault injection");
    static final Counter STALLED = Counter.declare("stalled", Unit.EVENTS, "commands stalled by fault injection");
    static final Counter ABORTED = Counter.declare("aborted", Unit.EVENTS, "commands aborted");
    static final Counter ABORTS_REFUSED = Counter.declare("aborts_refused", Unit.EVENTS,
            "aborts of commands the controller no longer held");
    static final Counter CACHED_SECTORS = Counter.declare("cached_sectors", Unit.SECTORS,
            "written sectors in the volatile write cache");
    static final Counter DROPPED_SECTORS = Counter.declare("dropped_sectors", Unit.SECTORS,
            "cached sectors lost to power losses");
    private static final CounterSet COUNTERS = CounterSet.of(FETCHED, ACTIVE, SQ_DOORBELLS, CQ_DOORBELLS,
            INVALID_DOORBELLS, INTERRUPTS, CQ_WRAPS, CQ_FULL, LOST, STALLED, ABORTED, ABORTS_REFUSED);
    /** The counters of a memory-backed device: those of the media as well. */
    private static final CounterSet MEDIA_COUNTERS = COUNTERS.and(CACHED_SECTORS, StorageDevice.POWER_LOSSES,
            DROPPED_SECTORS);

    private final Platform platform;
    private final long capacitySectors;
    private final String serial;
    private final boolean writeCache;
    private final Media media;
    private final DmaMemory dma;
    private final ServiceTime service;
    private final FaultInjector faults;
    private final long stallNs;
    private final Arbiter arbiter;
    private final int maxActive;
    private final boolean inlineCompletion;
    private final List<SubmissionQueue> sqs = new ArrayList<>();
    private final List<CompletionQueue> cqs = new ArrayList<>();
    private final List<InterruptVector> vectors = new ArrayList<>();
    private final List<ArrayDeque<CompletionEntry>> waitingForRoom = new ArrayList<>();
    /** Each submission queue's free command slots: grown to the most commands it had in service at once. */
    private final List<ArrayDeque<CommandSlot>> freeSlots = new ArrayList<>();
    private final Map<Long, CommandSlot> lost = new HashMap<>();
    private final Set<Long> abortWhenFetched = new HashSet<>();
    private int active;
    private boolean fetching;
    private int polledCq = -1;

    private long fetched;
    private long posted;
    private long sqDoorbells;
    private long cqDoorbells;
    private long invalidDoorbells;
    private long lostCount;
    private long stalledCount;
    private long aborted;
    private long abortsRefused;
    private long cqFull;

    /** Everything the controller is built from. */
    record Setup(Platform platform, long capacitySectors, String serial, boolean writeCache, Media media,
                 DmaMemory dma, ServiceTime service, FaultInjector faults, long stallNs, Arbiter arbiter,
                 int maxActive, boolean inlineCompletion) {
    }

    NvmeController(Setup s) {
        this.platform = s.platform();
        this.capacitySectors = s.capacitySectors();
        this.serial = s.serial();
        this.writeCache = s.writeCache();
        this.media = s.media();
        this.dma = s.dma();
        this.service = s.service();
        this.faults = s.faults();
        this.stallNs = s.stallNs();
        this.arbiter = s.arbiter();
        this.maxActive = s.maxActive();
        this.inlineCompletion = s.inlineCompletion();
    }

    /**
     * Creates queue pair {@code qid} (0 is the admin pair; I/O pairs follow in order), as Create I/O
     * Completion Queue and Create I/O Submission Queue would, with its interrupt vector.
     */
    void createQueuePair(SubmissionQueue sq, CompletionQueue cq, InterruptVector vector) {
        if (sq.id() != sqs.size() || cq.id() != sq.id()) {
            throw new IllegalArgumentException("queue pairs are created in order: expected id " + sqs.size()
                    + ", got submission queue " + sq.id() + " and completion queue " + cq.id());
        }
        sqs.add(sq);
        cqs.add(cq);
        vectors.add(vector);
        waitingForRoom.add(new ArrayDeque<>());
        freeSlots.add(new ArrayDeque<>());
    }

    /** The host wrote {@code tail} to the tail doorbell of submission queue {@code qid}. */
    void submissionDoorbell(int qid, int tail) {
        if (qid < 0 || qid >= sqs.size() || !sqs.get(qid).ringDoorbell(tail)) {
            invalidDoorbells++;
            return;
        }
        sqDoorbells++;
        int previous = polledCq;
        polledCq = inlineCompletion ? qid : -1;
        try {
            if (maxActive == 0 || qid == 0) {
                drain(qid);
            } else {
                arbitrate();
            }
        } finally {
            polledCq = previous;
        }
    }

    /** The host wrote {@code head} to the head doorbell of completion queue {@code qid}: slots are free again. */
    void completionDoorbell(int qid, int head) {
        if (qid < 0 || qid >= cqs.size() || !cqs.get(qid).ringHeadDoorbell(head)) {
            invalidDoorbells++;
            return;
        }
        cqDoorbells++;
        ArrayDeque<CompletionEntry> waiting = waitingForRoom.get(qid);
        boolean any = false;
        while (!waiting.isEmpty() && cqs.get(qid).post(waiting.peek())) {
            waiting.poll();
            any = true;
        }
        if (any) {
            vectors.get(qid).posted();
        }
    }

    /** A power loss as the media sees it: the volatile write cache is dropped; queues and commands go on. */
    void powerLoss() {
        if (media != null) {
            media.powerLoss();
        }
    }

    /** I/O commands fetched and not yet completed (lost ones included until aborted). */
    int active() {
        return active;
    }

    Statistics statistics() {
        Statistics.Builder m = Statistics.builder(media != null ? MEDIA_COUNTERS : COUNTERS)
                .put(FETCHED, fetched)
                .put(ACTIVE, active)
                .put(SQ_DOORBELLS, sqDoorbells)
                .put(CQ_DOORBELLS, cqDoorbells)
                .put(INVALID_DOORBELLS, invalidDoorbells);
        long interrupts = 0;
        long wraps = 0;
        for (int q = 0; q < cqs.size(); q++) {
            interrupts += vectors.get(q).interrupts();
            wraps += cqs.get(q).wraps();
        }
        m.put(INTERRUPTS, interrupts)
                .put(CQ_WRAPS, wraps)
                .put(CQ_FULL, cqFull)
                .put(LOST, lostCount)
                .put(STALLED, stalledCount)
                .put(ABORTED, aborted)
                .put(ABORTS_REFUSED, abortsRefused);
        if (media != null) {
            m.put(CACHED_SECTORS, media.cachedSectors())
                    .put(StorageDevice.POWER_LOSSES, media.powerLosses())
                    .put(DROPPED_SECTORS, media.droppedSectors());
        }
        return m.build();
    }

    // ---- fetching ----

    /** Unlimited capacity: every published command of the doorbelled queue, in order. */
    private void drain(int qid) {
        SubmissionQueue sq = sqs.get(qid);
        while (sq.available() > 0) {
            execute(fetch(qid));
        }
    }

    /** Fetches the entry at the head of submission queue {@code qid} into a free slot of that queue. */
    private CommandSlot fetch(int qid) {
        CommandSlot slot = freeSlots.get(qid).poll();
        if (slot == null) {
            slot = new CommandSlot(qid, this::served);
        }
        slot.take();
        sqs.get(qid).fetch(slot.command);
        return slot;
    }

    /** Limited capacity: fetch turn by turn, as the arbiter says, while there is room. */
    private void arbitrate() {
        if (fetching) {
            return;
        }
        fetching = true;
        try {
            while (active < maxActive) {
                Arbiter.Grant g = arbiter.next(q -> sqs.get(q).available() > 0);
                if (g == null) {
                    break;
                }
                SubmissionQueue sq = sqs.get(g.qid());
                int n = 0;
                while (n < g.max() && active < maxActive && sq.available() > 0) {
                    n++;
                    execute(fetch(g.qid()));
                }
                arbiter.served(g, n);
            }
        } finally {
            fetching = false;
        }
    }

    private void execute(CommandSlot s) {
        int qid = s.qid;
        Command c = s.command;
        fetched++;
        if (qid == 0) {
            executeAdmin(s);
            return;
        }
        active++;
        if (!abortWhenFetched.isEmpty() && abortWhenFetched.remove(key(qid, c.cid()))) {
            complete(s, NvmeStatus.ABORT_REQUESTED, 0);
            return;
        }
        NvmeStatus invalid = validate(c);
        if (invalid != NvmeStatus.SUCCESS) {
            complete(s, invalid, 0);
            return;
        }
        switch (faults.fate()) {
            case LOST -> {
                lostCount++;
                lost.put(key(qid, c.cid()), s);
            }
            case STALLED -> {
                stalledCount++;
                platform.after(stallNs, () -> serve(s));
            }
            case SERVED -> serve(s);
        }
    }

    /** Serves the command of slot {@code s}; its service time runs the slot ({@link #served}) when it is over. */
    private void serve(CommandSlot s) {
        s.outcome = faults.outcome(s.command);
        service.serve(s.command, s);
    }

    private void served(CommandSlot s) {
        complete(s, s.outcome == NvmeStatus.SUCCESS ? apply(s.command) : s.outcome, 0);
    }

    // ---- I/O commands ----

    private NvmeStatus validate(Command c) {
        switch (c.opcode()) {
            case Opcodes.READ, Opcodes.WRITE, Opcodes.WRITE_ZEROES -> {
                if (c.nsid() != Command.NAMESPACE) {
                    return NvmeStatus.INVALID_NAMESPACE;
                }
                if (!inRange(c.slba(), c.blocks())) {
                    return NvmeStatus.LBA_OUT_OF_RANGE;
                }
                if (media != null && c.opcode() == Opcodes.READ && !hasBuffer(c.prp1(), c.blocks() * (long) Media.SECTOR)) {
                    return NvmeStatus.INVALID_FIELD;
                }
                if (media != null && c.opcode() == Opcodes.WRITE && c.prp1() != 0 && dma.buffer(c.prp1()) == null) {
                    return NvmeStatus.INVALID_FIELD;
                }
                return NvmeStatus.SUCCESS;
            }
            case Opcodes.FLUSH -> {
                return c.nsid() == Command.NAMESPACE || c.nsid() == Command.ALL_NAMESPACES
                        ? NvmeStatus.SUCCESS : NvmeStatus.INVALID_NAMESPACE;
            }
            case Opcodes.DATASET_MANAGEMENT -> {
                if (c.nsid() != Command.NAMESPACE) {
                    return NvmeStatus.INVALID_NAMESPACE;
                }
                if (!hasBuffer(c.prp1(), c.ranges() * (long) DeallocateRanges.BYTES)) {
                    return NvmeStatus.INVALID_FIELD;
                }
                byte[] ranges = dma.buffer(c.prp1());
                for (int i = 0; c.deallocates() && i < c.ranges(); i++) {
                    if (!inRange(DeallocateRanges.start(ranges, i), DeallocateRanges.length(ranges, i))) {
                        return NvmeStatus.LBA_OUT_OF_RANGE;
                    }
                }
                return NvmeStatus.SUCCESS;
            }
            default -> {
                return NvmeStatus.INVALID_OPCODE;
            }
        }
    }

    /** The media work of a valid command that succeeded: move the data. */
    private NvmeStatus apply(Command c) {
        if (media == null) {
            return NvmeStatus.SUCCESS;
        }
        switch (c.opcode()) {
            case Opcodes.READ -> {
                byte[] into = dma.buffer(c.prp1());
                if (into == null) {
                    return NvmeStatus.INVALID_FIELD;
                }
                media.read(c.slba(), c.blocks(), into, 0);
                faults.corruptRead(into, c.blocks() * Media.SECTOR);
            }
            case Opcodes.WRITE -> media.write(c.slba(), c.blocks(), dma.buffer(c.prp1()), c.fua());
            case Opcodes.WRITE_ZEROES -> media.zero(c.slba(), c.blocks(), c.fua());
            case Opcodes.FLUSH -> media.flush();
            case Opcodes.DATASET_MANAGEMENT -> {
                byte[] ranges = dma.buffer(c.prp1());
                for (int i = 0; c.deallocates() && ranges != null && i < c.ranges(); i++) {
                    media.zero(DeallocateRanges.start(ranges, i), DeallocateRanges.length(ranges, i), false);
                }
            }
            default -> {
                return NvmeStatus.INVALID_OPCODE;
            }
        }
        return NvmeStatus.SUCCESS;
    }

    private boolean inRange(long slba, long blocks) {
        return Long.compareUnsigned(slba, capacitySectors) < 0 && blocks <= capacitySectors - slba;
    }

    private boolean hasBuffer(long address, long bytes) {
        byte[] b = dma.buffer(address);
        return b != null && b.length >= bytes;
    }

    // ---- admin commands ----

    private void executeAdmin(CommandSlot s) {
        Command c = s.command;
        switch (c.opcode()) {
            case Opcodes.IDENTIFY -> complete(s, identify(c), 0);
            case Opcodes.ABORT -> {
                int sqid = c.abortSqid();
                if (sqid < 1 || sqid >= sqs.size()) {
                    complete(s, NvmeStatus.INVALID_FIELD, 0);
                } else {
                    boolean done = abort(sqid, c.abortCid());
                    complete(s, NvmeStatus.SUCCESS, done ? 0 : 1);
                }
            }
            default -> complete(s, NvmeStatus.INVALID_OPCODE, 0);
        }
    }

    private NvmeStatus identify(Command c) {
        if (!hasBuffer(c.prp1(), IdentifyData.BYTES)) {
            return NvmeStatus.INVALID_FIELD;
        }
        byte[] into = dma.buffer(c.prp1());
        switch (c.cns()) {
            case Opcodes.CNS_CONTROLLER -> IdentifyData.controller(into, serial, writeCache);
            case Opcodes.CNS_NAMESPACE -> {
                if (c.nsid() != Command.NAMESPACE) {
                    return NvmeStatus.INVALID_NAMESPACE;
                }
                IdentifyData.namespace(into, capacitySectors);
            }
            default -> {
                return NvmeStatus.INVALID_FIELD;
            }
        }
        return NvmeStatus.SUCCESS;
    }

    /**
     * Aborts command {@code cid} of queue {@code sqid} if the controller can: a lost command completes now
     * with "abort requested", one still waiting in its submission queue will when fetched. A command being
     * served cannot be aborted (it completes normally). Returns whether the command was aborted.
     */
    private boolean abort(int sqid, int cid) {
        long key = key(sqid, cid);
        CommandSlot s = lost.remove(key);
        if (s != null) {
            aborted++;
            complete(s, NvmeStatus.ABORT_REQUESTED, 0);
            return true;
        }
        if (sqs.get(sqid).holdsUnfetched(cid)) {
            aborted++;
            abortWhenFetched.add(key);
            return true;
        }
        abortsRefused++;
        return false;
    }

    // ---- completion ----

    /**
     * Completes the command of slot {@code s}: the slot is free again first (its fields are read before), so a
     * fetch that the completion lets happen may take it.
     */
    private void complete(CommandSlot s, NvmeStatus status, int dw0) {
        int qid = s.qid;
        int cid = s.command.cid();
        s.free();
        freeSlots.get(qid).push(s);
        finish(qid, cid, status, dw0);
    }

    private void finish(int qid, int cid, NvmeStatus status, int dw0) {
        posted++;
        post(qid, dw0, sqs.get(qid).head(), cid, status.field());
        if (qid != 0) {
            active--;
            if (maxActive > 0) {
                arbitrate();
            }
        }
    }

    /** Posts the entry to completion queue {@code qid}, or keeps it (as an object) until the queue has room. */
    private void post(int qid, int dw0, int sqHead, int cid, int status) {
        ArrayDeque<CompletionEntry> waiting = waitingForRoom.get(qid);
        if (!waiting.isEmpty() || !cqs.get(qid).post(dw0, sqHead, qid, cid, status)) {
            cqFull++;
            waiting.add(new CompletionEntry(dw0, sqHead, qid, cid, status));
            return;
        }
        if (qid != polledCq) {
            vectors.get(qid).posted();
        }
    }

    private static long key(int qid, int cid) {
        return ((long) qid << 16) | cid;
    }
}
