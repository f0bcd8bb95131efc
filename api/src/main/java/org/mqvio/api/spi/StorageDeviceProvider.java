package org.mqvio.api.spi;

import org.mqvio.api.device.StorageDevice;

/** Creates a {@link StorageDevice} (for example {@code nvme}). */
public interface StorageDeviceProvider extends Provider {
    /**
     * Creates the device.
     *
     * @throws IllegalArgumentException if the parameters do not make a valid device, saying why
     */
    StorageDevice create(DeviceSetup setup);
}
