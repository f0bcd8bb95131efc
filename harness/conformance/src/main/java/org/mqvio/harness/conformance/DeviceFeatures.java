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
 * reads return what was written. A device that can lose power declares a LONG parameter named
 * {@code <namespace>.power_loss_at_ns} (for example {@code nvme.power_loss_at_ns}); with both, the kit cuts the
 * power during a run and reads back what survived ({@link Invariants#powerLossDurability}).
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

    /** The suffix of a device parameter that makes it lose power at a time, in ns. */
    public static final String POWER_LOSS_SUFFIX = ".power_loss_at_ns";

    /**
     * The suffix of a device parameter that makes reads return corrupted data on purpose (silent corruption, for
     * checks of data such as fio's verify): a stack case never sets it, and a device case that does is not checked
     * for reads returning what was written.
     */
    public static final String CORRUPT_READ_SUFFIX = ".corrupt_read_probability";

    /** The device's power-loss parameter, if its provider declares one (a LONG named {@code <namespace>.power_loss_at_ns}). */
    public static Optional<String> powerLossParameter(ProviderRegistry registry, String device) {
        return registry.device(device).parameters().stream()
                .filter(s -> s.type() == ParameterSpec.Type.LONG && s.name().endsWith(POWER_LOSS_SUFFIX))
                .map(ParameterSpec::name).findFirst();
    }
}
