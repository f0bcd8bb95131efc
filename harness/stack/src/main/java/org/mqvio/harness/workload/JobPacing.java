package org.mqvio.harness.workload;

import java.util.Objects;

/**
 * When a job's clones issue their I/O, as fio's timing options say: when they start ({@code startdelay}, a fixed
 * delay or a random one in a range per clone), how often they repeat a size-based job ({@code loops}), the rate
 * limits and minimum, think time, and how I/Os are batched into submissions and reaps.
 *
 * @param startDelayNs     fio's {@code startdelay}: the clone starts (and its ramp and runtime count) from here
 * @param startDelayHighNs the top of fio's range form {@code startdelay=LOW-HIGH} (each clone draws its delay
 *                         uniformly in the range, {@code fixup_options()} in {@code init.c}); 0: no range
 * @param loops            fio's {@code loops}: how many times a clone does its I/O amount, {@code >= 1}
 * @param rate             the rate limits and minimum
 * @param think            think time between I/Os
 * @param batch            submission and reap batching
 * @param latency          the latency target whose depth the clones search for
 */
public record JobPacing(long startDelayNs, long startDelayHighNs, int loops, RateLimit rate, ThinkTime think,
                        BatchPolicy batch, LatencyTarget latency) {
    /** fio's defaults: no delay, one loop, no rate, no think time, no batching, no latency target. */
    public static final JobPacing NONE = new JobPacing(0, 0, 1, RateLimit.NONE, ThinkTime.NONE,
            BatchPolicy.FIO_DEFAULT, LatencyTarget.NONE);

    public JobPacing {
        Objects.requireNonNull(rate, "rate");
        Objects.requireNonNull(think, "think");
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(latency, "latency");
        if (startDelayNs < 0 || startDelayHighNs < 0 || startDelayHighNs > 0 && startDelayHighNs < startDelayNs) {
            throw new IllegalArgumentException("startdelay=" + startDelayNs + "ns" + (startDelayHighNs > 0 ? "-"
                    + startDelayHighNs + "ns" : "") + " is invalid; allowed: a duration >= 0, or a range LOW-HIGH"
                    + " with LOW <= HIGH");
        }
        if (loops < 1) {
            throw new IllegalArgumentException("loops=" + loops + " is invalid; allowed: an integer >= 1");
        }
    }

    /** This pacing with {@code rate}. */
    public JobPacing withRate(RateLimit rate) {
        return new JobPacing(startDelayNs, startDelayHighNs, loops, rate, think, batch, latency);
    }

    /** This pacing with {@code think}. */
    public JobPacing withThink(ThinkTime think) {
        return new JobPacing(startDelayNs, startDelayHighNs, loops, rate, think, batch, latency);
    }

    /** This pacing with {@code batch}. */
    public JobPacing withBatch(BatchPolicy batch) {
        return new JobPacing(startDelayNs, startDelayHighNs, loops, rate, think, batch, latency);
    }

    /** This pacing with a start delay (a range when {@code highNs > 0}). */
    public JobPacing withStartDelay(long lowNs, long highNs) {
        return new JobPacing(lowNs, highNs, loops, rate, think, batch, latency);
    }

    /** This pacing with {@code latency}. */
    public JobPacing withLatencyTarget(LatencyTarget latency) {
        return new JobPacing(startDelayNs, startDelayHighNs, loops, rate, think, batch, latency);
    }

    /** This pacing with {@code loops}. */
    public JobPacing withLoops(int loops) {
        return new JobPacing(startDelayNs, startDelayHighNs, loops, rate, think, batch, latency);
    }
}
