package org.mqvio.harness.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The kit is a module of its own: it exports only its package and requires jqwik's API as a normal, transitive
 * dependency (a user's test that takes the kit reads jqwik through it), and nothing of the command line.
 */
class KitModuleTest {
    private static ModuleDescriptor kit() {
        Path classes = Path.of(ConformanceRun.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        return ModuleFinder.of(classes).findAll().stream().map(ModuleReference::descriptor).findFirst()
                .orElseThrow(() -> new AssertionError("no module descriptor in " + classes));
    }

    @Test
    void theKitExportsOnlyItsPackage() {
        assertThat(kit().exports()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("org.mqvio.harness.conformance");
            assertThat(e.isQualified()).isFalse();
        });
    }

    @Test
    void jqwikIsATransitiveRequirement() {
        assertThat(kit().requires()).filteredOn(r -> r.name().equals("net.jqwik.api")).singleElement()
                .satisfies(r -> assertThat(r.modifiers()).containsExactly(ModuleDescriptor.Requires.Modifier.TRANSITIVE));
    }

    @Test
    void theKitBringsNoCommandLineChartOrDesktop() {
        assertThat(kit().name()).isEqualTo("org.mqvio.harness.conformance");
        assertThat(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(e -> Path.of(e).getFileName().toString()))
                .as("the kit's tests' class path: the kit's dependencies and the test libraries")
                .isNotEmpty().noneMatch(n -> n.startsWith("picocli") || n.startsWith("xchart")
                        || n.startsWith("VectorGraphics2D") || n.startsWith("mqvio-cli") || n.startsWith("slf4j-simple"));
    }
}
