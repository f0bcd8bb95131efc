package org.mqvio.harness.dataplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;
import org.mqvio.harness.workload.JobSpec;
import org.mqvio.harness.workload.RunResult;
import org.mqvio.harness.workload.SimulationRun;

/**
 * The papers' shape on the simulation with the default cost table, 4 KB random reads at iodepth 16 on a
 * null-mode device: the shared-queue baseline falls past its peak as jobs grow, the queue-per-vCPU design
 * never falls and beats the baseline at 8 jobs by at least 2x, and with one vCPU both are the same.
 */
class DataPlaneShapeTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final List<Double> BASELINE = new ArrayList<>();
    private static final List<Double> MQ = new ArrayList<>();

    private static double iops(String dataPlane, int jobs) {
        RunResult r = SimulationRun.run(REGISTRY, StackConfig.defaults(jobs).withDataPlane(dataPlane),
                new JobSpec("shape", org.mqvio.harness.workload.ReadWrite.RANDREAD, 4096, 16, jobs, 10_000_000,
                        1_000_000, 0, 50));
        return r.iops();
    }

    @BeforeAll
    static void sweep() {
        for (int jobs = 1; jobs <= 8; jobs++) {
            BASELINE.add(iops("baseline", jobs));
            MQ.add(iops("mq", jobs));
        }
    }

    @Test
    void baselineAtEightJobsIsBelowItsPeak() {
        double peak = BASELINE.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertThat(BASELINE.get(7)).as("baseline IOPS by numjobs: %s", BASELINE).isLessThan(peak);
    }

    @Test
    void mqNeverFallsAsJobsGrow() {
        for (int i = 1; i < MQ.size(); i++) {
            assertThat(MQ.get(i)).as("mq IOPS by numjobs: %s", MQ).isGreaterThanOrEqualTo(MQ.get(i - 1) * 0.99);
        }
    }

    @Test
    void mqBeatsTheBaselineAtEightJobsByAtLeastTwice() {
        assertThat(MQ.get(7)).isGreaterThanOrEqualTo(2 * BASELINE.get(7));
    }

    @Test
    void withOneVcpuBothDesignsAreTheSame() {
        assertThat(MQ.get(0)).isCloseTo(BASELINE.get(0), within(BASELINE.get(0) * 0.01));
    }
}
