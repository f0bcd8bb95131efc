package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class LatencyStatsTest {
    @Property
    void exactMomentsAndPercentilesWithinThreeDigits(@ForAll @Size(min = 1, max = 200) List<@LongRange(min = 0, max = 10_000_000) Long> values) {
        LatencyStats s = new LatencyStats();
        values.forEach(s::record);
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        double mean = Arrays.stream(sorted).average().orElseThrow();
        assertThat(s.count()).isEqualTo(values.size());
        assertThat(s.min()).isEqualTo(sorted[0]);
        assertThat(s.max()).isEqualTo(sorted[sorted.length - 1]);
        assertThat(s.mean()).isCloseTo(mean, within(1e-6 * Math.max(1, mean)));
        if (values.size() > 1) {
            double var = Arrays.stream(sorted).mapToDouble(v -> (v - mean) * (v - mean)).sum() / (values.size() - 1);
            assertThat(s.stddev()).isCloseTo(Math.sqrt(var), within(1e-3 * Math.max(1, Math.sqrt(var))));
        }
        long median = sorted[(int) Math.ceil(0.5 * sorted.length) - 1];
        assertThat((double) s.percentile(50)).isCloseTo(median, within(median * 0.001 + 1));
        assertThat(s.countBetween(0, Long.MAX_VALUE)).isEqualTo(values.size());
    }

    @Property
    void addingIsRecordingBoth(@ForAll List<@LongRange(min = 0, max = 1_000_000) Long> a,
                               @ForAll List<@LongRange(min = 0, max = 1_000_000) Long> b) {
        LatencyStats x = new LatencyStats();
        LatencyStats y = new LatencyStats();
        LatencyStats both = new LatencyStats();
        a.forEach(v -> {
            x.record(v);
            both.record(v);
        });
        b.forEach(v -> {
            y.record(v);
            both.record(v);
        });
        x.add(y);
        assertThat(x.count()).isEqualTo(both.count());
        assertThat(x.min()).isEqualTo(both.min());
        assertThat(x.max()).isEqualTo(both.max());
        assertThat(x.percentile(99)).isEqualTo(both.percentile(99));
    }
}
