package org.mqvio.harness.fio;

/**
 * How a trace is replayed, with fio's option names and defaults ({@code options.c}): {@code replay_no_stall}
 * (default 0: honour the trace's times), {@code replay_time_scale} (percent, default 100, at least 1: 200 replays
 * twice as fast), {@code replay_align} (a power of 2 the offsets are aligned down to; 0: none) and
 * {@code replay_scale} (offsets are divided by it; default 1).
 */
record ReplayOptions(boolean noStall, long timeScalePercent, long align, long scale) {
    static final ReplayOptions DEFAULT = new ReplayOptions(false, 100, 0, 1);

    ReplayOptions {
        if (timeScalePercent < 1) {
            throw new IllegalArgumentException("replay_time_scale=" + timeScalePercent + " is invalid; allowed: an"
                    + " integer >= 1 (a percentage of the trace's rate)");
        }
        if (align < 0 || (align & (align - 1)) != 0) {
            throw new IllegalArgumentException("replay_align=" + align + " is invalid; allowed: a power of 2");
        }
        if (scale < 1) {
            throw new IllegalArgumentException("replay_scale=" + scale + " is invalid; allowed: an integer >= 1");
        }
    }

    /**
     * The delay between two traced times, as fio's {@code delay_since_ttime()} in {@code iolog.c} computes it: 0
     * for the first time, with {@code replay_no_stall}, or when time goes back; otherwise the difference scaled by
     * 100 / {@code replay_time_scale} (in the trace's unit).
     */
    long delay(long lastTime, long time) {
        if (lastTime == 0 || noStall || time < lastTime) {
            return 0;
        }
        if (timeScalePercent == 100) {
            return time - lastTime;
        }
        return (long) ((double) (time - lastTime) * (100.0 / timeScalePercent));
    }

    /** A traced offset as fio replays it: divided by {@code replay_scale}, then aligned down to {@code replay_align}. */
    long offset(long traced) {
        long o = traced / scale;
        return align == 0 ? o : o & ~(align - 1);
    }
}
