package org.mqvio.harness.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Asserts the module descriptors of the built modules, as {@code jar --describe-module} shows them: the API
 * uses every provider interface and requires only java.base and SLF4J's API; implementation modules provide and export
 * nothing but the reusable virtio packages.
 */
class ModuleDescriptorTest {
    private static ModuleDescriptor descriptor(String module) {
        return ModuleLayer.boot().findModule(module)
                .orElseThrow(() -> new AssertionError(module + " is not on the test module path"))
                .getDescriptor();
    }

    private static Set<String> exports(String module) {
        return descriptor(module).exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet());
    }

    private static Set<String> provides(String module) {
        return descriptor(module).provides().stream().map(p -> p.service() + " with " + String.join(",", p.providers()))
                .collect(Collectors.toSet());
    }

    @Test
    void apiUsesEveryProviderInterfaceAndRequiresOnlyJavaBaseAndSlf4j() {
        ModuleDescriptor api = descriptor("org.mqvio.api");
        assertThat(api.uses()).containsExactlyInAnyOrder("org.mqvio.api.spi.DataPlaneProvider",
                "org.mqvio.api.spi.BlockLayerProvider", "org.mqvio.api.spi.StorageDeviceProvider");
        assertThat(api.requires().stream().map(ModuleDescriptor.Requires::name))
                .as("java.base, and SLF4J's API to log a provider that failed to load")
                .containsExactlyInAnyOrder("java.base", "org.slf4j");
        assertThat(api.requires().stream().filter(r -> r.name().equals("org.slf4j")).findFirst().orElseThrow()
                .modifiers()).as("not passed on to the API's users").isEmpty();
    }

    @Test
    void implementationModulesProvideAndExportNoImplementation() {
        assertThat(exports("org.mqvio.dataplane.baseline")).containsExactlyInAnyOrder("org.mqvio.virtio.ring",
                "org.mqvio.virtio.blk", "org.mqvio.virtio.blk.frontend", "org.mqvio.virtio.blk.backend",
                "org.mqvio.virtio.blk.dataplane");
        assertThat(provides("org.mqvio.dataplane.baseline")).containsExactly(
                "org.mqvio.api.spi.DataPlaneProvider with org.mqvio.dataplane.baseline.BaselineProvider");
        assertThat(exports("org.mqvio.dataplane.mq")).isEmpty();
        assertThat(provides("org.mqvio.dataplane.mq")).containsExactly(
                "org.mqvio.api.spi.DataPlaneProvider with org.mqvio.dataplane.mq.MqProvider");
        assertThat(exports("org.mqvio.blkmq")).isEmpty();
        assertThat(provides("org.mqvio.blkmq")).containsExactlyInAnyOrder(
                "org.mqvio.api.spi.BlockLayerProvider with org.mqvio.blkmq.BlkMqProvider,org.mqvio.blkmq.SingleQueueProvider",
                "org.mqvio.api.spi.DataPlaneProvider with org.mqvio.blkmq.NativeProvider");
        assertThat(exports("org.mqvio.device.nvme")).isEmpty();
        assertThat(provides("org.mqvio.device.nvme")).containsExactly(
                "org.mqvio.api.spi.StorageDeviceProvider with org.mqvio.device.nvme.NvmeProvider");
    }

    @Test
    void theHarnessNeverRequiresAnImplementationModule() {
        for (String module : new String[] {"org.mqvio.harness.sim", "org.mqvio.harness.live", "org.mqvio.harness.stack"}) {
            assertThat(descriptor(module).requires().stream().map(ModuleDescriptor.Requires::name))
                    .as(module).noneMatch(n -> n.startsWith("org.mqvio.") && !n.startsWith("org.mqvio.harness.")
                            && !n.equals("org.mqvio.api"));
        }
    }
}
