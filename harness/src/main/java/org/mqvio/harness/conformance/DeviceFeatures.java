package org.mqvio.harness.conformance;

import java.util.Map;
import java.util.Optional;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;

/**
 * What a device offers beyond the {@link org.mqvio.api.device.StorageDevice} contract, as the kit finds out
 * from its parameters. A device that stores data declares a BOOLEAN parameter named
 * {@code <namespace>.memory_backed} (for example {@code nvme.memory_backed}); the kit sets it to check that
 * reads return what was written. A simulated power loss has no API yet, so the durability check is skipped
 * with {@link #powerLossUnavailable}.
 */
public final class DeviceFeatures {
    /** The suffix of the parameter that makes a device store data. */
    public static final String MEMORY_BACKED_SUFFIX = ".memory_backed";

    private DeviceFeatures() {
    }

    /** The device's memory-backed parameter, if its provider declares one. */
    public static Optional<String> memoryBackedParameter(ProviderRegistry registry, String device) {
        return registry.device(device).parameters().stream()
                .filter(s -> s.type() == ParameterSpec.Type.BOOLEAN && s.name().endsWith(MEMORY_BACKED_SUFFIX))
                .map(ParameterSpec::name).findFirst();
    }

    /** Whether {@code config}'s device stores data (its memory-backed parameter is true, set or by default). */
    public static boolean memoryBacked(ProviderRegistry registry, StackConfig config) {
        return memoryBacked(registry, config.device(), config.settings());
    }

    /** Whether {@code device} with {@code settings} stores data. */
    public static boolean memoryBacked(ProviderRegistry registry, String device, Map<String, String> settings) {
        return memoryBackedParameter(registry, device).map(name -> {
            String set = settings.get(name);
            ParameterSpec spec = registry.device(device).parameters().stream()
                    .filter(s -> s.name().equals(name)).findFirst().orElseThrow();
            return (Boolean) (set == null ? spec.defaultValue() : spec.parse(set));
        }).orElse(false);
    }

    /** Why read-your-writes cannot be checked on {@code device}, or empty when it can. */
    public static Optional<String> memoryBackedUnavailable(ProviderRegistry registry, String device) {
        if (memoryBackedParameter(registry, device).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("device '" + device + "' declares no BOOLEAN parameter <namespace>" + MEMORY_BACKED_SUFFIX
                + ", so it stores no data and reads cannot be checked against writes");
    }

    /** Why durability across a power loss cannot be checked on {@code device}, or empty when it can. */
    public static Optional<String> powerLossUnavailable(ProviderRegistry registry, String device) {
        return Optional.of("no simulated power loss: the device API offers none yet (device '" + device
                + "'), so flush and FUA durability across a power loss cannot be checked");
    }
}
