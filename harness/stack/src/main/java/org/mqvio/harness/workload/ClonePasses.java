package org.mqvio.harness.workload;

import org.mqvio.api.Operation;

/**
 * A clone's passes and phases, as fio's {@code do_io()} ends and {@code keep_running()} in {@code backend.c} decides
 * what follows: a pass issues the job's amount ({@code io_size} or {@code size}, the region for
 * {@code fill_device} and a time-based verifying job, or {@code number_ios}); once its last I/O was reaped a
 * verifying job reads back what it wrote ({@code do_verify()}), a job with {@code loops} does its amount again from
 * the region's start, and a random job whose random map was full before its amount was done (see
 * {@link ClonePattern#PASS_OVER}) starts another pass only for an {@code io_size} beyond the region.
 */
final class ClonePasses {
    private final JobSpec spec;
    private final ClonePattern pattern;
    /** fio's verification of the data written, or null when the job does not verify. */
    private final CloneVerifier verifier;
    private final CloneRecorder recorder;
    /** The amount of one pass: io_size or size, or the region for fill_device and a time-based verifying job. */
    private final long amountBytes;
    private int loopsLeft;
    private long issuedBytes;
    private long issuedIos;
    /** The pass ended because the region was used up ({@link ClonePattern#PASS_OVER}). */
    private boolean over;

    ClonePasses(JobSpec spec, ClonePattern pattern, CloneVerifier verifier, CloneRecorder recorder) {
        this.spec = spec;
        this.pattern = pattern;
        this.verifier = verifier;
        this.recorder = recorder;
        this.amountBytes = spec.ioLimitBytes() > 0 || !(spec.verification().fillDevice() || verifier != null)
                ? spec.ioLimitBytes() : pattern.regionLength();
        this.loopsLeft = spec.pacing().loops();
    }

    /** An I/O of the pass's amount was issued ({@code length} bytes; a verify phase's reads do not count). */
    void issued(int length) {
        issuedBytes += length;
        issuedIos++;
    }

    /** The region is used up before the pass's amount is done. */
    void over() {
        over = true;
    }

    /** Whether the pass has issued its amount. */
    boolean amountDone() {
        return (amountBytes > 0 && issuedBytes >= amountBytes)
                || (spec.numberIos() > 0 && issuedIos >= spec.numberIos());
    }

    /**
     * Once the last I/O of a pass or verify phase was reaped at {@code now}: true when a phase follows (a verify
     * phase, a loop or another pass), after which the clone issues again; false when the clone is done.
     * {@code stoppedByTime}: the clone reached its time limit, after which nothing follows.
     */
    boolean next(long now, boolean stoppedByTime) {
        if (verifier != null && verifyPhase(now, stoppedByTime)) {
            return true;
        }
        boolean timeBasedPass = verifier != null && spec.ioLimitBytes() == 0 && spec.runtimeNs() > 0
                && !spec.verification().fillDevice();
        if (!stoppedByTime && !recorder.failed() && (loopsLeft > 1 || timeBasedPass)) {
            loopsLeft = Math.max(1, loopsLeft - 1);
            over = false;
            issuedBytes = 0;
            issuedIos = 0;
            pattern.restart();
            return true;
        }
        if (over && !stoppedByTime && !recorder.failed() && anotherPass()) {
            over = false;
            pattern.restart();
            return true;
        }
        return false;
    }

    /**
     * At the end of a pass: ends a verify phase that was running, or starts one (fio's {@code do_verify()} after
     * {@code do_io()}) when the pass did its amount without an error; true when a verify phase started.
     */
    private boolean verifyPhase(long now, boolean stoppedByTime) {
        if (verifier.verifying()) {
            verifier.endVerifyPhase(now, recorder);
            return false;
        }
        return !stoppedByTime && !recorder.failed() && verifier.beginVerifyPhase(now);
    }

    /**
     * After a pass over the region, whether fio's {@code keep_running()} goes on: always for a job without an I/O
     * amount (fio's {@code time_based}); for one with an {@code io_size} beyond its region while at least its largest
     * I/O is left to do (a {@code size} alone is done with its region).
     */
    private boolean anotherPass() {
        if (spec.ioLimitBytes() == 0 && spec.numberIos() == 0) {
            return true;
        }
        if (spec.numberIos() > 0 && issuedIos >= spec.numberIos()) {
            return false;
        }
        long largest = Math.max(spec.sizes(Operation.READ).max(), spec.sizes(Operation.WRITE).max());
        return spec.ioLimitBytes() > 0 && spec.ioLimitBytes() != spec.sizeBytes()
                && spec.ioLimitBytes() - issuedBytes >= largest;
    }
}
