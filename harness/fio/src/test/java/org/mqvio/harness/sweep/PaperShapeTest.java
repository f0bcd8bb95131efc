package org.mqvio.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaperShapeTest {
    private static final double[] BASELINE = {190, 380, 400, 360, 330, 310, 300, 290};
    private static final double[] MQ = {190, 380, 560, 700, 780, 820, 840, 850};
    private static final double[] ONE_QUEUE = PaperShape.MING_LEI_ONE_QUEUE;
    private static final double[] TWO_QUEUES = PaperShape.MING_LEI_TWO_QUEUES;

    private static List<Boolean> verdicts(double[] b, double[] m, double[] one, double[] two) {
        return PaperShape.check(b, m, one, two).stream().map(PaperShape.Criterion::holds).toList();
    }

    private static PaperShape.Criterion criterion(String key, double[] b, double[] m, double[] one, double[] two) {
        return PaperShape.check(b, m, one, two).stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
    }

    private static double[] margins(PaperShape.Criterion c) {
        return c.margins().stream().mapToDouble(PaperShape.Margin::value).toArray();
    }

    @Test
    void thePapersNumbersHold() {
        assertThat(verdicts(BASELINE, MQ, ONE_QUEUE, TWO_QUEUES)).containsOnly(true).hasSize(9);
        assertThat(PaperShape.holds(PaperShape.check(BASELINE, MQ, ONE_QUEUE, TWO_QUEUES))).isTrue();
    }

    @Test
    void eachCriterionCanFail() {
        assertThat(verdicts(new double[] {190, 380, 400, 360, 370, 310, 300, 290}, MQ, ONE_QUEUE, TWO_QUEUES))
                .as("baseline rises again after its peak")
                .containsExactly(false, true, true, true, true, true, true, true, true);
        assertThat(verdicts(new double[] {100, 200, 300, 400, 500, 600, 700, 800}, MQ, ONE_QUEUE, TWO_QUEUES).get(0))
                .as("the peak at the last point is no fall").isFalse();
        assertThat(verdicts(new double[] {190, 380, 400, 390, 380, 370, 360, 350}, MQ, ONE_QUEUE, TWO_QUEUES).get(1))
                .as("12.5% below the peak").isFalse();
        assertThat(verdicts(BASELINE, new double[] {190, 380, 560, 700, 780, 820, 800, 850}, ONE_QUEUE, TWO_QUEUES).get(2))
                .as("mq falls once").isFalse();
        assertThat(verdicts(BASELINE, new double[] {190, 380, 560, 700, 780, 820, 840, 1200}, ONE_QUEUE, TWO_QUEUES)
                .get(3)).as("ratio 4.1").isFalse();
        assertThat(verdicts(BASELINE, MQ, new double[] {145, 130}, TWO_QUEUES).get(4)).as("10% fall").isFalse();
        assertThat(verdicts(BASELINE, MQ, new double[] {145, 60}, TWO_QUEUES).get(4)).as("59% fall").isFalse();
        assertThat(verdicts(BASELINE, MQ, ONE_QUEUE, new double[] {193, 180}).get(5)).as("two queues fall").isFalse();
        assertThat(verdicts(BASELINE, MQ, new double[] {193, 130}, new double[] {190, 196}))
                .as("two queues level with one at 2 jobs (today's model): only his first ratio fails")
                .containsExactly(true, true, true, true, true, true, false, true, true);
        assertThat(verdicts(BASELINE, MQ, new double[] {145_000, 115_000}, TWO_QUEUES).subList(4, 9))
                .as("one queue falls 21%: his 20-40% holds, his 0.69 within 25% holds")
                .containsExactly(true, true, true, true, true);
        assertThat(verdicts(BASELINE, MQ, ONE_QUEUE, new double[] {193, 260}).get(8)).as("two queues +35%").isFalse();
    }

    @Test
    void aOnePercentWobbleIsNotAFallNorARise() {
        assertThat(verdicts(BASELINE, new double[] {190, 380, 560, 700, 695, 820, 840, 850}, ONE_QUEUE,
                new double[] {193_000, 192_000})).containsExactly(true, true, true, true, true, true, true, true, true);
    }

    @Test
    void marginsAreTheDistancesToEachThreshold() {
        // Peak 400 at 3 jobs, 290 at 8: 27.5% below, 7.5 points above 20%; the largest step past the peak is
        // 300 -> 290 (-3.3%), the mildest 310 -> 300 (-3.2%): 1% + 3.2% = 4.2% of margin.
        assertThat(margins(criterion("drop", BASELINE, MQ, ONE_QUEUE, TWO_QUEUES))).containsExactly(new double[] {0.075},
                within(1e-9));
        assertThat(margins(criterion("falls", BASELINE, MQ, ONE_QUEUE, TWO_QUEUES))[0])
                .isCloseTo(0.01 + 10.0 / 310, within(1e-9));
        // mq's smallest step is 840 -> 850 (+1.19%): margin 2.19%.
        assertThat(margins(criterion("mq", BASELINE, MQ, ONE_QUEUE, TWO_QUEUES))[0]).isCloseTo(0.01 + 10.0 / 840,
                within(1e-9));
        double ratio = 850.0 / 290;
        assertThat(margins(criterion("ratio", BASELINE, MQ, ONE_QUEUE, TWO_QUEUES)))
                .containsExactly(new double[] {ratio - 2.55, 3.38 - ratio}, within(1e-9));
        assertThat(margins(criterion("ml-1q-fall", BASELINE, MQ, new double[] {100, 70}, TWO_QUEUES)))
                .containsExactly(new double[] {0.10, 0.10}, within(1e-9));
        assertThat(margins(criterion("ml-2q-hold", BASELINE, MQ, ONE_QUEUE, new double[] {100, 98})))
                .containsExactly(new double[] {-0.01}, within(1e-9));
        double his = 193.0 / 145;
        assertThat(margins(criterion("ml-2q/1q", BASELINE, MQ, new double[] {100, 70}, new double[] {120, 120})))
                .containsExactly(new double[] {1.2 - 0.75 * his, 1.25 * his - 1.2}, within(1e-9));
        assertThat(criterion("ml-2q/1q", BASELINE, MQ, ONE_QUEUE, TWO_QUEUES).formattedMargins()).isEqualTo("+0.333/+0.333");
    }

    @Test
    void aFigureOnAThresholdMeetsItAndOneJustPastItDoesNot() {
        // baseline exactly 20% below its peak, then a hair less.
        assertThat(criterion("drop", new double[] {50, 100, 90, 80}, MQ4, ONE_QUEUE, TWO_QUEUES).holds()).isTrue();
        assertThat(criterion("drop", new double[] {50, 100, 90, 80.001}, MQ4, ONE_QUEUE, TWO_QUEUES).holds()).isFalse();
        // a rise of exactly 1% past the peak is still a fall; a hair more is not.
        assertThat(criterion("falls", new double[] {50, 100, 90, 90.9}, MQ4, ONE_QUEUE, TWO_QUEUES).holds()).isTrue();
        assertThat(criterion("falls", new double[] {50, 100, 90, 90.901}, MQ4, ONE_QUEUE, TWO_QUEUES).holds()).isFalse();
        // a dip, then a climb to a later peak, is not a fall as jobs grow, although everything past the peak falls.
        assertThat(criterion("falls", new double[] {50, 100, 80, 70, 101, 60}, new double[] {1, 2, 3, 4, 5, 6},
                ONE_QUEUE, TWO_QUEUES).holds()).isFalse();
        assertThat(criterion("falls", new double[] {50, 100, 80, 80.8, 70, 60}, new double[] {1, 2, 3, 4, 5, 6},
                ONE_QUEUE, TWO_QUEUES).holds()).as("a rise of 1% after the first fall is noise").isTrue();
        // mq losing exactly 1% in a step holds; a hair more fails.
        assertThat(criterion("mq", B4, new double[] {100, 200, 300, 297}, ONE_QUEUE, TWO_QUEUES).holds()).isTrue();
        assertThat(criterion("mq", B4, new double[] {100, 200, 300, 296.999}, ONE_QUEUE, TWO_QUEUES).holds()).isFalse();
        // the ratio band [2.55, 3.38] includes both ends.
        for (double[] ok : new double[][] {{255}, {338}}) {
            assertThat(criterion("ratio", B4, new double[] {100, 200, 300, ok[0]}, ONE_QUEUE, TWO_QUEUES).holds()).isTrue();
        }
        for (double[] bad : new double[][] {{254.99}, {338.01}}) {
            assertThat(criterion("ratio", B4, new double[] {100, 200, 300, bad[0]}, ONE_QUEUE, TWO_QUEUES).holds())
                    .isFalse();
        }
        // Ming Lei's one-queue 4/2 ratio: his 100/145, 25% either way, ends included.
        double lo = 100.0 / 145 * 0.75 * 1000;
        double hi = 100.0 / 145 * 1.25 * 1000;
        assertThat(criterion("ml-1q-4/2", B4, MQ4, new double[] {1000, lo}, TWO_QUEUES).holds()).isTrue();
        assertThat(criterion("ml-1q-4/2", B4, MQ4, new double[] {1000, hi}, TWO_QUEUES).holds()).isTrue();
        assertThat(criterion("ml-1q-4/2", B4, MQ4, new double[] {1000, lo - 0.001}, TWO_QUEUES).holds()).isFalse();
        assertThat(criterion("ml-1q-4/2", B4, MQ4, new double[] {1000, hi + 0.001}, TWO_QUEUES).holds()).isFalse();
    }

    private static final double[] B4 = {100, 120, 110, 100};
    private static final double[] MQ4 = {100, 200, 300, 300};

    @Test
    void theEnvelopeAsksForTwiceOnAnyHostAndThePapersBandOnTheDefaultOne() {
        double[] mq = {100, 200, 300, 400};
        double[] b = {100, 120, 110, 96};
        // ratio 4.17: too high for the papers' band, enough for any other host.
        assertThat(PaperShape.envelope(b, mq, false)).allMatch(PaperShape.Criterion::holds).hasSize(3);
        assertThat(PaperShape.failing(PaperShape.envelope(b, mq, true))).containsExactly("ratio");
        assertThat(PaperShape.envelope(b, new double[] {100, 150, 180, 192}, false).get(2).holds()).as("exactly 2").isTrue();
        assertThat(PaperShape.failing(PaperShape.envelope(b, new double[] {100, 150, 180, 191.9}, false)))
                .containsExactly("ratio");
        assertThat(PaperShape.failing(PaperShape.envelope(new double[] {100, 120, 110, 97}, mq, false)))
                .as("19.2% below the peak").containsExactly("drop");
        assertThat(PaperShape.envelope(b, mq, false).get(2).margins()).hasSize(1);
    }
}
