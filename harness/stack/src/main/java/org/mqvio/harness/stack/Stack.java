package org.mqvio.harness.stack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.mqvio.api.block.BlockDriver;
import org.mqvio.api.block.BlockLayer;
import org.mqvio.api.cost.CostTable;
import org.mqvio.api.dataplane.DataPlane;
import org.mqvio.api.device.StorageDevice;
import org.mqvio.api.runtime.ContextKind;
import org.mqvio.api.runtime.ContextSpec;
import org.mqvio.api.runtime.ExecutionContext;
import org.mqvio.api.runtime.Platform;
import org.mqvio.api.spi.BlockLayerProvider;
import org.mqvio.api.spi.BlockLayerSetup;
import org.mqvio.api.spi.DataPlaneProvider;
import org.mqvio.api.spi.DataPlaneSetup;
import org.mqvio.api.spi.DeviceSetup;
import org.mqvio.api.spi.ParameterSpec;
import org.mqvio.api.spi.Parameters;
import org.mqvio.api.spi.Provider;
import org.mqvio.api.spi.ProviderRegistry;
import org.mqvio.api.spi.StorageDeviceProvider;

/**
 * An assembled stack: the CPUs the jobs run on (guest vCPUs, or host CPUs for a data plane that is not
 * virtualized), the guest block layer (virtualized only), the data plane, the host block layer and the
 * device, wired in the order the {@link DataPlane} contract gives. Only names reach this class; implementations are
 * found through the {@link ProviderRegistry}.
 */
public final class Stack {
    /** Prefix of cost settings: {@code --set cost.KEY=VALUE}. */
    public static final String COST_PREFIX = "cost.";

    private final StackConfig config;
    private final List<ExecutionContext> vcpus;
    private final StorageDevice device;
    private final DataPlane dataPlane;
    private final BlockLayer hostBlockLayer;
    private final BlockLayer guestBlockLayer;

    private Stack(StackConfig config, List<ExecutionContext> vcpus, StorageDevice device, DataPlane dataPlane,
                  BlockLayer hostBlockLayer, BlockLayer guestBlockLayer) {
        this.config = config;
        this.vcpus = vcpus;
        this.device = device;
        this.dataPlane = dataPlane;
        this.hostBlockLayer = hostBlockLayer;
        this.guestBlockLayer = guestBlockLayer;
    }

    /**
     * The cost table for {@code config}: the file's defaults with every {@code cost.*} setting applied.
     *
     * @throws IllegalArgumentException for an unknown cost or an invalid value, naming what is allowed
     */
    public static CostTable costs(StackConfig config) {
        CostTable table = CostTableFile.defaults();
        for (Map.Entry<String, String> e : config.settings().entrySet()) {
            if (e.getKey().startsWith(COST_PREFIX)) {
                table = table.with(e.getKey().substring(COST_PREFIX.length()), e.getValue());
            }
        }
        return table;
    }

