package org.mqvio.harness.workload;

/**
 * One clone's search for the depth that meets its {@link LatencyTarget}, as fio's latency-target code in
 * {@code io_u.c} runs it ({@code lat_target_init()}, {@code lat_target_check()}, {@code lat_target_success()},
 * {@code __lat_target_failed()}, and {@code queue_full()} limiting the depth):
 * <ul>
 *   <li>It starts at depth 1 with the bounds 1 and iodepth.</li>
 *   <li>An I/O whose total latency exceeds the target counts as a miss; at {@code latency_percentile=100} a miss
 *       lowers the depth at once, and a miss at depth 1 is fatal.</li>
 *   <li>After each window ({@code latency_window}), if the share of I/Os that met the target reaches the
 *       percentile, the depth is a success: it becomes the lower bound and the depth doubles (or, once an upper
 *       bound was found, moves halfway to it; three successes right under the bound raise the bound by one);
 *       otherwise it becomes the upper bound and the depth moves halfway down to the lower bound.</li>
 *   <li>Lowering the depth first lets the I/O in flight drain; each change starts a new window.</li>
 *   <li>Unless {@code latency_run}, a success that leaves the depth where it was ends the search: the statistics
 *       restart for one more window at that depth (the only one reported), after which the job ends.</li>
 * </ul>
 */
final class DepthSearch {
    /** What the clone does after a step of the search. */
    enum Step {
        /** Go on at the current depth. */
        CONTINUE,
        /** Let the I/O in flight drain (the depth fell), then start a new window. */
        DRAIN,
        /** Drain, restart the statistics and run the final window at the found depth. */
        FINAL_WINDOW,
        /** The final window is over: the job ends. */
        DONE,
        /** An I/O missed the target at depth 1 with {@code latency_percentile=100}: the job fails. */
        FATAL
    }

    private final LatencyTarget target;
    private final int iodepth;
    private int depth;
    private int low;
    private int high;
    private int stable;
    private long cycleStartNs;
    private long cycleStartIos;
    private long missed;
    private boolean finalWindow;

    DepthSearch(LatencyTarget target, int iodepth, long nowNs, long ios) {
        this.target = target;
        this.iodepth = iodepth;
        init(nowNs, ios);
    }

    private void init(long nowNs, long ios) {
        finalWindow = false;
        depth = 1;
        high = iodepth;
        low = 1;
        newWindow(nowNs, ios);
    }

    /** The statistics were reset (the ramp ended): the search starts over unless it is in its final window. */
    void statisticsReset(long nowNs, long ios) {
        if (!finalWindow) {
            init(nowNs, ios);
        }
    }

    /** Starts a window at {@code nowNs}, {@code ios} I/Os having completed so far. */
    void newWindow(long nowNs, long ios) {
        cycleStartNs = nowNs;
        cycleStartIos = ios;
        missed = 0;
    }

    /** The depth the clone may keep in flight. */
    int depth() {
        return depth;
    }

    /** An I/O completed with a total latency of {@code latNs}. */
    Step completed(long latNs) {
        if (latNs <= target.targetNs()) {
            return Step.CONTINUE;
        }
        if (target.percentile() == 100.0) {
            return lower();
        }
        missed++;
        return Step.CONTINUE;
    }

    /** The check at the end of each pass of fio's loop, {@code ios} I/Os having completed so far. */
    Step check(long nowNs, long ios) {
        if (nowNs - cycleStartNs < target.windowNs()) {
            return Step.CONTINUE;
        }
        long n = ios - cycleStartIos;
        double success = 100.0 * (n - missed) / n;
        if (success >= target.percentile()) {
            return raise(nowNs, ios);
        }
        Step s = lower();
        return s == Step.FATAL ? Step.CONTINUE : s;
    }

    private Step lower() {
        if (depth == 1) {
            return Step.FATAL;
        }
        high = depth;
        if (depth == low) {
            low--;
        }
        depth = (depth + low) / 2;
        stable = 0;
        return Step.DRAIN;
    }

    private Step raise(long nowNs, long ios) {
        int before = depth;
        low = depth;
        if (depth + 1 == high && ++stable >= 3) {
            high++;
            stable = 0;
        }
        depth = high != iodepth ? (depth + high) / 2 : depth * 2;
        depth = Math.min(depth, iodepth);
        Step step = Step.CONTINUE;
        if (!target.keepRunning() && depth == before) {
            if (finalWindow) {
                return Step.DONE;
            }
            finalWindow = true;
            step = Step.FINAL_WINDOW;
        }
        newWindow(nowNs, ios);
        return step;
    }
}
