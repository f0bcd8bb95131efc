package org.mqvio.device.nvme;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.DispatchResult;
import org.mqvio.api.Operation;
import org.mqvio.api.Status;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Notifier;
import org.mqvio.api.runtime.NotifierKind;
import org.mqvio.api.runtime.NotifierSpec;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.stats.Counter;
import org.mqvio.api.stats.CounterSet;
import org.mqvio.api.stats.Statistics;
import org.mqvio.api.stats.Unit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NVMe device as the host block layer sees it: Linux's nvme-pci driver over an {@link NvmeController}.
 * Hardware queue {@code i} is I/O queue pair {@code i + 1}; queue pair 0 is the admin queue.
 *
 * <p>Submit ({@code nvme_queue_rq}): a request is accepted if its queue has a command id to spare (else
 * {@link DispatchResult#DEVICE_BUSY}, and {@link BlockLayer#restart} once an id frees); under the queue
 * pair's lock its 64-byte entry is placed in the submission ring with a fresh command id, and the tail
 * doorbell is written once per batch: for the request flagged {@code last}, or at {@link #commit}. GET_ID
 * becomes an Identify on the admin queue; a request NVMe cannot express (no blocks, more than 65536 blocks)
 * completes with {@link Status#NOT_SUPPORTED} without reaching the device.
 *
 * <p>Complete ({@code nvme_irq}): the vector's handler runs on its interrupt context (pinned to the
 * vector's host CPU), takes the queue pair's lock, consumes completion entries while their phase tag is
 * current, maps each command id back to its request and its NVMe status to a block status, writes the
 * completion head doorbell, releases the lock and completes the requests upward, {@code host_complete}
 * each. In mode none the submitter itself reaps right after its doorbell (null_blk's irqmode 0).
 *
 * <p>Timeouts ({@code nvme_timeout}'s first stage): with {@code nvme.timeout_ns}, a command not complete by
 * its deadline gets an Abort and stays in flight: its request completes upward only with the command's own
 * completion entry, {@link Status#TIMEOUT} if the controller aborted it, else whatever status it finished with
 * (the Abort came too late: {@code late_completions}). So a request never completes while the controller may
 * still execute its command: a timed-out write cannot land after a newer one. The command id stays taken until
 * both its own entry and the Abort's have been seen, so the Abort can never hit a later command. There is no
 * second stage (Linux resets the controller when a command times out again): in this model every command an
 * Abort names does complete, a lost one at once, a queued one when fetched, one being served when it ends.
 *
 * <p>Threads: a queue pair's rings, command ids and timeout watch change only under its lock; a context
 * takes one queue lock at a time ({@link LockTurns}); batches are confined to their context. The
 * accept-time reservation ({@code reserved}, taken by every submitting context outside the lock) is an
 * atomic counter and the stopped flag is volatile (a submitter sets the flag and then tries once more, a
 * completion frees and then reads the flag); the statistics counters are adders. The controller is the
 * device side, behind the device monitor ({@link DeviceTime}).
 */
final class NvmeDriver implements StorageDevice {
    private static final Logger LOG = LoggerFactory.getLogger(NvmeDriver.class);
    private static final String[] NOTHING_EXPIRED = new String[0];
    static final Counter ERRORS = Counter.declare("errors", Unit.EVENTS, "commands completed with an error status");
    static final Counter QUEUES = Counter.declare("queues", Unit.ITEMS, "I/O queue pairs");
    static final Counter REJECTED = Counter.declare("rejected", Unit.EVENTS, "requests refused as invalid");
    static final Counter BUSY = Counter.declare("busy", Unit.EVENTS, "dispatches answered busy: the queue was full");
    static final Counter OUTSTANDING = Counter.declare("outstanding", Unit.ITEMS, "command ids in use");
    static final Counter DMA_BUFFERS = Counter.declare("dma_buffers", Unit.ITEMS, "DMA buffers mapped");
    static final Counter INVALID_COMPLETIONS = Counter.declare("invalid_completions", Unit.EVENTS,
            "completion entries naming no command in flight, ignored");
    static final Counter TIMEOUTS = Counter.declare("timeouts", Unit.EVENTS, "commands that timed out");
    static final Counter ABORTS = Counter.declare("aborts", Unit.EVENTS, "aborts sent for timed-out commands");
    static final Counter LATE_COMPLETIONS = Counter.declare("late_completions", Unit.EVENTS,
            "completions of commands that had timed out");
    static final Counter FLASH_OPERATIONS = Counter.declare("flash_operations", Unit.EVENTS, "flash die operations");
    static final Counter DIE_BUSY_NS = Counter.declare("die_busy_ns", Unit.NANOSECONDS, "time flash dies were busy");
    /** What every driver reports first; then counters of the timeouts, faults, flash and media configured. */
    private static final CounterSet COMMON = CounterSet.of(COMMANDS, COMPLETIONS, ERRORS, QUEUES, REJECTED, BUSY,
            OUTSTANDING, DMA_BUFFERS, INVALID_COMPLETIONS, NvmeController.SQ_DOORBELLS, NvmeController.CQ_DOORBELLS,
            NvmeController.INTERRUPTS, NvmeController.CQ_WRAPS);
    private final Platform platform;
    private final NvmeConfig config;
    private final DmaMemory dma = new DmaMemory();
    private final LockTurns turns = new LockTurns();
    /** What a command's record runs once its completion entry was reaped ({@link #completeUpward(InFlight)}). */
    private final Consumer<InFlight> upward = this::completeUpward;
    private final NvmeController controller;
    /**
     * The device's monitor: the controller runs in device time (timers, see {@link DeviceTime}) and in the
     * doorbell writes of the queues' contexts; live, both hold this monitor, a device-internal serialization
     * rather than a modelled cost. The controller never calls the driver back inside it: it only writes
     * completion entries and signals MSI-X notifiers, which never block.
     */
    private final Object device = new Object();
    private final HostQueue admin;
    private final List<HostQueue> io = new ArrayList<>();
    private final boolean inlineCompletion;
    private final long hostCompleteNs;
    /** The completion mode's timing (inside the data path, when data transfers take time). */
    private final ServiceTime mediaTime;
    private final CounterSet counters;
    private BlockLayer blockLayer;

    private final LongAdder accepted = new LongAdder();
    private final LongAdder completions = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder busy = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder abortsSent = new LongAdder();
    private final LongAdder lateCompletions = new LongAdder();
    private final LongAdder invalidCompletions = new LongAdder();

    NvmeDriver(Platform platform, NvmeConfig config) {
        this.platform = Objects.requireNonNull(platform, "platform");
        Platform deviceTime = new DeviceTime(platform, device);
        this.config = config;
        this.inlineCompletion = config.mode() == CompletionMode.NONE && !config.transfer().charged();
        this.hostCompleteNs = platform.costs().get(Cost.HOST_COMPLETE);
        this.mediaTime = mediaTime(deviceTime, config);
        ServiceTime serviceTime = dataPath(deviceTime, config, mediaTime);
        this.counters = counters(config, mediaTime);
        this.controller = new NvmeController(new NvmeController.Setup(deviceTime, config.capacitySectors(),
                config.serial(), config.writeCache(), config.memoryBacked() ? new Media(config.writeCache()) : null,
                dma, serviceTime, faults(deviceTime, config), config.faults().stallNs(),
                arbiter(config), config.maxActive(), inlineCompletion));
        ExecutionContext adminIrq = platform.newContext(
                new ContextSpec("nvme-irq-admin", ContextKind.IRQ, ContextSpec.ANY_CPU, 0));
        this.admin = queuePair(0, -1, config.adminQueueDepth(), adminIrq, "nvme-admin", 0, 0);
        int[] cpus = config.irqCpus();
        for (int q = 0; q < config.queues(); q++) {
            ExecutionContext irq = platform.newContext(new ContextSpec("nvme-irq" + q, ContextKind.IRQ, cpus[q], 0));
            HostQueue hq = queuePair(q + 1, q, config.queueDepth(), irq, "nvme-q" + q, config.coalesceThreshold(),
                    config.coalesceTimeNs());
            if (config.timeoutNs() > 0) {
                hq.watch = new TimeoutWatch(platform, config.timeoutNs(), () -> irq.post(0, () -> checkTimeouts(hq)));
            }
            io.add(hq);
        }
        if (config.powerLossAtNs() > 0) {
            deviceTime.schedule(config.powerLossAtNs(), controller::powerLoss);
        }
    }

    private HostQueue queuePair(int qid, int index, int depth, ExecutionContext irq, String name, int threshold,
                                long coalesceNs) {
        SubmissionQueue sq = new SubmissionQueue(qid, depth);
        CompletionQueue cq = new CompletionQueue(qid, depth);
        HostQueue hq = new HostQueue(qid, index, sq, cq, platform.newLock(name, config.queueLock()), irq, turns,
                this::flush, upward);
        hq.interruptStep = () -> reapInterrupt(hq);
        Notifier msix = platform.newNotifier(new NotifierSpec(name.replace("nvme-", "nvme-msix-"), NotifierKind.MSI,
                0, 0, 0), irq, () -> interrupt(hq));
        controller.createQueuePair(sq, cq, new InterruptVector(new DeviceTime(platform, device), msix, threshold,
                coalesceNs));
        return hq;
    }

    private static ServiceTime dataPath(Platform platform, NvmeConfig c, ServiceTime media) {
        NvmeConfig.Transfer t = c.transfer();
        return t.charged() ? new DataPath(platform, media, t.linkBytesPerSecond(), t.mediaRead(), t.mediaWrite())
                : media;
    }

    private static ServiceTime mediaTime(Platform platform, NvmeConfig c) {
        return switch (c.mode()) {
            case NONE -> ServiceTime.immediate();
            case TIMER -> ServiceTime.timer(platform, c.timerNs());
            case FLASH -> new FlashArray(platform, c.flash().channels(), c.flash().dies(), c.flash().readNs(),
                    c.flash().programNs(), c.flash().transferNs(), c.flash().stripeSectors());
        };
    }

    private static FaultInjector faults(Platform platform, NvmeConfig c) {
        NvmeConfig.Faults f = c.faults();
        return new FaultInjector(f.badBlocks(), f.errorProbability(), f.lostProbability(), f.stallProbability(),
                f.corruptReadProbability(), platform.random("nvme.faults"));
    }

    private static Arbiter arbiter(NvmeConfig c) {
        if (c.arbitration() == NvmeConfig.Arbitration.RR) {
            return new RoundRobinArbiter(c.queues() + 1, c.burst());
        }
        PriorityClass[] byQid = new PriorityClass[c.queues() + 1];
        byQid[0] = PriorityClass.URGENT;
        System.arraycopy(c.priorities(), 0, byQid, 1, c.queues());
        return new WeightedRoundRobinArbiter(byQid, c.weights(), c.burst());
    }

    // ---- BlockDriver ----

    @Override
    public void bind(BlockLayer layer) {
        if (blockLayer != null) {
            throw new IllegalStateException("the NVMe device is already bound to a block layer");
        }
        blockLayer = Objects.requireNonNull(layer, "layer");
    }

    @Override
    public int hardwareQueues() {
        return io.size();
    }

    /** One less than the ring size: a full NVMe ring keeps one slot empty (Linux sets its tag depth so). */
    @Override
    public int queueDepth(int queue) {
        return ioQueue(queue).capacity;
    }

    @Override
    public long capacitySectors() {
        return config.capacitySectors();
    }

    @Override
    public String serial() {
        return config.serial();
    }

    @Override
    public DispatchResult queueRequest(ExecutionContext context, int queue, BlockRequest request, boolean last) {
        HostQueue hq = ioQueue(queue);
        if (request.operation() == Operation.GET_ID) {
            accepted.increment();
            stage(context, admin, InFlight.identify(request, upward), true);
        } else if (!expressible(request)) {
            accepted.increment();
            rejected.increment();
            context.andThen(hostCompleteNs, () -> completeUpward(context, request, Status.NOT_SUPPORTED));
        } else {
            if (!hq.reserve()) {
                hq.stopped = true;
                // A completion may have freed room since, and read the flag before it was set: look again.
                if (!hq.reserve()) {
                    busy.increment();
                    return DispatchResult.DEVICE_BUSY;
                }
            }
            accepted.increment();
            stage(context, hq, ioRecord(hq, request), last);
            return DispatchResult.OK;
        }
        if (last) {
            commit(context, queue);
        }
        return DispatchResult.OK;
    }

    /** Yes: a FUA request becomes a Write with the FUA bit, which the controller makes durable before it completes it. */
    @Override
    public boolean honoursFua() {
        return true;
    }

    @Override
    public void commit(ExecutionContext context, int queue) {
        HostQueue hq = ioQueue(queue);
        HostQueue.Batch batch = hq.batchOf(context);
        if (batch.work.isEmpty() && hq.unrung == 0) {
            return;
        }
        batch.kick = true;
        lockAndFlush(context, hq, batch);
    }

    @Override
    public Statistics statistics() {
        Statistics.Builder m = Statistics.builder(counters)
                .put(COMMANDS, accepted.sum())
                .put(COMPLETIONS, completions.sum())
                .put(ERRORS, errors.sum())
                .put(QUEUES, io.size())
                .put(REJECTED, rejected.sum())
                .put(BUSY, busy.sum());
        long outstanding = admin.ids.inUse();
        for (HostQueue hq : io) {
            outstanding += hq.ids.inUse();
        }
        m.put(OUTSTANDING, outstanding)
                .put(DMA_BUFFERS, dma.mapped())
                .put(INVALID_COMPLETIONS, invalidCompletions.sum());
        Statistics c;
        synchronized (device) {
            c = controller.statistics();
        }
        for (Counter k : List.of(NvmeController.SQ_DOORBELLS, NvmeController.CQ_DOORBELLS, NvmeController.INTERRUPTS,
                NvmeController.CQ_WRAPS)) {
            m.put(k, c.get(k));
        }
        if (config.timeoutNs() > 0) {
            m.put(TIMEOUTS, timeouts.sum())
                    .put(ABORTS, abortsSent.sum())
                    .put(LATE_COMPLETIONS, lateCompletions.sum());
        }
        if (reportsFaults(config)) {
            m.put(NvmeController.LOST, c.get(NvmeController.LOST))
                    .put(NvmeController.STALLED, c.get(NvmeController.STALLED));
        }
        if (mediaTime instanceof FlashArray flash) {
            m.put(FLASH_OPERATIONS, flash.operations())
                    .put(DIE_BUSY_NS, flash.dieBusyNs());
        }
        if (config.memoryBacked()) {
            for (Counter k : List.of(NvmeController.CACHED_SECTORS, StorageDevice.POWER_LOSSES,
                    NvmeController.DROPPED_SECTORS)) {
                m.put(k, c.get(k));
            }
        }
        return m.build();
    }

    /** The counters this driver reports: those of every driver and those of what {@code config} turns on. */
    private static CounterSet counters(NvmeConfig config, ServiceTime serviceTime) {
        CounterSet s = COMMON;
        if (config.timeoutNs() > 0) {
            s = s.and(TIMEOUTS, ABORTS, LATE_COMPLETIONS);
        }
        if (reportsFaults(config)) {
            s = s.and(NvmeController.LOST, NvmeController.STALLED);
        }
        if (serviceTime instanceof FlashArray) {
            s = s.and(FLASH_OPERATIONS, DIE_BUSY_NS);
        }
        if (config.memoryBacked()) {
            s = s.and(NvmeController.CACHED_SECTORS, StorageDevice.POWER_LOSSES, NvmeController.DROPPED_SECTORS);
        }
        return s;
    }

    private static boolean reportsFaults(NvmeConfig config) {
        return config.faults().lostProbability() > 0 || config.faults().stallProbability() > 0;
    }

    private HostQueue ioQueue(int queue) {
        if (queue < 0 || queue >= io.size()) {
            throw new IllegalArgumentException("NVMe queue " + queue + " does not exist; queues: 0.." + (io.size() - 1));
        }
        return io.get(queue);
    }

    /** Whether NVMe can carry the request in one command. */
    private static boolean expressible(BlockRequest r) {
        return switch (r.operation()) {
            case READ, WRITE, WRITE_ZEROES -> r.sectors() >= 1 && r.sectors() <= Command.MAX_BLOCKS;
            case DISCARD -> r.sectors() >= 1;
            case FLUSH, GET_ID -> true;
        };
    }

    // ---- submission ----

    /** The record of a new I/O command for {@code request}: reused, unless the queue watches timeouts. */
    private InFlight ioRecord(HostQueue hq, BlockRequest request) {
        return hq.watch == null ? hq.records.take(request) : InFlight.io(request, upward);
    }

    private void stage(ExecutionContext context, HostQueue hq, InFlight f, boolean kick) {
        HostQueue.Batch batch = hq.batchOf(context);
        batch.work.add(f);
        batch.kick |= kick;
        lockAndFlush(context, hq, batch);
    }

    private void lockAndFlush(ExecutionContext context, HostQueue hq, HostQueue.Batch batch) {
        if (batch.lockPending) {
            return;
        }
        batch.lockPending = true;
        batch.turns.run(hq.lock, batch.flush);
    }

    /** In the lock: place the batch's commands, write the tail doorbell, reap inline in mode none. */
    private void flush(HostQueue.Batch batch) {
        HostQueue hq = batch.queue;
        ExecutionContext context = batch.context;
        batch.lockPending = false;
        for (int i = 0; i < batch.work.size(); i++) {
            hq.backlog.add(batch.work.get(i));
        }
        batch.work.clear();
        boolean kick = batch.kick || hq.isAdmin();
        batch.kick = false;
        while (!hq.backlog.isEmpty() && hq.ids.hasFree()) {
            place(hq, hq.backlog.poll());
        }
        if (kick && hq.unrung > 0) {
            hq.unrung = 0;
            synchronized (device) {
                controller.submissionDoorbell(hq.qid, hq.sq.tail());
            }
        }
        if (inlineCompletion) {
            reap(hq, batch);
        }
        hq.lock.release(context);
        finish(hq, batch);
    }

    private void place(HostQueue hq, InFlight f) {
        int cid = hq.ids.allocate(f);
        place(hq, f, cid);
        hq.unrung++;
        if (hq.watch != null) {
            hq.watch.started(f);
        }
    }

    /**
     * Writes the command of {@code f} into the submission ring with id {@code cid}, mapping its data buffer. Reads,
     * writes and write-zeroes are encoded straight into the ring (one per I/O, no command object); the rest
     * through a {@link Command}.
     */
    private void place(HostQueue hq, InFlight f, int cid) {
        switch (f.kind) {
            case IDENTIFY -> {
                f.buffer = new byte[IdentifyData.BYTES];
                f.address = dma.map(f.buffer);
                hq.sq.place(Command.identify(cid, Opcodes.CNS_CONTROLLER, f.address));
            }
            case ABORT -> hq.sq.place(Command.abort(cid, f.targetQueue.qid, f.target.cid));
            default -> {
                BlockRequest r = f.request;
                int blocks = (int) r.sectors();
                switch (r.operation()) {
                    case READ -> {
                        if (config.memoryBacked()) {
                            f.buffer = new byte[r.length()];
                            f.address = dma.map(f.buffer);
                        }
                        hq.sq.placeBlockCommand(Opcodes.READ, cid, r.sector(), blocks, false, f.address);
                    }
                    case WRITE -> {
                        f.address = config.memoryBacked() ? dma.map(r.data()) : 0;
                        hq.sq.placeBlockCommand(Opcodes.WRITE, cid, r.sector(), blocks, r.fua(), f.address);
                    }
                    case WRITE_ZEROES -> hq.sq.placeBlockCommand(Opcodes.WRITE_ZEROES, cid, r.sector(), blocks, false,
                            0);
                    case DISCARD -> {
                        f.buffer = DeallocateRanges.single(r.sector(), r.sectors());
                        f.address = dma.map(f.buffer);
                        hq.sq.place(Command.deallocate(cid, 1, f.address));
                    }
                    case FLUSH -> hq.sq.place(Command.flush(cid));
                    case GET_ID -> throw new IllegalStateException("GET_ID goes to the admin queue");
                }
            }
        }
    }

    // ---- completion ----

    /** The MSI-X vector's handler, on its interrupt context. */
    private void interrupt(HostQueue hq) {
        hq.irqTurns.run(hq.lock, hq.interruptStep);
    }

    /** The interrupt's step, in the lock on the interrupt context. */
    private void reapInterrupt(HostQueue hq) {
        HostQueue.Batch batch = hq.batchOf(hq.irq);
        reap(hq, batch);
        hq.lock.release(hq.irq);
        finish(hq, batch);
    }

    /**
     * In the lock: consume the completion entries whose phase is current, then write the head doorbell. What
     * they complete goes into {@code batch}, handled by {@link #finish} after the lock.
     */
    private void reap(HostQueue hq, HostQueue.Batch batch) {
        int consumed = 0;
        CompletionEntry e = hq.polled;
        while (hq.cq.poll(e)) {
            consumed++;
            hq.sq.headReported(e.sqHead());
            InFlight f = hq.ids.get(e.cid());
            if (f == null || e.sqid() != hq.qid) {
                invalidCompletions.increment();
                continue;
            }
            dma.unmap(f.address);
            f.address = 0;
            // A timed-out command's id stays taken until its Abort has completed too (abortCompleted). An I/O
            // command's room in the queue is given back when it has completed upward (InFlight#run).
            boolean releasesRoom = false;
            if (--f.holds == 0) {
                hq.ids.release(e.cid());
                if (f.kind == InFlight.Kind.IO) {
                    releasesRoom = true;
                } else {
                    batch.freed++;
                }
            }
            if (f.kind == InFlight.Kind.ABORT) {
                LOG.info("nvme: the Abort of command {} on queue {} completed: {}", f.target.cid, f.targetQueue.qid,
                        (e.dw0() & 1) == 0 ? "the command was aborted" : "the command could not be aborted");
                batch.aborts.add(f);
                continue;
            }
            batch.done.add(completed(f, e, releasesRoom ? hq : null, batch.context));
        }
        if (consumed > 0) {
            synchronized (device) {
                controller.completionDoorbell(hq.qid, hq.cq.head());
            }
            if (hq.watch != null) {
                hq.watch.prune(hq.ids);
            }
        }
    }

    /**
     * Records in {@code f} the block status and data its completion entry gives its request, and where it is to
     * complete upward; returns {@code f}, to run as that continuation.
     */
    private InFlight completed(InFlight f, CompletionEntry e, HostQueue releases, ExecutionContext context) {
        Status status = NvmeStatus.blockStatusOf(e.status()); // Command Abort Requested, and only it: TIMEOUT
        if (f.timedOut && status != Status.TIMEOUT) {
            lateCompletions.increment();
        }
        if (status.isOk() && f.kind == InFlight.Kind.IDENTIFY) {
            f.request.setData(IdentifyData.serialAsId(f.buffer));
        } else if (status.isOk() && f.request.operation() == Operation.READ && f.buffer != null) {
            f.request.setData(f.buffer);
        }
        f.status = status;
        f.releases = releases;
        f.completing = context;
        return f;
    }

    /**
     * Completes the request of {@code f} upward, then gives its room back: as blk-mq frees a request's tag only
     * when the request has ended, the queue never holds more requests accepted and not completed than its depth.
     */
    private void completeUpward(InFlight f) {
        // Everything read first: once the request is handed upward, its layer may hand it (and so this record) back
        // for a new command before the call returns.
        ExecutionContext context = f.completing;
        HostQueue releases = f.releases;
        BlockRequest request = f.request;
        Status status = f.status;
        if (f.reused()) {
            releases.records.give(f);
        }
        completeUpward(context, request, status);
        if (releases != null) {
            releases.reserved.decrementAndGet();
            freed(context, releases);
        }
    }

    /**
     * After the lock: complete upward what {@link #reap} put in {@code batch}, restart a stopped queue, place
     * waiting admin commands; empties the batch's reaped lists for the next pass.
     */
    private void finish(HostQueue hq, HostQueue.Batch batch) {
        ExecutionContext context = batch.context;
        for (int i = 0; i < batch.done.size(); i++) {
            context.andThen(hostCompleteNs, batch.done.get(i));
        }
        batch.done.clear();
        if (batch.freed > 0) {
            batch.freed = 0;
            freed(context, hq);
        }
        for (int i = 0; i < batch.aborts.size(); i++) {
            abortCompleted(context, batch.aborts.get(i));
        }
        batch.aborts.clear();
    }

    private void freed(ExecutionContext context, HostQueue hq) {
        if (hq.isAdmin()) {
            if (!hq.backlog.isEmpty()) {
                HostQueue.Batch batch = hq.batchOf(context);
                lockAndFlush(context, hq, batch);
            }
        } else if (hq.stopped) {
            hq.stopped = false;
            context.andThen(0, () -> blockLayer.restart(context, hq.index));
        }
    }

    private void completeUpward(ExecutionContext context, BlockRequest request, Status status) {
        completions.increment();
        if (!status.isOk()) {
            errors.increment();
        }
        blockLayer.complete(context, request, status);
    }

    // ---- timeouts ----

    /** On the queue's interrupt context, when a deadline passed: send an Abort for each command past it. */
    private void checkTimeouts(HostQueue hq) {
        ExecutionContext irq = hq.irq;
        turns.run(irq, hq.lock, () -> {
            List<InFlight> expired = hq.watch.expire(hq.ids);
            for (InFlight f : expired) {
                f.holds = 2;
            }
            // A command placed in a batch whose doorbell is still to come is invisible to the controller, so
            // its Abort would be refused and, were it then lost, its id would never free: ring the tail first.
            HostQueue.Batch batch = hq.batchOf(irq);
            if (!expired.isEmpty() && hq.unrung > 0) {
                hq.unrung = 0;
                synchronized (device) {
                    controller.submissionDoorbell(hq.qid, hq.sq.tail());
                }
                if (inlineCompletion) {
                    reap(hq, batch);
                }
            }
            // Described while the lock is held: once it is released another CPU may complete an expired command,
            // and its block layer may reuse the request for a new one before the warning below is written.
            String[] described = expired.isEmpty() ? NOTHING_EXPIRED : new String[expired.size()];
            for (int i = 0; i < described.length; i++) {
                described[i] = String.valueOf(expired.get(i).request);
            }
            hq.lock.release(irq);
            finish(hq, batch);
            for (int i = 0; i < described.length; i++) {
                InFlight f = expired.get(i);
                LOG.warn("nvme: command {} ({}) on queue {} timed out after {} ns; sending an Abort", f.cid, described[i],
                        hq.qid, config.timeoutNs());
                timeouts.increment();
                abortsSent.increment();
                stage(irq, admin, InFlight.abort(f, hq), true);
            }
        });
    }

    /**
     * The Abort sent for a timed-out command completed. The command's own completion entry may or may not
     * have been seen yet: its id is freed, under its own queue's lock, once both have.
     */
    private void abortCompleted(ExecutionContext context, InFlight abort) {
        HostQueue hq = abort.targetQueue;
        InFlight target = abort.target;
        turns.run(context, hq.lock, () -> {
            boolean free = --target.holds == 0;
            if (free) {
                hq.ids.release(target.cid);
                hq.reserved.decrementAndGet();
            }
            hq.lock.release(context);
            if (free) {
                freed(context, hq);
            }
        });
    }
}
