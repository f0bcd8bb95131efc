package org.mqvio.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PaperShapeTest {
    private static final double[] BASELINE = {190, 380, 400, 360, 330, 310, 300, 290};
    private static final double[] MQ = {190, 380, 560, 700, 780, 820, 840, 850};
    private static final double[] ONE_QUEUE = {145, 100};
    private static final double[] TWO_QUEUES = {193, 202};

    private static List<Boolean> verdicts(double[] b, double[] m, double[] one, double[] two) {
        return PaperShape.check(b, m, one, two).stream().map(PaperShape.Criterion::holds).toList();
    }

    @Test
    void thePapersNumbersHold() {
        assertThat(verdicts(BASELINE, MQ, ONE_QUEUE, TWO_QUEUES)).containsOnly(true).hasSize(6);
        assertThat(PaperShape.holds(PaperShape.check(BASELINE, MQ, ONE_QUEUE, TWO_QUEUES))).isTrue();
    }

    @Test
    void eachCriterionCanFail() {
        assertThat(verdicts(new double[] {190, 380, 400, 360, 370, 310, 300, 290}, MQ, ONE_QUEUE, TWO_QUEUES))
                .as("baseline rises again after its peak").containsExactly(false, true, true, true, true, true);
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
    }

    @Test
    void aOnePercentWobbleIsNotAFallNorARise() {
        assertThat(verdicts(BASELINE, new double[] {190, 380, 560, 700, 695, 820, 840, 850}, ONE_QUEUE,
                new double[] {193, 192})).containsOnly(true);
    }
}
