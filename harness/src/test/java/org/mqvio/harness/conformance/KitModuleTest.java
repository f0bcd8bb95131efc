package org.mqvio.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import org.junit.jupiter.api.Test;

/** The kit is an exported package of the harness, which needs jqwik's API only to compile it. */
class KitModuleTest {
    private static ModuleDescriptor harness() {
        return ModuleLayer.boot().findModule("org.mqvio.harness")
                .orElseThrow(() -> new AssertionError("org.mqvio.harness is not on the test module path")).getDescriptor();
    }

    @Test
    void theHarnessExportsTheKit() {
        assertThat(harness().exports()).anyMatch(e -> e.source().equals("org.mqvio.harness.conformance")
                && !e.isQualified());
    }

    @Test
    void jqwikIsAStaticRequirementOnly() {
        assertThat(harness().requires()).filteredOn(r -> r.name().equals("net.jqwik.api")).singleElement()
                .satisfies(r -> assertThat(r.modifiers()).containsExactly(ModuleDescriptor.Requires.Modifier.STATIC));
    }
}
