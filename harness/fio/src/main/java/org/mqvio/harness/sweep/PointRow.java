package org.mqvio.harness.sweep;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * One point's results.
 *
 * @param index      the point's index in the sweep
 * @param parameters the swept parameters' values
 * @param metrics    its {@link PointMetrics}
 */
public record PointRow(int index, Map<String, String> parameters, Map<String, Object> metrics) {
    public PointRow {
        parameters = ImmutableMap.copyOf(parameters);
        metrics = ImmutableMap.copyOf(metrics);
    }
}
