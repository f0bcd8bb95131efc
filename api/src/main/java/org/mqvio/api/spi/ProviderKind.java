package org.mqvio.api.spi;

/** The kinds of pluggable part, each with its provider interface. */
public enum ProviderKind {
    DATA_PLANE("data plane", DataPlaneProvider.class),
    BLOCK_LAYER("block layer", BlockLayerProvider.class),
    DEVICE("device", StorageDeviceProvider.class);

    private final String label;
    private final Class<? extends Provider> type;

    ProviderKind(String label, Class<? extends Provider> type) {
        this.label = label;
        this.type = type;
    }

    /** A human name for messages ({@code data plane}). */
    public String label() {
        return label;
    }

    /** The provider interface. */
    public Class<? extends Provider> type() {
        return type;
    }
}
