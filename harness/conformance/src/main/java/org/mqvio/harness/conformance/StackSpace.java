package org.mqvio.harness.conformance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.Provider;
import org.mqvio.api.spi.ProviderKind;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.harness.stack.StackConfig;

/**
 * The stacks a property ranges over: every combination of the data planes, guest and host block layers and
 * devices chosen (by default every one the {@link ProviderRegistry} found), 1 to 4 vCPUs and host CPUs, a
 * seed, and values for every parameter of the chosen providers ({@link ParameterCandidates}: the default most
 * often, the others sometimes). Immutable: each {@code with...} returns a new space.
 *
 * <p>It also says when a stack may reorder requests (see {@link #mayReorderByDefault}), which turns off the
 * per-queue order check for that stack.
 */
public final class StackSpace {
    /** Seeds range from 0 to this. */
    public static final long MAX_SEED = 1_000_000;

    private final ProviderRegistry registry;
    private final List<String> dataPlanes;
    private final List<String> guestBlockLayers;
    private final List<String> hostBlockLayers;
    private final List<String> devices;
    private final int maxVcpus;
    private final int maxHostCpus;
    private final Map<String, List<String>> values;
    private final Map<String, String> fixed;
    private final Predicate<StackConfig> reorderingAllowed;

    private StackSpace(ProviderRegistry registry, List<String> dataPlanes, List<String> guestBlockLayers,
                       List<String> hostBlockLayers, List<String> devices, int maxVcpus, int maxHostCpus,
                       Map<String, List<String>> values, Map<String, String> fixed,
                       Predicate<StackConfig> reorderingAllowed) {
        this.registry = registry;
        this.dataPlanes = List.copyOf(dataPlanes);
        this.guestBlockLayers = List.copyOf(guestBlockLayers);
        this.hostBlockLayers = List.copyOf(hostBlockLayers);
        this.devices = List.copyOf(devices);
        this.maxVcpus = maxVcpus;
        this.maxHostCpus = maxHostCpus;
        this.values = Map.copyOf(values);
        this.fixed = Map.copyOf(fixed);
        this.reorderingAllowed = reorderingAllowed;
    }

    /** Every provider {@code registry} found, up to 4 vCPUs and 4 host CPUs. */
    public static StackSpace of(ProviderRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        List<String> blockLayers = registry.names(ProviderKind.BLOCK_LAYER);
        return new StackSpace(registry, registry.names(ProviderKind.DATA_PLANE), blockLayers, blockLayers,
                registry.names(ProviderKind.DEVICE), 4, 4, Map.of(), Map.of(), StackSpace::mayReorderByDefault);
    }

    /** Every provider found on the module path. */
    public static StackSpace all() {
        return of(SharedRegistry.get());
    }

    /**
     * Whether mqvio's own knobs let {@code config} reorder requests: a setting {@code *.scheduler} other than
     * {@code none} (mq-deadline sorts), {@code *.elevator} other than {@code noop} (the single queue's deadline
     * elevator sorts), or {@code *.merge} / {@code *.merges} switched on (virtio-blk sorts the requests it
     * merges by sector, as QEMU does). Merging alone is not reordering: the order check follows a merged
     * command through its earliest request.
     */
    public static boolean mayReorderByDefault(StackConfig config) {
        for (Map.Entry<String, String> e : config.settings().entrySet()) {
            String key = e.getKey();
            String value = e.getValue().trim().toLowerCase(java.util.Locale.ROOT);
            if (key.endsWith(".scheduler") && !value.equals("none")) {
                return true;
            }
            if (key.endsWith(".elevator") && !value.equals("noop")) {
                return true;
            }
            if ((key.endsWith(".merge") || key.endsWith(".merges"))
                    && (value.equals("true") || value.equals("1") || value.equals("on") || value.equals("yes"))) {
                return true;
            }
        }
        return false;
    }

    public ProviderRegistry registry() {
        return registry;
    }

    /** Whether {@code config} may reorder requests, so per-queue order is not checked on it. */
    public boolean mayReorder(StackConfig config) {
        return reorderingAllowed.test(config);
    }

    /** Why no device of this space stores data; empty when one does. */
    public Optional<String> memoryBackedUnavailable() {
        List<String> reasons = new ArrayList<>();
        for (String d : devices) {
            Optional<String> why = DeviceFeatures.memoryBackedUnavailable(registry, d);
            if (why.isEmpty()) {
                return Optional.empty();
            }
            reasons.add(why.get());
        }
        return Optional.of(String.join("; ", reasons));
    }

