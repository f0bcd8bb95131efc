package org.mqvio.harness.sweep;

import java.util.List;

/**
 * What every results file of a sweep starts with, so that shards can be checked and joined.
 *
 * @param version    mqvio's version
 * @param id         the sweep's digest ({@link SweepSpec#id}): shards of one sweep share it
 * @param points     how many points the whole sweep has
 * @param parameters the swept parameters and their values
 * @param x          the charts' x axis parameter
 * @param metrics    the charted metrics
 * @param design     the base stack's data plane (the line's name when no design parameter is swept)
 * @param shard      {@code I/N} for a shard's file, {@code all} for a whole sweep
 */
public record SweepHeader(String version, String id, int points, List<SweepParameter> parameters, String x,
                          List<String> metrics, String design, String shard) {
    public SweepHeader {
        parameters = List.copyOf(parameters);
        metrics = List.copyOf(metrics);
    }

    /** The same sweep as a whole (after a merge). */
    public SweepHeader whole() {
        return new SweepHeader(version, id, points, parameters, x, metrics, design, "all");
    }
}