    /**
     * Checks every non-cost setting names a parameter some discovered provider declares, and that its value
     * parses, before anything is built.
     */
    public static void checkSettings(ProviderRegistry registry, StackConfig config) {
        Map<String, String> params = providerSettings(config);
        List<ParameterSpec> all = registry.allParameters();
        TreeSet<String> known = new TreeSet<>();
        all.forEach(s -> known.add(s.name()));
        for (Map.Entry<String, String> e : params.entrySet()) {
            ParameterSpec spec = all.stream().filter(s -> s.name().equals(e.getKey())).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("unknown parameter '" + e.getKey() + "'; known parameters: cost.KEY, "
                            + String.join(", ", known)));
            spec.parse(e.getValue());
        }
    }

    /** Builds the stack on {@code platform}. */
    public static Stack build(ProviderRegistry registry, StackConfig config, Platform platform) {
        return build(registry, config, platform, UnaryOperator.identity());
    }

    /**
     * Builds the stack on {@code platform} with the device seen through {@code deviceDecorator}: the host
     * block layer is created over (and binds) the device it returns, and {@link #device()} is that one. The
     * conformance kit uses it to observe every command at the device; a decorator must pass every call on.
     */
    public static Stack build(ProviderRegistry registry, StackConfig config, Platform platform,
                              UnaryOperator<StorageDevice> deviceDecorator) {
        checkSettings(registry, config);
        DataPlaneProvider dpp = registry.dataPlane(config.dataPlane());
        BlockLayerProvider gbp = registry.blockLayer(config.guestBlockLayer());
        BlockLayerProvider hbp = registry.blockLayer(config.hostBlockLayer());
        StorageDeviceProvider devp = registry.device(config.device());

        boolean virtualized = dpp.virtualized();
        List<ExecutionContext> vcpus = new ArrayList<>();
        for (int i = 0; i < config.vcpus(); i++) {
            vcpus.add(platform.newContext(virtualized ? ContextSpec.of("vcpu" + i, ContextKind.VCPU)
                    : ContextSpec.of("cpu" + i, ContextKind.HOST)));
        }
        StorageDevice device = Objects.requireNonNull(deviceDecorator.apply(
                devp.create(new DeviceSetup(platform, parameters(devp, config), config.hostCpus()))), "decorated device");
        DataPlane dataPlane = dpp.create(new DataPlaneSetup(platform, parameters(dpp, config), vcpus));
        BlockLayer host = hbp.create(new BlockLayerSetup(platform, parameters(hbp, config), BlockLayerSetup.Role.HOST,
                dataPlane.hostSubmitters(), device));
        dataPlane.connect(host);
        Optional<BlockDriver> guestDriver = dataPlane.guestDriver();
        if (guestDriver.isPresent() != virtualized) {
            throw new IllegalStateException("data plane provider '" + dpp.name() + "' says it is "
                    + (virtualized ? "" : "not ") + "virtualized but its data plane has " + (virtualized ? "no" : "a")
                    + " guest driver; a data plane has a guest driver exactly when its provider is virtualized");
        }
        BlockLayer guest = guestDriver.map(driver -> gbp.create(new BlockLayerSetup(platform, parameters(gbp, config),
                BlockLayerSetup.Role.GUEST, vcpus, driver))).orElse(null);
        return new Stack(config, List.copyOf(vcpus), device, dataPlane, host, guest);
    }

    private static Parameters parameters(Provider provider, StackConfig config) {
        Map<String, String> mine = new LinkedHashMap<>();
        for (ParameterSpec s : provider.parameters()) {
            String v = config.settings().get(s.name());
            if (v != null) {
                mine.put(s.name(), v);
            }
        }
        return Parameters.resolve(provider.parameters(), mine);
    }

    private static Map<String, String> providerSettings(StackConfig config) {
        Map<String, String> m = new LinkedHashMap<>();
        config.settings().forEach((k, v) -> {
            if (!k.startsWith(COST_PREFIX)) {
                m.put(k, v);
            }
        });
        return m;
    }

    public StackConfig config() {
        return config;
    }

    /** The CPUs the jobs run on: guest vCPUs, or host CPUs when the data plane is not virtualized. */
    public List<ExecutionContext> vcpus() {
        return vcpus;
    }

    public StorageDevice device() {
        return device;
    }

    public DataPlane dataPlane() {
        return dataPlane;
    }

    public BlockLayer hostBlockLayer() {
        return hostBlockLayer;
    }

    /** The guest block layer; empty when the data plane is not virtualized. */
    public Optional<BlockLayer> guestBlockLayer() {
        return Optional.ofNullable(guestBlockLayer);
    }

    /** The block layer the jobs submit to: the guest's, or the host's when there is no guest. */
    public BlockLayer submissionLayer() {
        return guestBlockLayer != null ? guestBlockLayer : hostBlockLayer;
    }
}
