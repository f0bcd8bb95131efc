/**
 * mqvio's API: the request model, the four service interfaces ({@link org.mqvio.api.virtio.Virtqueue},
 * {@link org.mqvio.api.virtio.IoThread}, {@link org.mqvio.api.block.BlockLayer},
 * {@link org.mqvio.api.device.StorageDevice}), the provider interfaces through which implementations are
 * found, the runtime contract that component code is written against, and the cost model.
 *
 * <p>This module depends on {@code java.base} and SLF4J's API only (not transitively: a provider that fails to
 * load is logged; the program chooses the backend). It {@code uses} every provider interface, so
 * {@link org.mqvio.api.spi.ProviderRegistry} can discover implementations on the module path.
 */
module org.mqvio.api {
    requires org.slf4j;

    exports org.mqvio.api;
    exports org.mqvio.api.block;
    exports org.mqvio.api.cost;
    exports org.mqvio.api.dataplane;
    exports org.mqvio.api.device;
    exports org.mqvio.api.runtime;
    exports org.mqvio.api.spi;
    exports org.mqvio.api.stats;
    exports org.mqvio.api.virtio;

    uses org.mqvio.api.spi.DataPlaneProvider;
    uses org.mqvio.api.spi.BlockLayerProvider;
    uses org.mqvio.api.spi.StorageDeviceProvider;
}
