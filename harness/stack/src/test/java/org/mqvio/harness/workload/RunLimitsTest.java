package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.harness.stack.StackConfig;

/** The limits checked before a run: I/O in flight, and the memory estimate against the heap, each named. */
class RunLimitsTest {
    private static final long MIB = 1 << 20;

    @Test
    void ioInFlightAboveTheLimitIsRefusedWithEveryJobsTerms() {
        assertThatCode(() -> RunLimits.checkInFlight(List.of(JobSpec.randread(256, 1024, 1)))).doesNotThrowAnyException();
        assertThatThrownBy(() -> RunLimits.checkInFlight(List.of(JobSpec.randread(256, 1024, 1),
                JobSpec.randread(1, 1, 1)))).hasMessage("numjobs x iodepth = 256 x 1024 + 1 x 1 = 262145 I/Os in flight"
                + " is above the limit 262144; allowed: numjobs x iodepth (summed over jobs run side by side) <= 262144");
    }

    @Test
    void theMemoryEstimateNamesItsLargestTermAndTheHeap() {
        StackConfig stack = StackConfig.defaults(1024);
        List<JobSpec> jobs = List.of(JobSpec.randread(1, 1, 1));
        assertThatCode(() -> RunLimits.check(stack, jobs, 1024 * MIB)).doesNotThrowAnyException();
        assertThatThrownBy(() -> RunLimits.check(stack, jobs, 256 * MIB))
                .hasMessageStartingWith("the run needs about 192 MiB of memory for 1024 vCPUs, 1 clones, 4 host CPUs and"
                        + " 1 I/Os in flight, above the limit of half the Java heap (128 MiB); allowed: a smaller --vcpus"
                        + " (1024)");
        assertThatThrownBy(() -> RunLimits.check(StackConfig.defaults(4), List.of(JobSpec.randread(2048, 1, 1)), 512 * MIB))
                .hasMessageContaining("allowed: a smaller numjobs (2048 clones)");
        assertThatThrownBy(() -> RunLimits.check(StackConfig.defaults(1), List.of(JobSpec.randread(1, 262144, 1)),
                64 * MIB)).hasMessageContaining("allowed: a smaller numjobs x iodepth (262144)");
    }
}
