package org.mqvio.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mqvio.benchmarks.EventKernelBenchmark.Engine;

/** The engines compared by {@link EventKernelBenchmark} really run the same hold model. */
class HoldModelTest {
    private static final int PENDING = 1000;
    private static final int FIRED = 200_000;

    private static double clockAfterRun(Engine engine) {
        HoldModel model = engine.build(PENDING, new DelayStream(42, EventKernelBenchmark.MEAN_DELAY_NS));
        for (int i = 0; i < FIRED; i++) {
            model.fire();
        }
        assertThat(model.pending()).as("%s pending", engine).isEqualTo(PENDING);
        return model.nowNs();
    }

    @Test
    void everyEngineKeepsItsEventsPendingAndReachesTheSameClock() {
        // The events are interchangeable and draw their delays from one stream, so the sequence of pending
        // times, hence the clock, is the same whichever equal-time event fires first: engines must agree exactly.
        double mqvio = clockAfterRun(Engine.MQVIO);
        assertThat(mqvio).isPositive();
        for (Engine engine : Engine.values()) {
            assertThat(clockAfterRun(engine)).as("%s clock", engine).isEqualTo(mqvio);
        }
    }
}
