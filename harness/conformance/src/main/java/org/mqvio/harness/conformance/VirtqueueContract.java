package org.mqvio.harness.conformance;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.state.ActionChain;

/**
 * The {@link org.mqvio.api.virtio.Virtqueue} contract, as a stateful jqwik contract: a virtqueue is taken from
 * a freshly built stack with the data plane {@link #dataPlane()} (generated ring parameters, nothing running),
 * and a random chain of driver and device calls is checked against the model in {@link VirtqueueBench}. One
 * short class per virtio data plane:
 *
 * <pre>{@code
 * class MyVirtqueueConformanceTest implements VirtqueueContract {
 *     public String dataPlane() { return "mine"; }
 * }
 * }</pre>
 */
public interface VirtqueueContract {

    /** The data plane whose virtqueues are checked. */
    String dataPlane();

    /** The stacks the virtqueue is taken from: {@link #dataPlane()} with generated parameters, 1 or 2 vCPUs. */
    default StackSpace virtqueueStacks() {
        return StackSpace.all().withDataPlanes(dataPlane()).withMaxVcpus(2);
    }

    /** Chains of up to 40 calls on a virtqueue. */
    @Provide
    default Arbitrary<ActionChain<VirtqueueBench>> virtqueueChains() {
        StackSpace space = virtqueueStacks();
        return space.configs().filter(c -> VirtqueueBench.opens(space.registry(), c))
                .flatMap(config -> ActionChain.startWith(() -> VirtqueueBench.open(space.registry(), config))
                        .withAction(4, new VirtqueueActions.Add())
                        .withAction(3, new VirtqueueActions.KickPrepare())
                        .withAction(3, new VirtqueueActions.Pop())
                        .withAction(3, new VirtqueueActions.Push())
                        .withAction(3, new VirtqueueActions.GetUsed())
                        .withAction(1, new VirtqueueActions.ShouldNotify())
                        .withAction(1, new VirtqueueActions.EnableCallback())
                        .withAction(1, new VirtqueueActions.DisableCallback())
                        .withAction(1, new VirtqueueActions.EnableNotification())
                        .withAction(1, new VirtqueueActions.DisableNotification())
                        .withMaxTransformations(40));
    }

    /** Any chain of calls keeps the contract, and at the end every descriptor comes back. */
    @Property(tries = 150)
    @AddLifecycleHook(ConformanceDepth.class)
    default void virtqueueKeepsItsContract(@ForAll("virtqueueChains") ActionChain<VirtqueueBench> chain) {
        VirtqueueBench end = chain.withInvariant("descriptors accounted, not broken", VirtqueueBench::checkInvariant)
                .run();
        end.drainAndCheck();
    }
}