    /**
     * This space with only its memory-backed devices, each set to store data.
     *
     * @throws IllegalStateException when none is (see {@link #memoryBackedUnavailable})
     */
    public StackSpace memoryBacked() {
        List<String> backed = new ArrayList<>();
        Map<String, String> f = new LinkedHashMap<>(fixed);
        for (String d : devices) {
            DeviceFeatures.memoryBackedParameter(registry, d).ifPresent(p -> {
                backed.add(d);
                f.put(p, "true");
            });
        }
        if (backed.isEmpty()) {
            throw new IllegalStateException(memoryBackedUnavailable().orElse("no memory-backed device"));
        }
        return new StackSpace(registry, dataPlanes, guestBlockLayers, hostBlockLayers, backed, maxVcpus, maxHostCpus,
                values, f, reorderingAllowed);
    }

    /**
     * Only the devices that store data and can lose power (a BOOLEAN {@code <ns>.memory_backed} and a LONG
     * {@code <ns>.power_loss_at_ns} parameter), set to store data; the loss time is the property's to choose.
     *
     * @throws IllegalStateException if no device of this space can
     */
    public StackSpace powerLoss() {
        List<String> able = new ArrayList<>();
        Map<String, String> f = new LinkedHashMap<>(fixed);
        for (String d : devices) {
            var backed = DeviceFeatures.memoryBackedParameter(registry, d);
            if (backed.isPresent() && DeviceFeatures.powerLossParameter(registry, d).isPresent()) {
                able.add(d);
                f.put(backed.get(), "true");
            }
        }
        if (able.isEmpty()) {
            throw new IllegalStateException(powerLossUnsupported().orElse("no device can lose power"));
        }
        return new StackSpace(registry, dataPlanes, guestBlockLayers, hostBlockLayers, able, maxVcpus, maxHostCpus,
                values, f, reorderingAllowed);
    }

    /** Why no device of this space can be checked across a power loss, or empty when one can. */
    public Optional<String> powerLossUnsupported() {
        for (String d : devices) {
            if (DeviceFeatures.memoryBackedParameter(registry, d).isPresent()
                    && DeviceFeatures.powerLossParameter(registry, d).isPresent()) {
                return Optional.empty();
            }
        }
        return Optional.of("no device of " + devices + " declares both a BOOLEAN <namespace>"
                + DeviceFeatures.MEMORY_BACKED_SUFFIX + " and a LONG <namespace>" + DeviceFeatures.POWER_LOSS_SUFFIX
                + " parameter, so the kit cannot cut the power and read back what survived");
    }

    /** The devices of this space. */
    public List<String> devices() {
        return devices;
    }

    /** Only these data planes. */
    public StackSpace withDataPlanes(String... names) {
        return new StackSpace(registry, checked(ProviderKind.DATA_PLANE, names), guestBlockLayers, hostBlockLayers,
                devices, maxVcpus, maxHostCpus, values, fixed, reorderingAllowed);
    }

    /** Only these block layers, in the guest and on the host. */
    public StackSpace withBlockLayers(String... names) {
        List<String> b = checked(ProviderKind.BLOCK_LAYER, names);
        return new StackSpace(registry, dataPlanes, b, b, devices, maxVcpus, maxHostCpus, values, fixed,
                reorderingAllowed);
    }

    /** Only these guest block layers. */
    public StackSpace withGuestBlockLayers(String... names) {
        return new StackSpace(registry, dataPlanes, checked(ProviderKind.BLOCK_LAYER, names), hostBlockLayers, devices,
                maxVcpus, maxHostCpus, values, fixed, reorderingAllowed);
    }

    /** Only these host block layers. */
    public StackSpace withHostBlockLayers(String... names) {
        return new StackSpace(registry, dataPlanes, guestBlockLayers, checked(ProviderKind.BLOCK_LAYER, names), devices,
                maxVcpus, maxHostCpus, values, fixed, reorderingAllowed);
    }

    /** Only these devices. */
    public StackSpace withDevices(String... names) {
        return new StackSpace(registry, dataPlanes, guestBlockLayers, hostBlockLayers,
                checked(ProviderKind.DEVICE, names), maxVcpus, maxHostCpus, values, fixed, reorderingAllowed);
    }

    /** vCPUs from 1 to {@code max}. */
    public StackSpace withMaxVcpus(int max) {
        positive("vCPUs", max);
        return new StackSpace(registry, dataPlanes, guestBlockLayers, hostBlockLayers, devices, max, maxHostCpus, values,
                fixed, reorderingAllowed);
    }

    /** Host CPUs from 1 to {@code max}. */
    public StackSpace withMaxHostCpus(int max) {
        positive("host CPUs", max);
        return new StackSpace(registry, dataPlanes, guestBlockLayers, hostBlockLayers, devices, maxVcpus, max, values,
                fixed, reorderingAllowed);
    }

