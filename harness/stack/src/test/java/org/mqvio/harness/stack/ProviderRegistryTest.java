package org.mqvio.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.spi.BlockLayerProvider;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.Parameters;
import org.mqvio.api.spi.Provider;
import org.mqvio.api.spi.ProviderException;
import org.mqvio.api.spi.ProviderKind;
import org.mqvio.api.spi.ProviderRegistry;

class ProviderRegistryTest {
    private record Fake(String name) implements BlockLayerProvider {
        @Override
        public String description() {
            return "fake";
        }

        @Override
        public BlockLayer create(BlockLayerSetup setup) {
            throw new UnsupportedOperationException();
        }
    }

    private static ProviderRegistry withBlockLayers(Iterator<? extends Provider> blockLayers) {
        return ProviderRegistry.load(kind -> kind == ProviderKind.BLOCK_LAYER ? blockLayers : Collections.emptyIterator());
    }

    @Test
    void findsEveryShippedProviderByName() {
        ProviderRegistry r = ProviderRegistry.load();
        assertThat(r.names(ProviderKind.DATA_PLANE)).contains("baseline", "mq");
        assertThat(r.names(ProviderKind.BLOCK_LAYER)).contains("blk-mq");
        assertThat(r.names(ProviderKind.DEVICE)).contains("nvme");
        assertThat(r.dataPlane("mq").name()).isEqualTo("mq");
    }

    @Test
    void unknownNameListsWhatExists() {
        assertThatThrownBy(() -> ProviderRegistry.load().blockLayer("cfq"))
                .isInstanceOf(ProviderException.class)
                .hasMessage("unknown block layer 'cfq'; available: " + String.join(", ",
                        ProviderRegistry.load().names(ProviderKind.BLOCK_LAYER)));
    }

    @Test
    void duplicateNamesFailLoudly() {
        assertThatThrownBy(() -> withBlockLayers(List.of(new Fake("x"), new Fake("y"), new Fake("x")).iterator()))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("duplicate block layer name 'x'")
                .hasMessageContaining("block layers: x, y");
    }

    @Test
    void aProviderThatFailsToLoadIsNamed() {
        Iterator<Provider> broken = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < 2;
            }

            @Override
            public Provider next() {
                if (i++ == 0) {
                    throw new ServiceConfigurationError("org.example.Broken: Provider could not be instantiated",
                            new IllegalStateException("boom"));
                }
                return new Fake("good");
            }
        };
        assertThatThrownBy(() -> withBlockLayers(broken))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("org.example.Broken")
                .hasMessageContaining("boom")
                .hasMessageContaining("block layers: good");
    }

    @Test
    void parametersAreCheckedByTheirSpec() {
        List<ParameterSpec> specs = List.of(ParameterSpec.ofInt("x.depth", 4, 1, 64, "d"),
                ParameterSpec.ofChoice("x.mode", "a", List.of("a", "b"), "m"),
                ParameterSpec.ofBoolean("x.on", false, "o"));
        Parameters p = Parameters.resolve(specs, java.util.Map.of("x.depth", "8", "x.on", "yes"));
        assertThat(p.getInt("x.depth")).isEqualTo(8);
        assertThat(p.getString("x.mode")).isEqualTo("a");
        assertThat(p.getBoolean("x.on")).isTrue();
        assertThatThrownBy(() -> Parameters.resolve(specs, java.util.Map.of("x.depth", "65")))
                .hasMessage("x.depth=65 is out of range; allowed: an integer in [1, 64]");
        assertThatThrownBy(() -> Parameters.resolve(specs, java.util.Map.of("x.mode", "c")))
                .hasMessage("x.mode=c is out of range; allowed: one of a, b");
        assertThatThrownBy(() -> Parameters.resolve(specs, java.util.Map.of("x.depth", "deep")))
                .hasMessage("x.depth='deep' is not valid; allowed: an integer in [1, 64]");
        assertThatThrownBy(() -> Parameters.resolve(specs, java.util.Map.of("x.nope", "1")))
                .hasMessageContaining("unknown parameter 'x.nope'; known parameters: x.depth, x.mode, x.on");
    }
}
