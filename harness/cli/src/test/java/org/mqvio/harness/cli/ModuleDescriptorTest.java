package org.mqvio.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module descriptors of the built modules, as {@code jar --describe-module} shows them. Every mqvio module
 * on the command line's module path has its exports pinned here exactly (the kit's are pinned in its own
 * KitModuleTest, the example's in its tests): a package that starts or stops being exported is a decision, made
 * here. The API uses every provider interface; implementation modules export nothing but the reusable virtio
 * packages; the harness never requires an implementation module.
 */
class ModuleDescriptorTest {
    /** Every mqvio module the command line runs with, and exactly the packages each one exports. */
    private static final Map<String, Set<String>> EXPORTS = Map.ofEntries(
            Map.entry("org.mqvio.api", Set.of("org.mqvio.api", "org.mqvio.api.block", "org.mqvio.api.cost",
                    "org.mqvio.api.dataplane", "org.mqvio.api.device", "org.mqvio.api.runtime", "org.mqvio.api.spi",
                    "org.mqvio.api.stats", "org.mqvio.api.virtio")),
            Map.entry("org.mqvio.dataplane.baseline", Set.of("org.mqvio.virtio.ring", "org.mqvio.virtio.blk",
                    "org.mqvio.virtio.blk.frontend", "org.mqvio.virtio.blk.backend", "org.mqvio.virtio.blk.dataplane")),
            Map.entry("org.mqvio.dataplane.mq", Set.of()),
            Map.entry("org.mqvio.blkmq", Set.of()),
            Map.entry("org.mqvio.device.nvme", Set.of()),
            Map.entry("org.mqvio.harness.sim", Set.of("org.mqvio.harness.sim")),
            Map.entry("org.mqvio.harness.live", Set.of("org.mqvio.harness.live")),
            Map.entry("org.mqvio.harness.stack", Set.of("org.mqvio.harness.stack", "org.mqvio.harness.workload",
                    "org.mqvio.harness.bench")),
            Map.entry("org.mqvio.harness.fio", Set.of("org.mqvio.harness.fio", "org.mqvio.harness.report",
                    "org.mqvio.harness.sweep")),
            Map.entry("org.mqvio.harness.cli", Set.of()));

    private static ModuleDescriptor descriptor(String module) {
        return ModuleLayer.boot().findModule(module)
                .orElseThrow(() -> new AssertionError(module + " is not on the test module path"))
                .getDescriptor();
    }

    private static Set<String> exports(String module) {
        return descriptor(module).exports().stream().peek(e -> assertThat(e.isQualified()).as(e.toString()).isFalse())
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> provides(String module) {
        return descriptor(module).provides().stream().map(p -> p.service() + " with " + String.join(",", p.providers()))
                .collect(Collectors.toSet());
    }

    @Test
    void everyModuleExportsExactlyItsPinnedPackages() {
        Map<String, Set<String>> found = new TreeMap<>();
        ModuleLayer.boot().modules().stream().map(Module::getName).filter(n -> n.startsWith("org.mqvio."))
                .forEach(n -> found.put(n, exports(n)));
        Map<String, Set<String>> pinned = new TreeMap<>();
        EXPORTS.forEach((module, packages) -> pinned.put(module, new TreeSet<>(packages)));
        assertThat(found).isEqualTo(pinned);
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
    void implementationModulesProvideTheirProviders() {
        assertThat(provides("org.mqvio.dataplane.baseline")).containsExactly(
                "org.mqvio.api.spi.DataPlaneProvider with org.mqvio.dataplane.baseline.BaselineProvider");
        assertThat(provides("org.mqvio.dataplane.mq")).containsExactly(
                "org.mqvio.api.spi.DataPlaneProvider with org.mqvio.dataplane.mq.MqProvider");
        assertThat(provides("org.mqvio.blkmq")).containsExactlyInAnyOrder(
                "org.mqvio.api.spi.BlockLayerProvider with org.mqvio.blkmq.BlkMqProvider,org.mqvio.blkmq.SingleQueueProvider",
                "org.mqvio.api.spi.DataPlaneProvider with org.mqvio.blkmq.NativeProvider");
        assertThat(provides("org.mqvio.device.nvme")).containsExactly(
                "org.mqvio.api.spi.StorageDeviceProvider with org.mqvio.device.nvme.NvmeProvider");
    }

    @Test
    void theHarnessNeverRequiresAnImplementationModule() {
        for (String module : new String[] {"org.mqvio.harness.sim", "org.mqvio.harness.live", "org.mqvio.harness.stack",
            "org.mqvio.harness.fio", "org.mqvio.harness.cli"}) {
            assertThat(descriptor(module).requires().stream().map(ModuleDescriptor.Requires::name))
                    .as(module).noneMatch(n -> n.startsWith("org.mqvio.") && !n.startsWith("org.mqvio.harness.")
                            && !n.equals("org.mqvio.api"));
        }
    }

    @Test
    void onlyTheCommandLineHasPicocliTheChartLibraryAndTheDesktop() {
        for (String module : EXPORTS.keySet()) {
            assertThat(descriptor(module).requires().stream().map(ModuleDescriptor.Requires::name)).as(module)
                    .noneMatch(n -> !module.equals("org.mqvio.harness.cli")
                            && Set.of("info.picocli", "org.knowm.xchart", "java.desktop").contains(n));
        }
    }
}
