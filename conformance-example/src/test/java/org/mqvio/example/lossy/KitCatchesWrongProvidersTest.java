package org.mqvio.example.lossy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.mqvio.api.Operation;
import org.mqvio.harness.conformance.ConformanceCase;
import org.mqvio.harness.conformance.ConformanceCheck;
import org.mqvio.harness.conformance.ConformanceDepth;
import org.mqvio.harness.conformance.ConformanceFailure;
import org.mqvio.harness.conformance.IoOp;

/**
 * How we know the conformance kit can fail: it runs the kit's contract on each wrong provider of this module
 * through the JUnit Platform launcher, exactly as a build would run a user's contract class, and checks that
 * the main property fails with a readable counter-example that jqwik has shrunk to a request or two, naming
 * the invariant the provider breaks, and that the printed case replays the failure. The same run on the
 * correct {@code baseline} passes.
 *
 * <p>jqwik's seed is fixed (through {@link ConformanceDepth#SEED}) so the test runs the same every time; the
 * faults are found with any seed.
 */
class KitCatchesWrongProvidersTest {
    private static final String MAIN_PROPERTY = "everyRunKeepsTheInvariants";

    /** The result of each property of {@code contract}; skipped ones map to null. */
    private static Map<String, TestExecutionResult> runKit(Class<?> contract) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(contract))
                .filters(EngineFilter.includeEngines("jqwik"))
                .build();
        Map<String, TestExecutionResult> results = new LinkedHashMap<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                if (test.isTest()) {
                    results.put(test.getDisplayName(), result);
                }
            }

            @Override
            public void executionSkipped(TestIdentifier test, String reason) {
                results.put(test.getDisplayName(), null);
            }
        };
        String seed = System.getProperty(ConformanceDepth.SEED);
        System.setProperty(ConformanceDepth.SEED, "20240607");
        try {
            LauncherFactory.create().execute(request, listener);
        } finally {
            if (seed == null) {
                System.clearProperty(ConformanceDepth.SEED);
            } else {
                System.setProperty(ConformanceDepth.SEED, seed);
            }
        }
        assertThat(results).as("properties run for %s", contract.getSimpleName()).containsKey(MAIN_PROPERTY);
        return results;
    }

    /** The counter-example the main property failed with, as jqwik reports it after shrinking. */
    private static ConformanceFailure failureOf(Map<String, TestExecutionResult> results) {
        TestExecutionResult main = results.get(MAIN_PROPERTY);
        assertThat(main.getStatus()).as("the kit's main property").isEqualTo(TestExecutionResult.Status.FAILED);
        Throwable thrown = main.getThrowable().orElseThrow();
        assertThat(thrown).isInstanceOf(ConformanceFailure.class);
        System.out.println("The kit's counter-example, as a user reads it:\n" + thrown.getMessage());
        return (ConformanceFailure) thrown;
    }

    @Test
    void aLostCompletionIsCaughtAndShrunkToOneRequest() {
        ConformanceFailure failure = failureOf(runKit(LossyConformance.class));
        assertThat(failure.violations()).anyMatch(v -> v.invariant().equals("exactly-once completion")
                && v.message().contains("never completed"));
        ConformanceCase shrunk = failure.run().conformanceCase();
        assertThat(shrunk.workload().jobs()).hasSize(1);
        assertThat(shrunk.workload().totalOps()).isEqualTo(1);
        assertThat(shrunk.stack().settings()).containsEntry("lossy.drop_one_in", "1");
        assertThat(failure.getMessage()).contains("--dataplane=lossy").contains("seed:").contains("replay:")
                .contains("submit   #0.0");
        assertThatThrownBy(() -> ConformanceCheck.replay(shrunk.commandLine())).isInstanceOf(ConformanceFailure.class)
                .hasMessageContaining("never completed");
    }

    @Test
    void aWriteOvertakingAFlushIsCaughtAndShrunkToTheFlushAndTheWrite() {
        ConformanceFailure failure = failureOf(runKit(ReorderingConformance.class));
        assertThat(failure.violations()).anyMatch(v -> v.invariant().equals("no write overtakes a flush"));
        ConformanceCase shrunk = failure.run().conformanceCase();
        // jqwik bounds shrinking to 10 s: on an idle machine this shrinks to one job of a flush and a write; on a
        // loaded one it may stop earlier, so the test asserts what every shrink keeps: a job with a flush and a
        // later write, replaying to the same failure.
        assertThat(shrunk.workload().jobs()).anyMatch(job -> {
            List<Operation> ops = job.ops().stream().map(IoOp::operation).toList();
            int flush = ops.indexOf(Operation.FLUSH);
            return flush >= 0 && ops.subList(flush + 1, ops.size()).contains(Operation.WRITE);
        });
        assertThat(failure.getMessage()).contains("--dataplane=reordering").contains("replay:");
        assertThatThrownBy(() -> ConformanceCheck.replay(shrunk.commandLine())).isInstanceOf(ConformanceFailure.class)
                .hasMessageContaining("before any flush did");
    }

    @Test
    void aFuaWriteLeftInTheWriteCacheIsCaughtByTheDurabilityProperty() {
        Map<String, TestExecutionResult> results = runKit(FuaClaimingConformance.class);
        TestExecutionResult durability = results.get("flushedAndFuaWritesAreDurable");
        assertThat(durability).as("the durability property runs").isNotNull();
        assertThat(durability.getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
        Throwable thrown = durability.getThrowable().orElseThrow();
        assertThat(thrown).isInstanceOf(ConformanceFailure.class);
        ConformanceFailure failure = (ConformanceFailure) thrown;
        assertThat(failure.violations()).anyMatch(v -> v.invariant().equals("flush and FUA durability")
                && v.message().contains("without FUA"));
        ConformanceCase shrunk = failure.run().conformanceCase();
        assertThat(shrunk.workload().jobs()).anyMatch(job -> job.ops().stream().anyMatch(IoOp::fua));
        assertThat(failure.getMessage()).contains("--dataplane=fua-claiming").contains("replay:");
    }

    @Test
    void theSameRunPassesOnTheCorrectDataPlane() {
        Map<String, TestExecutionResult> results = runKit(BaselineConformance.class);
        results.forEach((property, result) -> assertThat(result == null
                || result.getStatus() == TestExecutionResult.Status.SUCCESSFUL).as(property + ": " + result).isTrue());
    }
}
