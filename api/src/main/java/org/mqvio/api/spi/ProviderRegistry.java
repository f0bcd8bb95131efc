package org.mqvio.api.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place providers are discovered: {@link ServiceLoader} over every {@link ProviderKind}, indexed by
 * stable name. Loading fails loudly: a provider that cannot be instantiated, or two providers of one kind
 * with the same name, is a {@link ProviderException} naming the culprit and the providers that did load (a
 * provider that failed to load is also logged, as a warning).
 * Asking for an unknown name is a {@link ProviderException} listing the names that exist.
 */
public final class ProviderRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private final Map<ProviderKind, Map<String, Provider>> byKind;

    private ProviderRegistry(Map<ProviderKind, Map<String, Provider>> byKind) {
        this.byKind = byKind;
    }

    /** Discovers the providers visible to the {@code org.mqvio.api} module (module path or class path). */
    public static ProviderRegistry load() {
        return load(kind -> ServiceLoader.load(kind.type()).iterator());
    }

    /** Discovers the providers of a module layer (for plug-in layers built at run time). */
    public static ProviderRegistry load(ModuleLayer layer) {
        return load(kind -> ServiceLoader.load(layer, kind.type()).iterator());
    }

    /**
     * Builds a registry from explicit iterators per kind. Used by {@link #load()}; public so that tests can
     * check the error handling with providers that fail on purpose.
     */
    public static ProviderRegistry load(Function<ProviderKind, Iterator<? extends Provider>> source) {
        Map<ProviderKind, Map<String, Provider>> byKind = new EnumMap<>(ProviderKind.class);
        List<String> failures = new ArrayList<>();
        for (ProviderKind kind : ProviderKind.values()) {
            Map<String, Provider> named = new LinkedHashMap<>();
            Iterator<? extends Provider> it = source.apply(kind);
            while (true) {
                Provider p;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    p = it.next();
                } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                    failures.add(logged(kind.label() + " provider failed to load: " + rootMessage(e), e));
                    continue;
                }
                String name;
                try {
                    name = p.name();
                } catch (RuntimeException e) {
                    failures.add(logged(kind.label() + " provider " + p.getClass().getName()
                            + " failed to report its name: " + rootMessage(e), e));
                    continue;
                }
                Provider previous = named.putIfAbsent(name, p);
                if (previous != null) {
                    failures.add("duplicate " + kind.label() + " name '" + name + "': " + previous.getClass().getName()
                            + " and " + p.getClass().getName());
                }
            }
            byKind.put(kind, Collections.unmodifiableMap(named));
        }
        ProviderRegistry registry = new ProviderRegistry(Collections.unmodifiableMap(byKind));
        if (!failures.isEmpty()) {
            throw new ProviderException(String.join("; ", failures) + ". Loaded: " + registry.describeAvailable());
        }
        return registry;
    }

    /**
     * The provider of {@code kind} named {@code name}.
     *
     * @throws ProviderException listing the available names when there is none
     */
    public Provider find(ProviderKind kind, String name) {
        Provider p = byKind.get(kind).get(name);
        if (p == null) {
            throw new ProviderException("unknown " + kind.label() + " '" + name + "'; available: "
                    + String.join(", ", names(kind)));
        }
        return p;
    }

    /** The data plane provider named {@code name}. */
    public DataPlaneProvider dataPlane(String name) {
        return (DataPlaneProvider) find(ProviderKind.DATA_PLANE, name);
    }

    /** The block layer provider named {@code name}. */
    public BlockLayerProvider blockLayer(String name) {
        return (BlockLayerProvider) find(ProviderKind.BLOCK_LAYER, name);
    }

    /** The storage device provider named {@code name}. */
    public StorageDeviceProvider device(String name) {
        return (StorageDeviceProvider) find(ProviderKind.DEVICE, name);
    }

    /** Every provider of {@code kind}, in discovery order. */
    public List<Provider> all(ProviderKind kind) {
        return List.copyOf(byKind.get(kind).values());
    }

    /** The names of the providers of {@code kind}, in discovery order. */
    public List<String> names(ProviderKind kind) {
        return List.copyOf(byKind.get(kind).keySet());
    }

    /** Every parameter declared by any provider, first declaration wins. */
    public List<ParameterSpec> allParameters() {
        Map<String, ParameterSpec> specs = new LinkedHashMap<>();
        byKind.values().forEach(m -> m.values().forEach(p -> p.parameters().forEach(s -> specs.putIfAbsent(s.name(), s))));
        return List.copyOf(specs.values());
    }

    private String describeAvailable() {
        List<String> parts = new ArrayList<>();
        byKind.forEach((k, m) -> parts.add(k.label() + "s: " + (m.isEmpty() ? "none" : String.join(", ", m.keySet()))));
        return String.join("; ", parts);
    }

    /** {@code failure}, logged as a warning (and with {@code cause}'s stack trace at debug level). */
    private static String logged(String failure, Throwable cause) {
        LOG.warn("{}", failure);
        LOG.debug("stack trace of: {}", failure, cause);
        return failure;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        StringBuilder sb = new StringBuilder(String.valueOf(t.getMessage()));
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            sb.append(" (caused by ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(')');
        }
        return sb.toString();
    }
}
