package org.mqvio.harness.workload;

/**
 * How many I/Os fio queues before it submits them ({@code io_submit}) and how many completions it reaps per
 * {@code getevents}, with fio's defaults and fix-ups ({@code fixup_options()} in {@code init.c}): 0 for
 * {@code submit} or {@code low} means the job's iodepth; a {@code completeMax} below {@code completeMin} is raised
 * to it (so fio's default reaps one completion per call).
 *
 * @param submit      fio's {@code iodepth_batch_submit} ({@code iodepth_batch}): queued I/Os that trigger a
 *                    submission, default 1 ({@code td_io_queue()} in {@code ioengines.c} commits when that many are
 *                    queued)
 * @param completeMin fio's {@code iodepth_batch_complete_min}: completions a reap waits for, default 1 (0: reap
 *                    whatever is there, at least one when the queue is full)
 * @param completeMax fio's {@code iodepth_batch_complete_max}: completions one reap takes at most
 * @param low         fio's {@code iodepth_low}: once the queue was full, fio reaps until at most this many are in
 *                    flight before it submits again ({@code wait_for_completions()} in {@code backend.c})
 */
public record BatchPolicy(int submit, int completeMin, int completeMax, int low) {
    /** fio's defaults: submit each I/O on its own, reap one completion per call, refill as soon as one is reaped. */
    public static final BatchPolicy FIO_DEFAULT = new BatchPolicy(1, 1, 0, 0);

    public BatchPolicy {
        if (submit < 0 || completeMin < 0 || completeMax < 0 || low < 0) {
            throw new IllegalArgumentException("iodepth_batch_submit=" + submit + ", iodepth_batch_complete_min="
                    + completeMin + ", iodepth_batch_complete_max=" + completeMax + ", iodepth_low=" + low
                    + " are invalid; allowed: integers >= 0");
        }
    }

    /** Queued I/Os that trigger a submission at {@code iodepth}. */
    int submitAt(int iodepth) {
        return submit == 0 || submit > iodepth ? iodepth : submit;
    }

    /** The completions one reap takes at most. */
    int reapAtMost() {
        return Math.max(completeMax, Math.max(1, completeMin));
    }

    /** The depth a full queue is reaped down to before fio submits again, at {@code iodepth}. */
    int lowWater(int iodepth) {
        return low == 0 || low > iodepth ? iodepth : low;
    }
}
