package org.mqvio.harness.workload;

import java.util.List;
import org.mqvio.api.BlockRequest;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;

/**
 * One clone of a job that replays a trace ({@code read_iolog}): it issues the traced I/Os in their order, each
 * when the depth has room ({@code iodepth}) and not before its delay after the previous I/O's issue, as fio's
 * {@code read_iolog_get()} and {@code iolog_delay()} in {@code iolog.c} do: fio takes the next traced I/O only
 * when it has a free {@code io_u}, then waits out the rest of its delay since {@code last_issue}, reaping
 * completions meanwhile. An iolog v2 {@code wait} holds the next I/O until that time from the run's start. The
 * clone stops at the end of the trace or at the job's time limit, whichever comes first. Latencies and depth are
 * stamped by the {@link ClonePath} a generated fio job uses.
 */
final class TraceReplayJob implements Clone {
    private final List<TracedIo> ios;
    private final int iodepth;
    private final long stopIssuingAtNs;
    private final Platform platform;
    private final CloneRecorder recorder;
    private final Runnable onDone;
    private final ClonePath path;
    private final Runnable fill = this::fill;
    private final Runnable submitOne = this::submitOne;
    private final Runnable afterSubmit = this::afterSubmit;
    private int next;
    private long lastIssueNs;
    private boolean preparing;
    private boolean waiting;
    private boolean stoppedByTime;
    private boolean stopAsked;
    private boolean doneReported;

    private final long startNs;

    /**
     * @param startNs  when the clone starts (fio's {@code startdelay}), from the start of the run
     * @param stopAtNs the clone's time limit from the start of the run, or {@link Long#MAX_VALUE}
     */
    TraceReplayJob(int index, JobSpec spec, ExecutionContext cpuContext, int cpu, BlockLayer blockLayer,
                   Platform platform, long startNs, long stopAtNs, CloneRecorder recorder, Runnable onDone) {
        this.ios = spec.ioLog().replay();
        long capacityBytes = blockLayer.capacitySectors() * BlockRequest.SECTOR_SIZE;
        for (int i = 0; i < ios.size(); i++) {
            TracedIo io = ios.get(i);
            if (io.offsetBytes() + io.length() > capacityBytes) {
                throw new IllegalArgumentException("job '" + spec.name() + "': traced I/O " + (i + 1) + " ("
                        + io.length() + " bytes at " + io.offsetBytes() + ") ends beyond the device's "
                        + capacityBytes + " bytes; allowed: I/Os inside the device (replay_scale scales offsets down)");
            }
        }
        this.iodepth = spec.iodepth();
        this.startNs = startNs;
        this.stopIssuingAtNs = stopAtNs;
        this.platform = platform;
        this.recorder = recorder;
        this.onDone = onDone;
        this.path = new ClonePath(index, cpuContext, cpu, blockLayer, platform, recorder,
                IoLogWriter.forJob(spec.ioLog()), fill);
    }

    @Override
    public void start() {
        if (startNs == 0) {
            path.context().post(0, fill);
        } else {
            platform.schedule(startNs, () -> path.context().post(0, fill));
        }
    }

    @Override
    public void stopIssuing() {
        path.context().post(0, () -> {
            stopAsked = true;
            stop();
        });
    }

    /** Takes the next traced I/O if the depth has room and its time has come; otherwise waits for either. */
    private void fill() {
        long now = platform.nanoTime();
        if (mustStop(now)) {
            stop();
            return;
        }
        if (preparing || waiting || path.inFlight() >= iodepth) {
            return;
        }
        TracedIo io = ios.get(next);
        long due = Math.max(next == 0 ? 0 : lastIssueNs + io.delayNs(), startNs + io.notBeforeNs());
        if (due > now) {
            waiting = true;
            platform.schedule(Math.min(due, stopIssuingAtNs) - now, () -> path.context().post(0, () -> {
                waiting = false;
                fill();
            }));
            return;
        }
        preparing = true;
        path.prepare(now, submitOne);
    }

    private boolean mustStop(long now) {
        if (now >= stopIssuingAtNs) {
            stoppedByTime = true;
        }
        return stoppedByTime || stopAsked || next >= ios.size();
    }

    private void submitOne() {
        long now = platform.nanoTime();
        preparing = false;
        if (mustStop(now)) {
            path.abandon(now);
            stop();
            return;
        }
        TracedIo io = ios.get(next++);
        path.submit(io.operation(), io.offsetBytes() / BlockRequest.SECTOR_SIZE, io.length());
        path.context().andThen(0, afterSubmit);
    }

    /**
     * The submission has returned: the next delay counts from now, as fio stamps {@code last_issue} when the
     * engine's queue call has returned ({@code td_io_queue()} in {@code ioengines.c}).
     */
    private void afterSubmit() {
        lastIssueNs = platform.nanoTime();
        fill();
    }

    /** Once the last I/O in flight is reaped, closes the window and reports done, once. */
    private void stop() {
        if (path.inFlight() == 0 && !preparing && !doneReported) {
            doneReported = true;
            recorder.close(stoppedByTime ? stopIssuingAtNs : path.lastReapNs());
            path.finish();
            onDone.run();
        }
    }
}
