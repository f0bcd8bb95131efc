package org.mqvio.harness.workload;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.cost.Cost;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * One clone of a fio job on one CPU: keeps {@code iodepth} I/Os in flight (submitted and not yet reaped, as
 * fio counts its depth) until it stops issuing (time limit, I/O amount or number of I/Os), then lets them
 * complete. Each submission pays the guest submit cost on the
 * CPU; its start is the request's creation time (fio's slat starts there). Completion callbacks only record
 * and post: the reap and the next submission run as the CPU's own items, never inside the interrupt handler
 * that completed the request (as fio reaps in task context).
 */
final class FioJob {
    private final int index;
    private final JobSpec spec;
    private final ExecutionContext cpuContext;
    private final int cpu;
    private final BlockLayer blockLayer;
    private final Platform platform;
    private final RandomGenerator random;
    private final long firstBlock;
    private final long spanBlocks;
    private final long stopIssuingAtNs;
    private final CloneRecorder recorder;
    private final Runnable onDone;
    /** fio's own cost per I/O: a guest's on a vCPU, a bare-metal host's otherwise (the native data plane). */
    private final long submitCostNs;
    private final long completeCostNs;
    private final Runnable beginSubmit = this::beginSubmit;
    private final Runnable reapOne = this::reapOne;
    private final Runnable submitOne = this::submitOne;
    private long nextSequentialBlock;
    private long nextId;
    private long issuedBytes;
    private long issuedIos;
    private int inFlight;
    private long pendingStartNs;
    /** Written by the context that completes a request (any thread live), read by this clone's CPU. */
    private volatile long lastCompletionNs;
    private boolean stopped;
    private boolean stoppedByTime;
    private boolean doneReported;

    /**
     * @param index      the clone's index in the run (request ids and the random stream derive from it)
     * @param onDone     run once, when the clone has stopped issuing and reaped its last I/O
     */
    FioJob(int index, JobSpec spec, ExecutionContext cpuContext, int cpu, BlockLayer blockLayer, Platform platform,
           CloneRecorder recorder, Runnable onDone) {
        this.index = index;
        this.spec = spec;
        this.cpuContext = cpuContext;
        this.cpu = cpu;
        this.blockLayer = blockLayer;
        this.platform = platform;
        this.random = spec.randSeed().isPresent()
                ? new SplittableRandom(spec.randSeed().getAsLong() * 0x9E3779B97F4A7C15L + index)
                : platform.random("job" + index);
        long capacityBytes = blockLayer.capacitySectors() * BlockRequest.SECTOR_SIZE;
        if (spec.offsetBytes() >= capacityBytes) {
            throw new IllegalArgumentException("offset=" + spec.offsetBytes() + " is beyond the device's "
                    + capacityBytes + " bytes; allowed: an offset below the capacity");
        }
        long available = capacityBytes - spec.offsetBytes();
        long span = spec.sizeBytes() == 0 ? available : Math.min(spec.sizeBytes(), available);
        this.firstBlock = spec.offsetBytes() / BlockRequest.SECTOR_SIZE;
        this.spanBlocks = span / spec.blockSize();
        if (spanBlocks < 1) {
            throw new IllegalArgumentException("size=" + span + " holds no block of bs=" + spec.blockSize()
                    + "; allowed: a size of at least one block");
        }
        this.stopIssuingAtNs = spec.stopIssuingAtNs();
        this.recorder = recorder;
        this.onDone = onDone;
        boolean inGuest = cpuContext.kind() == ContextKind.VCPU;
        this.submitCostNs = platform.costs().get(inGuest ? Cost.GUEST_SUBMIT : Cost.NATIVE_SUBMIT);
        this.completeCostNs = platform.costs().get(inGuest ? Cost.GUEST_COMPLETE : Cost.NATIVE_COMPLETE);
    }

    void start() {
        for (int i = 0; i < spec.iodepth(); i++) {
            cpuContext.post(0, beginSubmit);
        }
    }

    /** Starts one submission: the guest submit path runs as this item's continuation. */
    private void beginSubmit() {
        if (mustStop(platform.nanoTime())) {
            stop();
            return;
        }
        pendingStartNs = platform.nanoTime();
        cpuContext.andThen(submitCostNs, submitOne);
    }

    private boolean mustStop(long now) {
        if (!stopped && now >= stopIssuingAtNs) {
            stoppedByTime = true;
        }
        return stopped || stoppedByTime
                || (spec.ioLimitBytes() > 0 && issuedBytes >= spec.ioLimitBytes())
                || (spec.numberIos() > 0 && issuedIos >= spec.numberIos());
    }

    private void submitOne() {
        long now = platform.nanoTime();
        if (mustStop(now)) {
            stop();
            return;
        }
        Operation op = nextOperation();
        long block = spec.rw().random() ? random.nextLong(spanBlocks) : nextSequentialBlock++ % spanBlocks;
        BlockRequest r = BlockRequest.builder(op)
                .id(((long) index << 40) | nextId++)
                .sector(firstBlock + block * (spec.blockSize() / BlockRequest.SECTOR_SIZE))
                .length(spec.blockSize())
                .cpu(cpu)
                .createdNs(pendingStartNs)
                .completion((ctx, done) -> completed(done))
                .build();
        issuedBytes += spec.blockSize();
        issuedIos++;
        inFlight++;
        recorder.issued(now, inFlight);
        blockLayer.submit(cpuContext, r);
    }

    private Operation nextOperation() {
        if (spec.rw().mixed()) {
            return random.nextInt(100) < spec.rwmixread() ? Operation.READ : Operation.WRITE;
        }
        return spec.rw().reads() ? Operation.READ : Operation.WRITE;
    }

    private void completed(BlockRequest r) {
        lastCompletionNs = platform.nanoTime();
        recorder.completed(r, lastCompletionNs);
        cpuContext.post(completeCostNs, reapOne);
    }

    /** fio reaps the completion (its depth falls only now, as fio's cur_depth does), then submits the next. */
    private void reapOne() {
        inFlight--;
        beginSubmit();
    }

    /**
     * Stops issuing; once the last I/O in flight is reaped, closes the window (at the time limit, or at the last
     * completion when the clone stopped for its amount) and reports done, once.
     */
    private void stop() {
        stopped = true;
        if (inFlight == 0 && !doneReported) {
            doneReported = true;
            recorder.close(stoppedByTime ? stopIssuingAtNs : lastCompletionNs);
            onDone.run();
        }
    }
}
