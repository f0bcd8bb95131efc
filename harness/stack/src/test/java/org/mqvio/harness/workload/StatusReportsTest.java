package org.mqvio.harness.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;

/**
 * fio's periodic status reports ({@link RunControl#statusEvery}) in a simulated run: one at every multiple of the
 * interval while the jobs measure, each the result so far at that simulated instant, and the run itself unchanged.
 */
class StatusReportsTest {
    private static final ProviderRegistry REGISTRY = ProviderRegistry.load();
    private static final long MS = 1_000_000L;

    private static RunResult run(RunControl control, long runtimeNs) {
        return SimulationRun.run(REGISTRY, StackConfig.defaults(1), List.of(JobSpec.randread(1, 4, runtimeNs)), control);
    }

    @Test
    void aReportAtEachMultipleOfTheIntervalGrowingToTheFinalResult() {
        RunControl control = new RunControl();
        control.statusEvery(7 * MS);
        List<RunResult> reports = new ArrayList<>();
        control.onStatus(reports::add);
        RunResult end = run(control, 30 * MS);
        assertThat(reports).as("floor(30 ms / 7 ms) reports").hasSize(4);
        long before = 0;
        for (int k = 0; k < reports.size(); k++) {
            RunResult r = reports.get(k);
            assertThat(r.windowEndNs()).as("report %d's instant", k + 1).isEqualTo((k + 1) * 7 * MS);
            assertThat(r.ios()).as("cumulative").isGreaterThan(before);
            before = r.ios();
            for (CloneResult c : r.jobs().get(0).clones()) {
                assertThat(c.read().runtimeNs()).isEqualTo((k + 1) * 7 * MS - c.windowStartNs());
            }
        }
        assertThat(end.ios()).isGreaterThan(before);
        assertThat(end.ios() - before).as("the last 2 ms hold about 2/28 of the I/O")
                .isBetween(end.ios() * 15 / 300, end.ios() * 25 / 300);
    }

    @Test
    void aReportAtTheWindowsEndIsTheFinalResultAndTheRunIsUnchanged() {
        RunControl control = new RunControl();
        control.statusEvery(10 * MS);
        List<RunResult> reports = new ArrayList<>();
        control.onStatus(reports::add);
        RunResult with = run(control, 20 * MS);
        RunResult without = run(new RunControl(), 20 * MS);
        assertThat(reports).hasSize(2);
        assertThat(with.digest()).as("the same events in the same order").isEqualTo(without.digest());
        assertThat(with.ios()).isEqualTo(without.ios());
        RunResult last = reports.get(1);
        assertThat(last.ios()).isEqualTo(with.ios());
        assertThat(last.jobs().get(0).clones().get(0).read().clat().mean())
                .isEqualTo(with.jobs().get(0).clones().get(0).read().clat().mean());
    }

    @Test
    void theNextBatchGoesOnInThePlansTime() {
        RunControl control = new RunControl();
        control.statusEvery(10 * MS);
        List<RunResult> reports = new ArrayList<>();
        control.onStatus(reports::add);
        run(control, 15 * MS);
        assertThat(reports).hasSize(1);
        run(control, 15 * MS);
        assertThat(reports).as("at 20 and 30 ms of the plan: about 5 and 15 ms into the second batch")
                .hasSize(3);
        assertThat(reports.get(1).windowEndNs()).isBetween(4 * MS, 5 * MS);
    }

    @Test
    void anIntervalOfZeroIsRefused() {
        assertThatThrownBy(() -> new RunControl().statusEvery(0)).hasMessageContaining("allowed: > 0");
    }
}
