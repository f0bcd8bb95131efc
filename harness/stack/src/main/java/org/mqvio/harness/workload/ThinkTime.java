package org.mqvio.harness.workload;

/**
 * fio's think time: a pause after every {@code blocks} I/Os, first busy on the clone's CPU for {@code spinNs}
 * ({@code thinktime_spin}, {@code usec_spin()}), then asleep for the rest of {@code ns} ({@code usec_sleep()});
 * before pausing fio waits for every I/O in flight ({@code io_u_quiesce()}). See {@code handle_thinktime()} in
 * fio's {@code backend.c}.
 *
 * @param ns            fio's {@code thinktime}: the whole pause (0: none)
 * @param spinNs        fio's {@code thinktime_spin}: its busy part, at most {@code ns} (fio clamps it in
 *                      {@code fixup_options()}, {@code init.c})
 * @param blocks        fio's {@code thinktime_blocks}: I/Os between pauses, {@code >= 1}
 * @param countIssued   fio's {@code thinktime_blocks_type=issue}: count issued I/Os; otherwise ({@code complete},
 *                      fio's default) completed ones
 * @param iotimeNs      fio's {@code thinktime_iotime}: a pause also once this long plus {@code ns} has passed since the
 *                      last one began (since the clone's start for the first), 0: none
 * @param blocksGiven   whether {@code thinktime_blocks} was given: with {@code thinktime_iotime} and without it, only
 *                      the time starts a pause (fio skips the block count, whose default of 1 would pause after
 *                      every I/O); always true without {@code thinktime_iotime}, where it changes nothing
 */
public record ThinkTime(long ns, long spinNs, long blocks, boolean countIssued, long iotimeNs, boolean blocksGiven) {
    /** No think time. */
    public static final ThinkTime NONE = new ThinkTime(0, 0, 1, false);

    /** Think time by blocks only (no {@code thinktime_iotime}). */
    public ThinkTime(long ns, long spinNs, long blocks, boolean countIssued) {
        this(ns, spinNs, blocks, countIssued, 0, true);
    }

    public ThinkTime {
        if (iotimeNs < 0) {
            throw new IllegalArgumentException("thinktime_iotime=" + iotimeNs + "ns is invalid; allowed: a duration"
                    + " >= 0");
        }
        if (ns < 0 || spinNs < 0) {
            throw new IllegalArgumentException("thinktime=" + ns + "ns, thinktime_spin=" + spinNs + "ns are invalid;"
                    + " allowed: durations >= 0");
        }
        if (blocks < 1) {
            throw new IllegalArgumentException("thinktime_blocks=" + blocks + " is invalid; allowed: an integer >= 1");
        }
        spinNs = Math.min(spinNs, ns);
        blocksGiven |= iotimeNs == 0;
    }

    /** Whether the job pauses at all. */
    public boolean pauses() {
        return ns > 0;
    }

    /**
     * fio's {@code handle_thinktime()}: whether a pause is due, {@code count} I/Os (as {@link #countIssued} counts
     * them) and {@code sinceLastNs} after the previous pause began, {@code countAtLast} I/Os at its end.
     */
    boolean due(long count, long countAtLast, long sinceLastNs) {
        if (!pauses()) {
            return false;
        }
        if (iotimeNs > 0) {
            if (sinceLastNs >= iotimeNs + ns) {
                return true;
            }
            if (!blocksGiven) {
                return false;
            }
        }
        return count >= countAtLast + blocks;
    }
}
