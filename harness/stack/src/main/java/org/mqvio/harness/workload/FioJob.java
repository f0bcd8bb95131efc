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
 * One clone of a fio job on one CPU: keeps {@code iodepth} I/Os in flight (prepared and not yet reaped, as
 * fio counts its depth) until it stops issuing (time limit, I/O amount or number of I/Os), then lets them
 * complete.
 *
 * <p>Latency is stamped where fio with an asynchronous engine such as libaio stamps it (fio's HOWTO, "slat",
 * "clat", "lat"):
 * <ul>
 *   <li>start: when the I/O is prepared, before the submit path's cost (fio stamps {@code start_time} at the
 *       end of {@code get_io_u()} in {@code io_u.c}, and its depth counts the I/O from there);</li>
 *   <li>issue: when the submission returns to the clone, after the block layer's whole submit path on this
 *       CPU (locks, plug flush, kick) has run as the submitting item's continuation (libaio's commit stamps
 *       {@code issue_time} when {@code io_submit} has returned, {@code fio_libaio_queued()} in
 *       {@code engines/libaio.c}; {@code io_u_queued()} in {@code io_u.c} takes slat = issue - start);</li>
 *   <li>reap: when this clone's CPU runs fio's reap of the completion. The completion callback (in whatever
 *       context completed the request: an interrupt handler, an IoThread) only posts the reap to the clone's
 *       CPU, behind what that CPU already has to run; the reap costs the existing {@code guest_complete}
 *       ({@code native_complete} on bare metal) and its time is stamped when that cost has been paid. fio
 *       stamps once {@code td_io_getevents()} has returned ({@code init_icd()} called from
 *       {@code io_u_queued_complete()} in {@code io_u.c}), and {@code account_io_completion()} takes
 *       clat = reap - issue and lat = reap - start; the I/O leaves the depth there ({@code put_io_u()}).</li>
 * </ul>
 * So lat = slat + clat, and I/Os per second times mean lat is the mean depth (Little's law).
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
    private final Runnable submitOne = this::submitOne;
    private long nextSequentialBlock;
    private long nextId;
    private long issuedBytes;
    private long issuedIos;
    private int inFlight;
    private long pendingStartNs;
    private long lastReapNs;
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

    /** Prepares one I/O (fio's depth counts it from here); the guest submit path runs as this item's continuation. */
    private void beginSubmit() {
        long now = platform.nanoTime();
        if (mustStop(now)) {
            stop();
            return;
        }
        pendingStartNs = now;
        inFlight++;
        recorder.depthChanged(now, inFlight);
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
            inFlight--;
            recorder.depthChanged(now, inFlight);
            stop();
            return;
        }
        Operation op = nextOperation();
        IoUnit io = new IoUnit();
        long block = spec.rw().random() ? random.nextLong(spanBlocks) : nextSequentialBlock++ % spanBlocks;
        BlockRequest r = BlockRequest.builder(op)
                .id(((long) index << 40) | nextId++)
                .sector(firstBlock + block * (spec.blockSize() / BlockRequest.SECTOR_SIZE))
                .length(spec.blockSize())
                .cpu(cpu)
                .createdNs(pendingStartNs)
                .completion((ctx, done) -> completed(io, done))
                .build();
        issuedBytes += spec.blockSize();
        issuedIos++;
        recorder.issued(now, inFlight);
        blockLayer.submit(cpuContext, r);
        cpuContext.andThen(0, () -> io.issued(platform.nanoTime()));
    }

    private Operation nextOperation() {
        if (spec.rw().mixed()) {
            return random.nextInt(100) < spec.rwmixread() ? Operation.READ : Operation.WRITE;
        }
        return spec.rw().reads() ? Operation.READ : Operation.WRITE;
    }

    /** The request completed (on whatever context completed it): the clone's CPU will reap it. */
    private void completed(IoUnit io, BlockRequest done) {
        recorder.completed(done, platform.nanoTime());
        cpuContext.post(completeCostNs, () -> reap(io, done));
    }

    /**
     * fio reaps the completion: its latency ends and its depth falls now, as fio's {@code cur_depth} does;
     * then the clone prepares the next I/O.
     */
    private void reap(IoUnit io, BlockRequest done) {
        lastReapNs = platform.nanoTime();
        inFlight--;
        recorder.depthChanged(lastReapNs, inFlight);
        recorder.reaped(done, io.issueNs, lastReapNs);
        beginSubmit();
    }

    /** Stops issuing (a stop was asked for), on the clone's own CPU, which owns its state on either runtime. */
    void stopIssuing() {
        cpuContext.post(0, this::stop);
    }

    /**
     * Stops issuing; once the last I/O in flight is reaped, closes the window (at the time limit, or at the last
     * reap when the clone stopped for its amount) and reports done, once.
     */
    private void stop() {
        stopped = true;
        if (inFlight == 0 && !doneReported) {
            doneReported = true;
            recorder.close(stoppedByTime ? stopIssuingAtNs : lastReapNs);
            onDone.run();
        }
    }

    /**
     * What fio's {@code io_u} adds to the request: when its submission returned. Written on the clone's CPU
     * and read there by the reap, which that CPU runs only after the submission's continuation.
     */
    private static final class IoUnit {
        /** When the submission returned to the clone, or -1 before. */
        long issueNs = -1;

        void issued(long nowNs) {
            issueNs = nowNs;
        }
    }
}
