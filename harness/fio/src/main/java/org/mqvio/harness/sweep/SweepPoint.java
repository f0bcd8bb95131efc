package org.mqvio.harness.sweep;

import com.google.common.collect.ImmutableMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One point of a sweep: its index in the sweep's order and the value of each swept parameter.
 *
 * @param index  0-based, in the sweep's order (the first parameter varies slowest)
 * @param values parameter name to value, in the parameters' order
 */
public record SweepPoint(int index, Map<String, String> values) {
    public SweepPoint {
        values = ImmutableMap.copyOf(values);
    }

    /** {@code numjobs=4 dataplane=mq}. */
    public String label() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
