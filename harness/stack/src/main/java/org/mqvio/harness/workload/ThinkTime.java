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
 */
public record ThinkTime(long ns, long spinNs, long blocks, boolean countIssued) {
    /** No think time. */
    public static final ThinkTime NONE = new ThinkTime(0, 0, 1, false);

    public ThinkTime {
        if (ns < 0 || spinNs < 0) {
            throw new IllegalArgumentException("thinktime=" + ns + "ns, thinktime_spin=" + spinNs + "ns are invalid;"
                    + " allowed: durations >= 0");
        }
        if (blocks < 1) {
            throw new IllegalArgumentException("thinktime_blocks=" + blocks + " is invalid; allowed: an integer >= 1");
        }
        spinNs = Math.min(spinNs, ns);
    }

    /** Whether the job pauses at all. */
    public boolean pauses() {
        return ns > 0;
    }
}
