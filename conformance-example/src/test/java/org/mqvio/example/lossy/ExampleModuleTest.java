package org.mqvio.example.lossy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Like any provider module, the example exports nothing: its designs are found through ServiceLoader only. */
class ExampleModuleTest {
    @Test
    void exportsNothingAndProvidesThreeDataPlanes() {
        Module module = LossyProvider.class.getModule();
        assertThat(module.isNamed()).as("the example runs as a named module").isTrue();
        assertThat(module.getDescriptor().exports()).isEmpty();
        assertThat(module.getDescriptor().provides()).singleElement()
                .satisfies(p -> assertThat(p.providers()).hasSize(3));
    }
}
