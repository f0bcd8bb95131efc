package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** fio's latency buckets, and the run's finer histogram folded into them. */
class FioLatencyBinsTest {
    @Test
    void bucketsAreFiosLogLinearOnes() {
        assertThat(FioLatencyBins.COUNT).as("FIO_IO_U_PLAT_NR").isEqualTo(1856);
        assertThat(FioLatencyBins.index(127)).isEqualTo(127);
        assertThat(FioLatencyBins.index(128)).isEqualTo(FioLatencyBins.index(129)).isEqualTo(128);
        assertThat(FioLatencyBins.index(130)).isEqualTo(129);
        assertThat(FioLatencyBins.value(128)).as("the middle of 128..129, as fio's double arithmetic truncates it")
                .isEqualTo(129);
        assertThat(FioLatencyBins.index(Long.MAX_VALUE)).as("clamped to the last bucket").isEqualTo(1855);
        List<Integer> outside = new ArrayList<>();
        for (int i = 0; i < FioLatencyBins.COUNT; i++) {
            if (FioLatencyBins.index(FioLatencyBins.value(i)) != i) {
                outside.add(i);
            }
        }
        assertThat(outside).as("buckets whose value lies outside them").isEmpty();
    }

    @Test
    void everyBucketOfTheRunsHistogramLiesInOneOfFios() {
        int last = LogLinearHistogram.index(1L << 40);
        List<Integer> split = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            if (FioLatencyBins.index(LogLinearHistogram.lowestIn(i)) != FioLatencyBins.index(LogLinearHistogram.highestIn(i))
                    || LogLinearHistogram.index(LogLinearHistogram.lowestIn(i)) != i) {
                split.add(i);
            }
        }
        assertThat(split).as("buckets split between two of fio's, or whose lowest value is not theirs").isEmpty();
    }

    @Test
    void foldedCountsAreWhatFioWouldHaveCounted() {
        SplittableRandom random = new SplittableRandom(7);
        LatencyStats stats = new LatencyStats();
        long[] direct = new long[FioLatencyBins.COUNT];
        for (int n = 0; n < 20_000; n++) {
            long ns = random.nextLong(1L << random.nextInt(1, 38));
            stats.record(ns);
            direct[FioLatencyBins.index(ns)]++;
        }
        assertThat(stats.fioBins()).isEqualTo(direct);
    }
}
