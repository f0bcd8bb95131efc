package org.mqvio.harness.cli;

import org.mqvio.harness.workload.RunControl;
import picocli.CommandLine.Option;

/**
 * fio's {@code --status-interval=TIME}: the full report, cumulative since the start, every TIME of the run's time
 * (simulated, or real with {@code --mode=live}) while the jobs run, then the final report as usual. As fio's init.c
 * reads it: a bare number is seconds, the interval is whole milliseconds, and less than 1 ms is refused.
 */
final class StatusInterval {
    @Option(names = "--status-interval", paramLabel = "TIME",
            description = "fio's periodic status: the full report so far every TIME of the run's time (simulated,"
                    + " or real with --mode=live), in the formats asked for; at least 1ms (a bare number is seconds).")
    String interval;

    /** Asks {@code control} for the reports, when the option was given. */
    void apply(RunControl control) {
        if (interval != null) {
            control.statusEvery(nanos(interval));
        }
    }

    /** The interval in nanoseconds, truncated to whole milliseconds as fio keeps it. */
    static long nanos(String text) {
        long ns;
        try {
            ns = Durations.parseNanos("--status-interval", text);
        } catch (IllegalArgumentException e) {
            ns = -1;
        }
        if (ns < 1_000_000L) {
            throw new IllegalArgumentException("--status-interval=" + text + " is invalid; allowed: a time of at"
                    + " least 1ms, with an optional unit ns, us, ms, s, m, h (default s)");
        }
        return ns / 1_000_000L * 1_000_000L;
    }
}
