package org.mqvio.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.spi.DataPlaneProvider;
import org.mqvio.api.spi.DataPlaneSetup;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.ProviderKind;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.sim.SimPlatform;

/**
 * A data plane has a guest driver exactly when its provider is virtualized: the stack puts a guest block layer
 * over it then, and submits straight to the host block layer otherwise; a provider that breaks the rule is
 * named when its stack is built.
 */
class StackGuestDriverTest {
    private static final ProviderRegistry SHIPPED = ProviderRegistry.load();

    /** A shipped data plane provider under another name, claiming {@code virtualized} whatever it is. */
    private record Claiming(String name, DataPlaneProvider real, boolean virtualized) implements DataPlaneProvider {
        @Override
        public String description() {
            return real.name() + ", claiming virtualized=" + virtualized;
        }

        @Override
        public List<ParameterSpec> parameters() {
            return real.parameters();
        }

        @Override
        public DataPlane create(DataPlaneSetup setup) {
            return real.create(setup);
        }
    }

    private static Stack build(ProviderRegistry registry, String dataPlane) {
        StackConfig config = StackConfig.defaults(2).withDataPlane(dataPlane);
        return Stack.build(registry, config, new SimPlatform(CostTableFile.defaults(), config.hostCpus(), 1));
    }

    private static ProviderRegistry withDataPlane(DataPlaneProvider extra) {
        return ProviderRegistry.load(kind -> kind == ProviderKind.DATA_PLANE
                ? List.of(SHIPPED.dataPlane("baseline"), SHIPPED.dataPlane("native"), extra).iterator()
                : SHIPPED.all(kind).iterator());
    }

    @Test
    void aVirtualizedDataPlaneHasAGuestDriverUnderTheGuestBlockLayer() {
        Stack stack = build(SHIPPED, "baseline");
        assertThat(stack.dataPlane().guestDriver()).isPresent();
        assertThat(stack.guestBlockLayer()).isPresent();
        assertThat(stack.submissionLayer()).isSameAs(stack.guestBlockLayer().orElseThrow());
    }

    @Test
    void theNativeDataPlaneHasNoGuestDriverAndItsJobsSubmitToTheHost() {
        Stack stack = build(SHIPPED, "native");
        assertThat(stack.dataPlane().guestDriver()).isEmpty();
        assertThat(stack.guestBlockLayer()).isEmpty();
        assertThat(stack.submissionLayer()).isSameAs(stack.hostBlockLayer());
    }

    @Test
    void aVirtualizedProviderWhoseDataPlaneHasNoGuestDriverIsNamed() {
        ProviderRegistry registry = withDataPlane(new Claiming("fake-guest", SHIPPED.dataPlane("native"), true));
        assertThatThrownBy(() -> build(registry, "fake-guest"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("data plane provider 'fake-guest' says it is virtualized but its data plane has no guest"
                        + " driver; a data plane has a guest driver exactly when its provider is virtualized");
    }

    @Test
    void aProviderThatIsNotVirtualizedButHasAGuestDriverIsNamed() {
        ProviderRegistry registry = withDataPlane(new Claiming("fake-native", SHIPPED.dataPlane("baseline"), false));
        assertThatThrownBy(() -> build(registry, "fake-native"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("data plane provider 'fake-native' says it is not virtualized but its data plane has a"
                        + " guest driver; a data plane has a guest driver exactly when its provider is virtualized");
    }
}
