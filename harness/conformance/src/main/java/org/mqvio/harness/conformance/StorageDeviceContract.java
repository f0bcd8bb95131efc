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

/**
 * The conformance kit for a storage device provider: every {@link StackContract} property on stacks with this
 * device, plus a stateful contract of the {@link org.mqvio.api.device.StorageDevice} alone, with the kit as the
 * block layer above it ({@link DeviceBench}). One short class per provider:
 *
 * <pre>{@code
 * class MyDeviceConformanceTest implements StorageDeviceContract {
 *     public String device() { return "mine"; }
 * }
 * }</pre>
 */
public interface StorageDeviceContract extends StackContract {

    /** The device provider's name. */
    String device();

    /** Stacks with {@link #device()} and every data plane and block layer found. */
    @Override
    default StackSpace stackSpace() {
        return StackSpace.all().withDevices(device());
    }

    /** Shapes of the bench: generated parameters, host CPUs and seed. */
    @Provide
    default Arbitrary<DeviceBench.Shape> deviceShapes() {
        Arbitrary<Map<String, String>> settings = ParameterCandidates.settings(
                stackSpace().registry().device(device()).parameters());
        return Combinators.combine(settings, Arbitraries.integers().between(1, 4),
                        Arbitraries.longs().between(0, StackSpace.MAX_SEED))
                .as((s, cpus, seed) -> new DeviceBench.Shape(device(), s, cpus, seed))
                .filter(shape -> DeviceBench.opens(stackSpace().registry(), shape));
    }

    /** Chains of up to 60 commands, commits and pauses. */
    @Provide
    default Arbitrary<ActionChain<DeviceBench>> deviceChains() {
        return deviceShapes().flatMap(shape -> ActionChain.startWith(() -> DeviceBench.open(stackSpace().registry(),
                        shape))
                .withAction(4, new DeviceActions.Queue())
                .withAction(1, new DeviceActions.Commit())
                .withAction(1, new DeviceActions.Advance())
                .withMaxTransformations(60));
    }

    /** The device keeps its contract under any commands; once idle, every accepted command completed once. */
    @Property(tries = 150)
    @AddLifecycleHook(ConformanceDepth.class)
    default void deviceKeepsItsContract(@ForAll("deviceChains") ActionChain<DeviceBench> chain) {
        DeviceBench end = chain.withInvariant("device contract", DeviceBench::checkInvariant).run();
        end.drainAndCheck();
    }
}