    /** The values to try for {@code parameter}; the first is where shrinking goes. */
    public StackSpace withValues(String parameter, String... candidates) {
        if (candidates.length == 0) {
            throw new IllegalArgumentException("give at least one value for " + parameter);
        }
        Map<String, List<String>> v = new LinkedHashMap<>(values);
        v.put(parameter, List.of(candidates));
        return new StackSpace(registry, dataPlanes, guestBlockLayers, hostBlockLayers, devices, maxVcpus, maxHostCpus, v,
                fixed, reorderingAllowed);
    }

    /** {@code name=value} in every stack (a provider parameter, or a cost as {@code cost.KEY}). */
    public StackSpace withSetting(String name, String value) {
        Map<String, String> f = new LinkedHashMap<>(fixed);
        f.put(name, value);
        return new StackSpace(registry, dataPlanes, guestBlockLayers, hostBlockLayers, devices, maxVcpus, maxHostCpus,
                values, f, reorderingAllowed);
    }

    /** Which stacks may reorder requests (replacing {@link #mayReorderByDefault}). */
    public StackSpace withReorderingAllowedWhen(Predicate<StackConfig> predicate) {
        return new StackSpace(registry, dataPlanes, guestBlockLayers, hostBlockLayers, devices, maxVcpus, maxHostCpus,
                values, fixed, Objects.requireNonNull(predicate, "predicate"));
    }

    /** The generated stacks. */
    public Arbitrary<StackConfig> configs() {
        return Combinators.combine(Arbitraries.of(dataPlanes), Arbitraries.of(guestBlockLayers),
                        Arbitraries.of(hostBlockLayers), Arbitraries.of(devices),
                        Arbitraries.integers().between(1, maxVcpus), Arbitraries.integers().between(1, maxHostCpus),
                        Arbitraries.longs().between(0, MAX_SEED))
                .flatAs((dp, guest, host, device, vcpus, hostCpus, seed) -> settings(dp, guest, host, device)
                        .map(s -> new StackConfig(dp, guest, host, device, hostCpus, vcpus, seed, s)));
    }

    /** Values for every parameter of the chosen providers, plus the fixed settings. */
    private Arbitrary<Map<String, String>> settings(String dataPlane, String guest, String host, String device) {
        List<Provider> providers = new ArrayList<>();
        providers.add(registry.dataPlane(dataPlane));
        if (registry.dataPlane(dataPlane).virtualized()) {
            providers.add(registry.blockLayer(guest));
        }
        providers.add(registry.blockLayer(host));
        providers.add(registry.device(device));
        Map<String, List<String>> candidates = new LinkedHashMap<>();
        for (Provider p : providers) {
            for (ParameterSpec spec : p.parameters()) {
                if ((spec.name().endsWith(".power_loss_at_ns") || spec.name().endsWith(DeviceFeatures.CORRUPT_READ_SUFFIX))
                        && !fixed.containsKey(spec.name())) {
                    // A simulated power loss drops unflushed data, and a corrupted read returns wrong data, by
                    // design: they are for checks of durability and of data (fio's verify), never a generated
                    // setting for the invariants that assume the power stays on and the media returns what it holds.
                    continue;
                }
                if (!fixed.containsKey(spec.name())) {
                    candidates.putIfAbsent(spec.name(), values.getOrDefault(spec.name(), ParameterCandidates.of(spec)));
                }
            }
        }
        List<String> names = new ArrayList<>(candidates.keySet());
        List<Arbitrary<String>> arbitraries = names.stream().map(n -> ParameterCandidates.arbitrary(candidates.get(n)))
                .toList();
        if (arbitraries.isEmpty()) {
            return Arbitraries.just(fixed);
        }
        return Combinators.combine(arbitraries).as(chosen -> {
            Map<String, String> settings = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                if (!chosen.get(i).equals(candidates.get(names.get(i)).get(0)) || values.containsKey(names.get(i))) {
                    settings.put(names.get(i), chosen.get(i));
                }
            }
            settings.putAll(fixed);
            return settings;
        });
    }

    private List<String> checked(ProviderKind kind, String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("name at least one " + kind.label());
        }
        for (String n : names) {
            registry.find(kind, n);
        }
        return List.of(names);
    }

    private static void positive(String what, int max) {
        if (max < 1) {
            throw new IllegalArgumentException(what + " up to " + max + " is invalid; allowed: an integer >= 1");
        }
    }

    @Override
    public String toString() {
        return "StackSpace[data planes " + dataPlanes + ", guest block layers " + guestBlockLayers
                + ", host block layers " + hostBlockLayers + ", devices " + devices + ", vCPUs 1-" + maxVcpus
                + ", host CPUs 1-" + maxHostCpus + ", fixed " + fixed + "]";
    }
}
