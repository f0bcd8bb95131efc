package org.mqvio.harness.workload;

import java.util.ArrayList;
import java.util.List;
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
 *   <li>reap: when this clone's CPU has run fio's reap of the completion, which the completion callback (in
 *       whatever context completed the request: an interrupt handler, an IoThread) only posts to the clone's CPU,
 *       behind what that CPU already has to run ({@link CloneReaper}, fio's {@code io_u_queued_complete()}):
 *       clat = reap - issue and lat = reap - start, and the I/O leaves the depth there.</li>
 * </ul>
 * So lat = slat + clat, and I/Os per second times mean lat is the mean depth (Little's law).
 *
 * <p>The loop follows fio's {@code do_io()} in {@code backend.c}, with the job's {@link JobPacing}:
 * <ul>
 *   <li>Submission: prepared I/Os are queued and handed to the block layer together when
 *       {@code iodepth_batch_submit} are queued or the queue is full ({@code td_io_queue()} commits at the batch
 *       size, {@code td_io_getevents()} commits before it waits); requests handed down in one item go through the
 *       guest block layer's plug together, as one {@code io_submit} does. Their submission returns, and is stamped,
 *       once for the batch.</li>
 *   <li>Reaping: in {@code getevents} calls batched as {@link CloneReaper} says ({@code iodepth_batch_complete_min}
 *       and {@code _max}); once the queue was full fio reaps down to {@code iodepth_low} before it submits
 *       again.</li>
 *   <li>Pauses: a rate that is ahead of time ({@code rate_ddir()}) and think time ({@code handle_thinktime()})
 *       first submit what is queued and wait for every I/O in flight ({@code io_u_quiesce()}), then sleep on a
 *       timer; think time's spin part keeps the clone's CPU busy. A rated pause sleeps the time that was left when
 *       it began, after the wait, as fio's does.</li>
 *   <li>Minimum rate: checked after each I/O ({@code check_min_rate()}); a miss ends the clone with fio's message,
 *       as fio's {@code td_verror(EIO, "check_min_rate")} ends the job.</li>
 *   <li>Start and repeats: the clone starts after its start delay (its ramp and runtime count from there); once
 *       the last I/O of a pass was reaped, {@link ClonePasses} says whether a verify phase, a loop or another pass
 *       over the region follows ({@code keep_running()}).</li>
 * </ul>
 */
final class FioJob implements Clone {
    private final int index;
    private final JobSpec spec;
    private final ExecutionContext cpuContext;
    private final int cpu;
    private final BlockLayer blockLayer;
    private final Platform platform;
    private final RandomGenerator random;
    private final ClonePattern pattern;
    private final long startNs;
    private final long windowStartNs;
    private final long stopIssuingAtNs;
    private final CloneRecorder recorder;
    /** Where issued I/Os are recorded ({@code write_iolog}), or {@code null}. */
    private final IoLogWriter ioLog;
    private final Runnable onDone;
    /** fio's own cost per I/O: a guest's on a vCPU, a bare-metal host's otherwise (the native data plane). */
    private final long submitCostNs;
    private final int submitBatch;
    private final int lowWater;
    private final RatePacer pacer;
    /** fio's latency-target depth search, or null. */
    private final DepthSearch search;
    private final Runnable beginSubmit = this::beginSubmit;
    private final Runnable submitOne = this::submitOne;
    private final Runnable submissionReturned = this::submissionReturned;
    /** Prepared I/Os not yet handed to the block layer (fio's {@code io_u_queued}). */
    private List<IoUnit> queued = new ArrayList<>();
    /**
     * The batch handed to the block layer whose submission has not returned yet (its {@link #submissionReturned} is
     * the submitting item's continuation); empty otherwise. It swaps with {@link #queued} at each commit.
     */
    private List<IoUnit> submitting = new ArrayList<>();
    /** fio's depth and reaping ({@code io_u_queued_complete()}). */
    private final CloneReaper reaper;
    private long nextId;
    private long issuedTotal;
    private long reapedTotal;
    private long pendingStartNs;
    private Operation pendingOp;
    /** The unit of the I/O prepared and not yet queued (between {@link #prepare} and {@link #submitOne}). */
    private IoUnit pendingUnit;
    private Operation lastOp = Operation.READ;
    /** I/Os still to prepare, one after another, after the current one (a refill after a reap or a pause). */
    private int refillOwed;
    /** While not null the clone waits for its I/O in flight to drain, then runs this (a rate or think pause). */
    private volatile Runnable pause;
    private long lastThinkBlocks;
    /** When the last think-time pause began ({@code thinktime_iotime}), from the clone's start. */
    private long lastThinkNs;
    private boolean rampOver;
    private boolean stopped;
    private boolean stoppedByTime;
    private boolean doneReported;
    /** What the reap call being handled costs in verification, and whether it lowered the searched depth. */
    private long reapVerifyNs;
    private boolean reapLowered;
    /** fio's verification of the data written, or null when the job does not verify. */
    private final CloneVerifier verifier;
    /** The clone's passes over its region, loops and verify phase. */
    private final ClonePasses passes;
    /** The logged block the next prepared I/O reads back, or null. */
    private VerifyLog.Piece pendingPiece;
    /**
     * Whether the next write was placed before its submit cost (a verifying job's checksum), at {@link #pendingOffset}
     * ({@link ClonePattern#PASS_OVER} when its pass was over) with {@link #pendingLength} bytes.
     */
    private boolean pendingDrawn;
    private long pendingOffset;
    private int pendingLength;
    /** The direction of the last I/O reaped (fio's {@code last_ddir}). */
    private Operation lastReapedOp = Operation.READ;

    /**
     * @param index      the clone's index in the run (request ids and the random stream derive from it)
     * @param cloneInJob the clone's number within its job (fio's subjob number: offset_increment)
     * @param startNs    when the clone starts (its start delay); its ramp and runtime count from here
     * @param onDone     run once, when the clone has stopped issuing and reaped its last I/O
     */
    FioJob(int index, int cloneInJob, JobSpec spec, ExecutionContext cpuContext, int cpu, BlockLayer blockLayer,
           Platform platform, long startNs, CloneRecorder recorder, Runnable onDone) {
        this.index = index;
        this.spec = spec;
        this.ioLog = IoLogWriter.forJob(spec.ioLog());
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
        java.util.function.Function<String, RandomGenerator> streams = stream -> spec.randSeed().isPresent()
                ? new SplittableRandom((spec.randSeed().getAsLong() * 0x9E3779B97F4A7C15L + index)
                        ^ (stream.hashCode() * 0xBF58476D1CE4E5B9L))
                : platform.random("job" + index + "." + stream);
        this.pattern = new ClonePattern(spec, cloneInJob, capacityBytes, random, streams);
        this.verifier = spec.verification().verifies()
                ? new CloneVerifier(spec, index + 1, streams.apply("verify"), platform.costs(),
                        pattern.keepsRandomMap()) : null;
        this.passes = new ClonePasses(spec, pattern, verifier, recorder);
        this.startNs = startNs;
        this.lastThinkNs = startNs;
        this.windowStartNs = startNs + spec.rampNs();
        this.stopIssuingAtNs = spec.stopIssuingAtNs() == Long.MAX_VALUE ? Long.MAX_VALUE
                : startNs + spec.stopIssuingAtNs();
        this.recorder = recorder;
        this.onDone = onDone;
        this.submitCostNs = FioCosts.submitNs(platform, cpuContext);
        JobPacing pacing = spec.pacing();
        this.submitBatch = pacing.batch().submitAt(spec.iodepth());
        this.lowWater = pacing.batch().lowWater(spec.iodepth());
        this.reaper = new CloneReaper(cpuContext, platform, recorder, pacing.batch(), () -> pause != null,
                this::reapedOne, this::afterReap);
        this.rampOver = spec.rampNs() == 0;
        this.pacer = pacing.rate().limits() || pacing.rate().hasMinimum()
                ? new RatePacer(pacing.rate(), spec.sizes(Operation.READ).min(), spec.sizes(Operation.WRITE).min(),
                        startNs, platform.random("job" + index + ".rate.read"),
                        platform.random("job" + index + ".rate.write"))
                : null;
        this.search = pacing.latency().searches() ? new DepthSearch(pacing.latency(), spec.iodepth(), startNs, 0)
                : null;
    }

    /** The depth the clone keeps in flight: its iodepth, or the depth its latency-target search is trying. */
    private int depthLimit() {
        return search == null ? spec.iodepth() : search.depth();
    }

    /** Starts the clone: at once, or after its start delay. */
    @Override
    public void start() {
        if (startNs == 0) {
            postSlots();
        } else {
            platform.schedule(startNs, this::postSlots);
        }
    }

    private void postSlots() {
        for (int i = 0; i < spec.iodepth(); i++) {
            cpuContext.post(0, beginSubmit);
        }
    }

    /**
     * The top of fio's loop: think time, the minimum rate, the stop conditions and the rate come first; then one
     * I/O is prepared (fio's depth counts it from here) and the guest submit path runs as this item's continuation.
     */
    private void beginSubmit() {
        long now = platform.nanoTime();
        if (pause != null || reaper.depth() >= depthLimit()) {
            return;
        }
        if (!rampOver && now >= windowStartNs) {
            rampOver = true;
            if (pacer != null) {
                pacer.reset(now);
            }
            if (search != null) {
                search.statisticsReset(now, reapedTotal);
            }
        }
        ThinkTime think = spec.pacing().think();
        long thinkCount = think.countIssued() ? issuedTotal : reapedTotal;
        if (think.due(thinkCount, lastThinkBlocks, now - lastThinkNs)) {
            beginPause(() -> think(thinkCount, now));
            return;
        }
        String missed = pacer != null && rampOver ? pacer.missedMinimum(now) : null;
        if (missed != null) {
            recorder.fail(CloneFailure.minimumRate(missed));
            stopped = true;
        }
        if (search != null && rampOver && !stopped) {
            int before = search.depth();
            DepthSearch.Step step = search.check(now, reapedTotal);
            if (search.depth() > before) {
                refillOwed = Math.max(refillOwed, search.depth() - reaper.depth() - 1);
            }
            if (step == DepthSearch.Step.DONE) {
                stopped = true;
            } else if (step == DepthSearch.Step.DRAIN || step == DepthSearch.Step.FINAL_WINDOW) {
                beginPause(afterDrain(step == DepthSearch.Step.FINAL_WINDOW));
                return;
            }
        }
        if (mustStop(now)) {
            stop();
            return;
        }
        if (verifier != null) {
            pendingPiece = verifier.verifying() ? verifier.nextInPhase() : verifier.backlogNext(lastReapedOp);
            if (pendingPiece != null) {
                prepare(Operation.READ);
                return;
            }
            if (verifier.verifying()) {
                stop();
                return;
            }
        }
        Operation op = nextOperation();
        if (pacer != null) {
            int d = pacer.direction(op == Operation.READ ? 0 : 1, otherDirectionAllowed(op), now);
            op = d == 0 ? Operation.READ : Operation.WRITE;
            long due = pacer.dueNs(d);
            if (due > now) {
                long sleepNs = Math.min(due, stopIssuingAtNs) - now;
                Operation rated = op;
                beginPause(() -> sleepThen(sleepNs, () -> prepare(rated)));
                return;
            }
        }
        prepare(op);
    }

    private boolean otherDirectionAllowed(Operation op) {
        return spec.rw().mixed() && (op == Operation.READ ? spec.rwmixread() < 100 : spec.rwmixread() > 0);
    }

    private void prepare(Operation op) {
        long now = platform.nanoTime();
        pendingStartNs = now;
        pendingOp = op;
        pendingUnit = reaper.prepared(now);
        long cost = submitCostNs;
        if (verifier != null && op == Operation.WRITE) {
            pendingDrawn = true;
            pendingOffset = pattern.next(op);
            if (pendingOffset != ClonePattern.PASS_OVER) {
                pendingLength = pattern.length();
                cost += verifier.costNs(pendingLength);
            }
        }
        cpuContext.andThen(cost, submitOne);
    }

    private boolean mustStop(long now) {
        if (!stopped && now >= stopIssuingAtNs) {
            stoppedByTime = true;
        }
        if (verifier != null && verifier.verifying()) {
            return stopped || stoppedByTime;
        }
        return stopped || stoppedByTime || passes.amountDone();
    }

    /** The prepared I/O is queued; the queue goes to the block layer at the batch size or when the queue is full. */
    private void submitOne() {
        long now = platform.nanoTime();
        IoUnit io = pendingUnit;
        pendingUnit = null;
        if (mustStop(now)) {
            pendingDrawn = false;
            reaper.abandoned(io, now);
            stop();
            return;
        }
        Operation op = pendingOp;
        VerifyLog.Piece piece = pendingPiece;
        pendingPiece = null;
        long offset;
        int length = 0;
        if (piece != null) {
            offset = piece.offset;
            length = piece.length;
        } else {
            boolean drawn = pendingDrawn;
            pendingDrawn = false;
            offset = drawn ? pendingOffset : pattern.next(op);
            if (offset == ClonePattern.PASS_OVER) {
                reaper.abandoned(io, now);
                passes.over();
                stop();
                return;
            }
            length = drawn ? pendingLength : pattern.length();
        }
        lastOp = op;
        byte[] data = verifier == null ? null : io.verified(verifier, op, piece, offset, length, pendingStartNs);
        io.submit(op, ((long) index << 40) | nextId++, offset / BlockRequest.SECTOR_SIZE, length, cpu, pendingStartNs,
                data);
        if (piece == null) {
            passes.issued(length);
        }
        issuedTotal++;
        if (pacer != null) {
            pacer.queued(op == Operation.READ ? 0 : 1, length);
        }
        recorder.issued(now, reaper.depth());
        if (ioLog != null) {
            ioLog.issued(now, op, offset, length);
        }
        queued.add(io);
        if (queued.size() >= submitBatch || reaper.depth() >= depthLimit()) {
            commit();
        } else {
            continueRefill();
        }
    }

    /**
     * Hands every queued I/O to the block layer in this item; their submission returns when its path has run, as
     * this item's continuation. Nothing of the clone's runs in between (the block layer's own continuations come
     * first, and a completion only posts a reap), so one batch at a time awaits its return.
     */
    private void commit() {
        if (queued.isEmpty()) {
            return;
        }
        if (!submitting.isEmpty()) {
            throw new IllegalStateException("a batch was committed before the previous one's submission returned");
        }
        List<IoUnit> batch = queued;
        queued = submitting;
        submitting = batch;
        recorder.submitted(platform.nanoTime(), batch.size());
        for (int i = 0; i < batch.size(); i++) {
            blockLayer.submit(cpuContext, batch.get(i).request());
        }
        cpuContext.andThen(0, submissionReturned);
    }

    /** The committed batch's submission has returned to the clone (fio's {@code issue_time}). */
    private void submissionReturned() {
        long now = platform.nanoTime();
        for (int i = 0; i < submitting.size(); i++) {
            submitting.get(i).issued(now);
        }
        submitting.clear();
        continueRefill();
    }

    private void continueRefill() {
        if (refillOwed > 0 && pause == null && !stopped) {
            refillOwed--;
            beginSubmit();
        }
    }

    private Operation nextOperation() {
        if (spec.rw().mixed()) {
            return random.nextInt(100) < spec.rwmixread() ? Operation.READ : Operation.WRITE;
        }
        return spec.rw().reads() ? Operation.READ : Operation.WRITE;
    }

    /** Stops issuing (a stop was asked for), on the clone's own CPU, which owns its state on either runtime. */
    @Override
    public void stopIssuing() {
        cpuContext.post(0, this::stop);
    }

    /** One I/O of a reap call, in order: fio's {@code io_completed()} for the verification, the rate and the search. */
    private void reapedOne(IoUnit io) {
        reapedTotal++;
        if (verifier != null) {
            reapVerifyNs += verifyReaped(io);
        }
        if (pacer != null) {
            pacer.completed(io.request().operation() == Operation.READ ? 0 : 1, io.request().length());
        }
        if (search != null && !stopped) {
            long lat = reaper.lastReapNs() - io.request().createdNs();
            DepthSearch.Step step = search.completed(lat);
            if (step == DepthSearch.Step.FATAL) {
                recorder.fail(CloneFailure.latencyTarget(lat, spec.pacing().latency().targetNs()));
                stopped = true;
            }
            reapLowered |= step == DepthSearch.Step.DRAIN;
        }
    }

    /**
     * After a reap call: the clone goes on with a pause that waited for its I/Os, keeps reaping down to
     * {@code iodepth_low}, or refills.
     */
    private void afterReap() {
        long verifyNs = reapVerifyNs;
        boolean lowered = reapLowered;
        reapVerifyNs = 0;
        reapLowered = false;
        if (verifyNs > 0) {
            cpuContext.charge(verifyNs);
        }
        if (lowered && !stopped) {
            if (pause == null) {
                pause = afterDrain(false);
                commit();
            } else {
                search.newWindow(reaper.lastReapNs(), reapedTotal);
            }
        }
        if (pause != null) {
            if (reaper.depth() == 0) {
                Runnable then = pause;
                then.run();
            } else {
                reaper.reapMore();
            }
            return;
        }
        if (!stopped && reaper.depth() > lowWater) {
            reaper.reapMore();
            return;
        }
        refillOwed = depthLimit() - reaper.depth() - 1;
        beginSubmit();
        reaper.reapMore();
    }

    /** Begins a pause: what is queued is submitted, and {@code then} runs once nothing is in flight. */
    private void beginPause(Runnable then) {
        refillOwed = 0;
        pause = then;
        commit();
        if (reaper.depth() == 0) {
            then.run();
        } else {
            reaper.reapMore();
        }
    }

    /**
     * After the drain that follows a change of the searched depth: a new window starts (and, for the search's final
     * window, the statistics restart, as fio's {@code reset_all_stats()} does), then the clone refills.
     */
    private Runnable afterDrain(boolean finalWindow) {
        return () -> {
            long now = platform.nanoTime();
            if (finalWindow) {
                recorder.restartWindow(now);
                if (pacer != null) {
                    pacer.reset(now);
                }
            }
            search.newWindow(now, reapedTotal);
            sleepThen(0, this::beginSubmit);
        };
    }

    /** Sleeps {@code ns} on a timer (the clone's CPU is free meanwhile), then runs {@code then} on the clone's CPU. */
    private void sleepThen(long ns, Runnable then) {
        Runnable resume = () -> {
            pause = null;
            refillOwed = depthLimit() - reaper.depth() - 1;
            then.run();
        };
        if (ns <= 0) {
            resume.run();
        } else {
            platform.schedule(ns, () -> cpuContext.post(0, resume));
        }
    }

    /**
     * fio's think time: spin on the clone's CPU, then sleep the rest (neither beyond the time limit); the pause was
     * found due at {@code dueNs}, from which {@code thinktime_iotime} counts the next one.
     */
    private void think(long thinkCount, long dueNs) {
        ThinkTime think = spec.pacing().think();
        long now = platform.nanoTime();
        long left = Math.max(0, stopIssuingAtNs - now);
        long spin = Math.min(think.spinNs(), left);
        long sleep = Math.min(think.ns() - spin, left - spin);
        lastThinkBlocks = thinkCount;
        lastThinkNs = dueNs;
        RateLimit rate = spec.pacing().rate();
        if (pacer != null && rate.ignoreThinktime()) {
            pacer.thought(lastOp == Operation.READ ? 0 : 1, spin + sleep);
        }
        Runnable rest = () -> sleepThen(sleep, this::beginSubmit);
        if (spin > 0) {
            cpuContext.andThen(spin, rest);
        } else {
            rest.run();
        }
    }

    /**
     * Stops issuing; once the last I/O in flight is reaped, starts the next loop or closes the window (at the time
     * limit, or at the last reap when the clone stopped for its amount) and reports done, once.
     */
    private void stop() {
        stopped = true;
        refillOwed = 0;
        commit();
        if (reaper.depth() == 0 && !doneReported) {
            if (passes.next(platform.nanoTime(), stoppedByTime)) {
                stopped = false;
                refillOwed = depthLimit() - 1;
                beginSubmit();
                return;
            }
            doneReported = true;
            recorder.close(stoppedByTime ? stopIssuingAtNs : reaper.lastReapNs());
            if (ioLog != null) {
                ioLog.close(platform.nanoTime());
            }
            onDone.run();
        } else {
            reaper.reapMore();
        }
    }

    /**
     * fio's completion of a verifying job's I/O ({@code io_completed()}): a logged write becomes verifiable, a read
     * back is checked and a mismatch ends the clone with fio's EILSEQ. Returns the check's vCPU time.
     */
    private long verifyReaped(IoUnit io) {
        BlockRequest done = io.request();
        lastReapedOp = done.operation();
        if (io.role == CloneVerifier.Role.LOGGED_WRITE) {
            verifier.writeCompleted(io.piece, done);
            return 0;
        }
        if (io.role != CloneVerifier.Role.CHECKED_READ) {
            return 0;
        }
        java.util.List<String> bad = verifier.check(done, io.piece);
        if (!bad.isEmpty() && !recorder.failed()) {
            recorder.fail(CloneFailure.verify(bad));
            stopped = true;
        }
        return verifier.costNs(done.length());
    }
}
