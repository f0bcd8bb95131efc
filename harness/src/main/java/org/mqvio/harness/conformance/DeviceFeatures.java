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
 * reads return what was written. The kit does not cut a device's power, even where the device declares a
 * power-loss parameter ({@code nvme.power_loss_at_ns}); flush and FUA durability is checked on the device's
 * trace instead ({@link Invariants#flushFuaDurability}), and {@link #powerLossUnavailable} says so.
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

    /** The device's power-loss parameter, if its provider declares one (a LONG named {@code <namespace>.power_loss_at_ns}). */
    public static Optional<String> powerLossParameter(ProviderRegistry registry, String device) {
        return registry.device(device).parameters().stream()
                .filter(s -> s.type() == ParameterSpec.Type.LONG && s.name().endsWith(POWER_LOSS_SUFFIX))
                .map(ParameterSpec::name).findFirst();
    }

    /**
     * Why the kit does not check durability across a real power loss on {@code devices} (comma-separated
     * names): always present, since the kit checks the flush and FUA obligations on the device trace instead.
     */
    public static Optional<String> powerLossUnavailable(ProviderRegistry registry, String devices) {
        StringBuilder why = new StringBuilder("the kit does not cut the power of ");
        String sep = "";
        for (String d : devices.split(",\\s*")) {
            why.append(sep).append("device '").append(d).append("'");
            powerLossParameter(registry, d).ifPresent(p -> why.append(" (which declares ").append(p).append(")"));
            sep = ", ";
        }
        return Optional.of(why.append("; flush and FUA durability is checked on the device trace: a flush or FUA"
                + " write completes only after the device completed each write it covers with FUA, or completed a"
                + " flush it accepted after that write's command completed").toString());
    }
}
