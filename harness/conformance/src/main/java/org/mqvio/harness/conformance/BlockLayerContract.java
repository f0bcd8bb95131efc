package org.mqvio.harness.conformance;

import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.state.ActionChain;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.harness.stack.StackConfig;

/**
 * The conformance kit for a block layer provider: every {@link StackContract} property on stacks with this
 * block layer in the guest and on the host, plus a stateful contract of the {@link org.mqvio.api.block.BlockLayer}
 * alone over a driver that answers busy and completes in any order as the actions say ({@link BlockLayerBench}).
 * One short class per provider:
 *
 * <pre>{@code
 * class MyBlockLayerConformanceTest implements BlockLayerContract {
 *     public String blockLayer() { return "mine"; }
 * }
 * }</pre>
 */
public interface BlockLayerContract extends StackContract {

    /** The block layer provider's name. */
    String blockLayer();

    /** Stacks with {@link #blockLayer()} in the guest and on the host, and every data plane and device found. */
    @Override
    default StackSpace stackSpace() {
        return StackSpace.all().withBlockLayers(blockLayer());
    }

    /** Whether the block layer with {@code settings} may reorder requests (by default as the stack space says). */
    default boolean mayReorder(Map<String, String> settings) {
        StackConfig config = StackConfig.defaults(1);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            config = config.withSetting(e.getKey(), e.getValue());
        }
        return stackSpace().mayReorder(config);
    }

    /** Shapes of the bench: generated parameters, role, CPUs, queues, depth and seed. */
    @Provide
    default Arbitrary<BlockLayerBench.Shape> blockLayerShapes() {
        Arbitrary<Map<String, String>> settings = ParameterCandidates.settings(
                stackSpace().registry().blockLayer(blockLayer()).parameters());
        return Combinators.combine(settings, Arbitraries.of(BlockLayerSetup.Role.values()),
                        Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 4),
                        Arbitraries.integers().between(1, 8), Arbitraries.longs().between(0, StackSpace.MAX_SEED))
                .as((s, role, cpus, queues, depth, seed) -> new BlockLayerBench.Shape(blockLayer(), s, role, cpus, queues,
                        depth, seed))
                .filter(shape -> BlockLayerBench.opens(stackSpace().registry(), shape));
    }

    /** Chains of up to 60 submissions, refusals, completions and pauses. */
    @Provide
    default Arbitrary<ActionChain<BlockLayerBench>> blockLayerChains() {
        return blockLayerShapes().flatMap(shape -> ActionChain.startWith(() -> BlockLayerBench.open(
                        stackSpace().registry(), shape, mayReorder(shape.settings())))
                .withAction(4, new BlockLayerActions.Submit())
                .withAction(3, new BlockLayerActions.Complete())
                .withAction(1, new BlockLayerActions.Refuse())
                .withAction(1, new BlockLayerActions.Advance())
                .withMaxTransformations(60));
    }

    /**
     * The block layer keeps its contract under any submissions, refusals and completion order, and once the
     * driver completes everything, every request has completed exactly once.
     */
    @Property(tries = 150)
    @AddLifecycleHook(ConformanceDepth.class)
    default void blockLayerKeepsItsContract(@ForAll("blockLayerChains") ActionChain<BlockLayerBench> chain) {
        BlockLayerBench end = chain.withInvariant("driver contract, exactly once, order", BlockLayerBench::checkInvariant)
                .run();
        end.drainAndCheck();
    }
}
