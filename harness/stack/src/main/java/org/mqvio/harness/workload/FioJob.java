package org.mqvio.harness.workload;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.block.BlockLayer;
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
final class FioJob implements Clone {
    private final JobSpec spec;
    private final RandomGenerator random;
    private final long firstBlock;
    private final long spanBlocks;
    private final long stopIssuingAtNs;
    private final CloneRecorder recorder;
    private final Runnable onDone;
    private final Platform platform;
    private final ClonePath path;
    private final Runnable beginSubmit = this::beginSubmit;
    private final Runnable submitOne = this::submitOne;
    private long nextSequentialBlock;
    private long issuedBytes;
    private long issuedIos;
    private boolean stopped;
    private boolean stoppedByTime;
    private boolean doneReported;

    /**
     * @param index      the clone's index in the run (request ids and the random stream derive from it)
     * @param onDone     run once, when the clone has stopped issuing and reaped its last I/O
     */
    FioJob(int index, JobSpec spec, ExecutionContext cpuContext, int cpu, BlockLayer blockLayer, Platform platform,
           CloneRecorder recorder, Runnable onDone) {
        this.spec = spec;
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
        this.path = new ClonePath(index, cpuContext, cpu, blockLayer, platform, recorder,
                IoLogWriter.forJob(spec.ioLog()), beginSubmit);
    }

    @Override
    public void start() {
        for (int i = 0; i < spec.iodepth(); i++) {
            path.context().post(0, beginSubmit);
        }
    }

    /** Prepares one I/O (fio's depth counts it from here); the guest submit path runs as this item's continuation. */
    private void beginSubmit() {
        long now = platform.nanoTime();
        if (mustStop(now)) {
            stop();
            return;
        }
        path.prepare(now, submitOne);
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
            path.abandon(now);
            stop();
            return;
        }
        Operation op = nextOperation();
        long block = spec.rw().random() ? random.nextLong(spanBlocks) : nextSequentialBlock++ % spanBlocks;
        issuedBytes += spec.blockSize();
        issuedIos++;
        path.submit(op, firstBlock + block * (spec.blockSize() / BlockRequest.SECTOR_SIZE), spec.blockSize());
    }

    private Operation nextOperation() {
        if (spec.rw().mixed()) {
            return random.nextInt(100) < spec.rwmixread() ? Operation.READ : Operation.WRITE;
        }
        return spec.rw().reads() ? Operation.READ : Operation.WRITE;
    }

    /**
     * Stops issuing; once the last I/O in flight is reaped, closes the window (at the time limit, or at the last
     * reap when the clone stopped for its amount) and reports done, once.
     */
    private void stop() {
        stopped = true;
        if (path.inFlight() == 0 && !doneReported) {
            doneReported = true;
            recorder.close(stoppedByTime ? stopIssuingAtNs : path.lastReapNs());
            path.finish();
            onDone.run();
        }
    }
}
