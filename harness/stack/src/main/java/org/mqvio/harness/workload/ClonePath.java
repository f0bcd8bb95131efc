package org.mqvio.harness.workload;

import org.mqvio.api.BlockRequest;
import org.mqvio.api.Operation;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * A replayed trace's I/O path, one I/O per submission and per reap (fio's defaults: no
 * {@code iodepth_batch}): from fio's preparation through the block layer to fio's reap, stamped where
 * {@link FioJob} stamps (see there for fio's points; the depth and the reap are the same {@link CloneReaper}),
 * with the optional recording of what was issued ({@code write_iolog}). The clone decides what to issue and when;
 * this path decides nothing.
 */
final class ClonePath {
    private final int index;
    private final ExecutionContext cpuContext;
    private final int cpu;
    private final BlockLayer blockLayer;
    private final Platform platform;
    private final CloneRecorder recorder;
    private final IoLogWriter ioLog;
    /** fio's own cost per I/O: a guest's on a vCPU, a bare-metal host's otherwise (the native data plane). */
    private final long submitCostNs;
    private final CloneReaper reaper;
    private long nextId;
    private long pendingStartNs;
    /** The unit of the I/O prepared and not yet submitted. */
    private IoUnit pendingUnit;
    /** The unit whose submission has not returned yet: {@link #submissionReturned} is the submitting item's continuation. */
    private IoUnit submitting;
    private final Runnable submissionReturned = this::submissionReturned;

    /**
     * @param ioLog    where issued I/Os are recorded, or {@code null}
     * @param onReaped run on the clone's CPU after each reap, when the I/O has left the depth
     */
    ClonePath(int index, ExecutionContext cpuContext, int cpu, BlockLayer blockLayer, Platform platform,
              CloneRecorder recorder, IoLogWriter ioLog, Runnable onReaped) {
        this.index = index;
        this.cpuContext = cpuContext;
        this.cpu = cpu;
        this.blockLayer = blockLayer;
        this.platform = platform;
        this.recorder = recorder;
        this.ioLog = ioLog;
        this.submitCostNs = FioCosts.submitNs(platform, cpuContext);
        this.reaper = new CloneReaper(cpuContext, platform, recorder, BatchPolicy.FIO_DEFAULT, () -> false,
                reaped -> { }, onReaped);
    }

    ExecutionContext context() {
        return cpuContext;
    }

    int inFlight() {
        return reaper.depth();
    }

    long lastReapNs() {
        return reaper.lastReapNs();
    }

    /** fio prepares an I/O at {@code now}: the depth counts it; {@code submit} runs after fio's submit cost. */
    void prepare(long now, Runnable submit) {
        pendingStartNs = now;
        pendingUnit = reaper.prepared(now);
        cpuContext.andThen(submitCostNs, submit);
    }

    /** The prepared I/O is not submitted after all (the clone stopped meanwhile). */
    void abandon(long now) {
        reaper.abandoned(pendingUnit, now);
        pendingUnit = null;
    }

    /** Submits the prepared I/O: {@code length} bytes at {@code sector} in direction {@code op}. */
    void submit(Operation op, long sector, int length) {
        long now = platform.nanoTime();
        IoUnit io = pendingUnit;
        pendingUnit = null;
        BlockRequest r = io.submit(op, ((long) index << 40) | nextId++, sector, length, cpu, pendingStartNs, null);
        if (ioLog != null) {
            ioLog.issued(now, op, sector * BlockRequest.SECTOR_SIZE, length);
        }
        recorder.issued(now, reaper.depth());
        recorder.submitted(now, 1);
        if (submitting != null) {
            throw new IllegalStateException("an I/O was submitted before the previous one's submission returned");
        }
        blockLayer.submit(cpuContext, r);
        submitting = io;
        cpuContext.andThen(0, submissionReturned);
    }

    /** The submission has returned to the clone (fio's {@code issue_time}). */
    private void submissionReturned() {
        submitting.issued(platform.nanoTime());
        submitting = null;
    }

    /** The clone has stopped and reaped its last I/O: the recorded log, if any, is written out. */
    void finish() {
        if (ioLog != null) {
            ioLog.close(platform.nanoTime());
        }
    }
}
