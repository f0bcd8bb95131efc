package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class LogLinearHistogramTest {
    @Property
    void everyValueLiesInItsBucketWhichIsAtMostATenthOfAPercentWide(@ForAll @LongRange(min = 0) long value) {
        int index = LogLinearHistogram.index(value);
        long highest = LogLinearHistogram.highestIn(index);
        long lowest = index == 0 ? 0 : LogLinearHistogram.highestIn(index - 1) + 1;
        assertThat(value).isBetween(lowest, highest);
        assertThat((double) (highest - lowest)).isLessThanOrEqualTo(lowest / 1000.0);
    }

    @Example
    void theBucketsCoverEveryLong() {
        assertThat(LogLinearHistogram.index(Long.MAX_VALUE)).isEqualTo(55_295);
        assertThat(LogLinearHistogram.highestIn(55_295)).isEqualTo(Long.MAX_VALUE);
        assertThat(LogLinearHistogram.index(2047)).isEqualTo(2047);
        assertThat(LogLinearHistogram.index(2048)).isEqualTo(2048);
        assertThat(LogLinearHistogram.highestIn(2048)).isEqualTo(2049);
    }

    @Property(tries = 300)
    void aPercentileIsTheNearestRankValueToThreeDigits(
            @ForAll @Size(min = 1, max = 300) List<@LongRange(min = 0, max = Long.MAX_VALUE / 2) Long> values,
            @ForAll @DoubleRange(min = 0, max = 100) double percentile) {
        LogLinearHistogram h = new LogLinearHistogram();
        values.forEach(h::record);
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int rank = Math.max(1, BigDecimal.valueOf(percentile).multiply(BigDecimal.valueOf(sorted.length))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING).intValueExact());
        long exact = sorted[rank - 1];
        long reported = h.valueAtPercentile(percentile, sorted.length);
        assertThat(reported).isBetween(exact, exact + exact / 1000);
    }

    @Example
    void ninetyNinePointNineOfAThousandIsRankNineHundredNinetyNine() {
        LogLinearHistogram h = new LogLinearHistogram();
        for (long v = 1; v <= 1000; v++) {
            h.record(v);
        }
        assertThat(h.valueAtPercentile(99.9, 1000)).isEqualTo(999);
        assertThat(h.valueAtPercentile(0, 1000)).isEqualTo(1);
        assertThat(h.countUpTo(499)).isEqualTo(499);
        assertThat(h.countUpTo(Long.MAX_VALUE)).isEqualTo(1000);
    }

    /**
     * The histogram against a plain model, a sorted map from bucket to count: the counts up to any value, the fold
     * into fio's buckets and the sum of two histograms agree, whatever octaves the values fall in.
     */
    @Property(tries = 200)
    void countsAgreeWithASortedMapOfBuckets(
            @ForAll @Size(max = 200) List<@LongRange(min = 0, max = Long.MAX_VALUE) Long> first,
            @ForAll @Size(max = 200) List<@LongRange(min = 0, max = 1L << 40) Long> second,
            @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long upTo) {
        LogLinearHistogram a = new LogLinearHistogram();
        LogLinearHistogram b = new LogLinearHistogram();
        TreeMap<Integer, Long> model = new TreeMap<>();
        first.forEach(v -> {
            a.record(v);
            model.merge(LogLinearHistogram.index(v), 1L, Long::sum);
        });
        second.forEach(v -> {
            b.record(v);
            model.merge(LogLinearHistogram.index(v), 1L, Long::sum);
        });
        a.add(b);
        for (long v : new long[] {upTo, upTo / 1000, 0, Long.MAX_VALUE}) {
            long expected = model.headMap(LogLinearHistogram.index(v), true).values().stream()
                    .mapToLong(Long::longValue).sum();
            assertThat(a.countUpTo(v)).as("values up to %d", v).isEqualTo(expected);
        }
        long[] fio = new long[FioLatencyBins.COUNT];
        a.foldInto(fio);
        long[] expectedFio = new long[FioLatencyBins.COUNT];
        for (Map.Entry<Integer, Long> e : model.entrySet()) {
            expectedFio[FioLatencyBins.index(LogLinearHistogram.lowestIn(e.getKey()))] += e.getValue();
        }
        assertThat(fio).isEqualTo(expectedFio);
        long total = first.size() + second.size();
        if (total > 0) {
            assertThat(a.valueAtPercentile(100, total))
                    .isEqualTo(LogLinearHistogram.highestIn(model.lastKey()));
            assertThat(Arrays.stream(fio).sum()).isEqualTo(total);
        }
    }
}
