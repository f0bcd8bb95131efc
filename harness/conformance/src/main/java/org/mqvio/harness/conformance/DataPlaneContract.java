package org.mqvio.harness.conformance;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;

/**
 * The conformance kit for a data plane provider: every {@link StackContract} property on stacks with this data
 * plane (and every block layer and device found), plus, when {@link #sameAsWithOneVcpu()} names one, that with
 * one vCPU it behaves exactly like that data plane (invariant 5b, docs/architecture.md#invariant-5b: MQ with one vCPU
 * like the baseline with one vCPU). One short class per provider:
 *
 * <pre>{@code
 * class MyDataPlaneConformanceTest implements DataPlaneContract {
 *     public String dataPlane() { return "mine"; }
 * }
 * }</pre>
 */
public interface DataPlaneContract extends StackContract {

    /** The data plane provider's name. */
    String dataPlane();

    /** Stacks with {@link #dataPlane()} and every block layer and device found. */
    @Override
    default StackSpace stackSpace() {
        return StackSpace.all().withDataPlanes(dataPlane());
    }

    /** A data plane this one must equal with one vCPU (same completions, times and statuses), or empty. */
    default Optional<String> sameAsWithOneVcpu() {
        return Optional.empty();
    }

    /**
     * Cases with one vCPU where only the parameters both data planes declare vary (the others keep their
     * defaults), so the same settings make sense for both.
     */
    @Provide
    default Arbitrary<ConformanceCase> oneVcpuCases() {
        ProviderRegistry registry = stackSpace().registry();
        Set<String> shared = registry.dataPlane(sameAsWithOneVcpu().orElseThrow()).parameters().stream()
                .map(ParameterSpec::name).collect(Collectors.toSet());
        StackSpace space = stackSpace().withMaxVcpus(1);
        for (ParameterSpec spec : registry.dataPlane(dataPlane()).parameters()) {
            if (!shared.contains(spec.name())) {
                space = space.withValues(spec.name(), String.valueOf(spec.defaultValue()));
            }
        }
        return ConformanceArbitraries.cases(space);
    }

    /** Invariant 5b: with one vCPU, this data plane gives exactly the results of its reference. */
    @Property(tries = 50)
    @AddLifecycleHook(ConformanceDepth.class)
    @AddLifecycleHook(SkipWithoutOneVcpuReference.class)
    default void withOneVcpuLikeItsReference(@ForAll("oneVcpuCases") ConformanceCase conformanceCase) {
        StackConfig c = conformanceCase.stack();
        StackConfig reference = c.withDataPlane(sameAsWithOneVcpu().orElseThrow());
        ConformanceCheck.assertSameResults(stackSpace().registry(), conformanceCase.withStack(reference),
                conformanceCase);
    }
}
