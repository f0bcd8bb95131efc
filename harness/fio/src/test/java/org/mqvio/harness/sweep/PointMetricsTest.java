package org.mqvio.harness.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.ReadWrite;
import org.mqvio.harness.workload.SimulationRun;
import org.junit.jupiter.api.Test;

/** The busiest IoThread's share of the window: what tells an IoThread-bound point from one limited elsewhere. */
class PointMetricsTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final long RUNTIME_NS = 5_000_000;

    private static Map<String, Object> point(String dataPlane, int jobs, int iodepth) {
        StackConfig stack = PaperExperiment.stack(StackConfig.defaults(jobs)).withDataPlane(dataPlane).withVcpus(jobs);
        JobSpec job = new JobSpec("p", ReadWrite.RANDREAD, 4096, iodepth, jobs, RUNTIME_NS, RUNTIME_NS / 10, 0, 50);
        return PointMetrics.of(List.of(SimulationRun.run(REGISTRY, stack, job)));
    }

    private static double pct(Map<String, Object> m, String name) {
        return ((Number) m.get(name)).doubleValue();
    }

    @Test
    void theOneIoThreadOfASaturatedBaselineIsBusyTheWholeWindow() {
        Map<String, Object> saturated = point("baseline", 2, 16);
        // Busy time is counted when an item ends, so an item running across a window's edge can lift it a little
        // above 100 (100.042 here: one 2 us item in a 5 ms window).
        assertThat(pct(saturated, "busiest_iothread_pct")).isCloseTo(100.0, org.assertj.core.data.Offset.offset(1.0));
        Map<String, Object> light = point("baseline", 1, 1);
        assertThat(pct(light, "busiest_iothread_pct")).isLessThan(60.0);
    }

    @Test
    void itIsTheBusiestIoThreadNotTheirSum() {
        Map<String, Object> mq = point("mq", 4, 16);
        assertThat(pct(mq, "busiest_iothread_pct")).isGreaterThan(0).isLessThanOrEqualTo(100.0)
                .isLessThan(pct(mq, "iothread_cpu_pct"));
    }
}
