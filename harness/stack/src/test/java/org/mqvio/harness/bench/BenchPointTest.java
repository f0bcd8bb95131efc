package org.mqvio.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchPointTest {

    @Test
    void theJobKeepsThePointsIodepthInFlightPerClone() {
        BenchPoint point = new BenchPoint("mq", 4, 8, 2);

        assertThat(point.job(100).iodepth()).isEqualTo(2);
        assertThat(point.job(100).numjobs()).isEqualTo(4);
    }

    @Test
    void withoutAnIodepthThePointKeepsTheDefault() {
        assertThat(BenchPoint.of("mq", 64).job(100).iodepth()).isEqualTo(BenchPoint.IODEPTH);
        assertThat(new BenchPoint("mq", 1, 4).iodepth()).isEqualTo(BenchPoint.IODEPTH);
    }

    @Test
    void anIodepthBelowOneIsRefusedNamingTheOption() {
        assertThatThrownBy(() -> new BenchPoint("mq", 1, 4, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--iodepth=0 is invalid; allowed: an integer >= 1");
    }
}
